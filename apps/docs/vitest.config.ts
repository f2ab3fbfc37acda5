import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One browser page walks through the docs in order.
    sequence: { concurrent: false },
    ...sharedSettings(),
  },
});
