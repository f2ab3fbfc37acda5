import { defineConfig } from 'vitest/config';
import suite from './suite/vitest.config.js';

export default defineConfig({
  test: {
    ...suite.test,
    include: [...suite.test!.include!, 'test/**/*.test.ts'],
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
