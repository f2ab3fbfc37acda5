import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards only, never verdicts: on a busy 2-core machine each case runs redocly diff.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default'],
  },
});
