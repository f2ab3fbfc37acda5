import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // One browser page walks through the docs in order.
    sequence: { concurrent: false },
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default'],
  },
});
