import { defineConfig } from 'vitest/config';

// The package's tests of itself. The contract suite (suite/, with its own config) is not run here:
// pack.test.ts runs it as installed, with the sms-contract-tests command on Node 20, and CI runs
// that command again on Node 22 and 24 (`pnpm suite` runs it from this folder).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards only, never verdicts: on a busy 2-core machine a test that runs the suite or
    // Prism in a child process can take minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Two files at a time on CI's 2 cores: most of these tests wait on child processes.
    maxWorkers: 2,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default', ['junit', { outputFile: 'reports/junit.xml' }]],
  },
});
