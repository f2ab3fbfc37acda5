import { defineConfig } from 'vitest/config';
import suite from './suite/vitest.config.js';

export default defineConfig({
  test: {
    ...suite.test,
    include: [...suite.test!.include!, 'test/**/*.test.ts'],
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'reports/vitest.json' }], ['junit', { outputFile: 'reports/junit.xml' }]]
      : ['default', ['junit', { outputFile: 'reports/junit.xml' }]],
  },
});
