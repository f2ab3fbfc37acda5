// The vitest settings every package's test run shares. Timeouts are hang guards, never verdicts: on
// a busy 2-core machine a test that starts processes (npm, tsc, Prism, Chromium) can take minutes.
// In CI each run also writes JSON (which scripts/ci.mjs sums into its closing line) and JUnit
// reports, named by `run`.

/** @param {string} [run] a suffix for the report files, e.g. '-tarball' */
export function sharedSettings(run = '') {
  return {
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: process.env.CI
      ? [
          'default',
          ['json', { outputFile: `reports/vitest${run}.json` }],
          ['junit', { outputFile: `reports/junit${run}.xml` }],
        ]
      : ['default'],
  };
}

/**
 * The tests of a package's build (the sandbox's, the command line's): every test file but the
 * packed tarball's (a config and turbo task of its own), two files at a time on CI's two cores.
 * One module graph per worker, not per file: every file starts its own servers and restores what
 * it changes, and importing the built package again for each file is work repeated.
 */
export function buildTestSettings() {
  return {
    include: ['test/**/*.test.ts'],
    exclude: ['test/pack.test.ts'],
    maxWorkers: 2,
    isolate: false,
    ...sharedSettings(),
  };
}
