import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each case runs redocly diff: slow on a busy machine, hence the shared hang guards.
    ...sharedSettings(),
  },
});
