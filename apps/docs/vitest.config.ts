import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Hang guards only, never verdicts: on a busy 2-core machine Chromium and the stack can take minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One browser page walks through the docs in order.
    sequence: { concurrent: false },
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default'],
  },
});
