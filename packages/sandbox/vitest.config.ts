import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The sandbox's tests, run against its build (dist/), as it ships. The packed tarball has its own
// config and turbo task (test:tarball).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/pack.test.ts'],
    maxWorkers: 2,
    // One module graph per worker, not per file: every file starts its own servers and restores
    // what it changes, and importing the built package again for each file is work repeated.
    isolate: false,
    ...sharedSettings(),
  },
});
