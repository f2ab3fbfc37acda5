import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The command's tests run its build (dist/main.js) as an operator does, in child processes.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/pack.test.ts'],
    maxWorkers: 2,
    ...sharedSettings(),
  },
});
