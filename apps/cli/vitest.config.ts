import { defineConfig } from 'vitest/config';

// The command's tests run its build (dist/main.js) as an operator does, in child processes.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/pack.test.ts'],
    // Hang guards only, never verdicts.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default'],
  },
});
