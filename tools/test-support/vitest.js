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
