import { defineConfig } from 'vitest/config';

// The sandbox's tests, run against its build (dist/), as it ships. The packed tarball has its own
// config and turbo task (test:tarball).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/pack.test.ts'],
    // Hang guards only, never verdicts: a busy 2-core machine can take long to run the suite.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default'],
  },
});
