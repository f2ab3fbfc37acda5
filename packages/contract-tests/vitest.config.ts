import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The package's tests of itself. The contract suite (suite/, with its own config) is not run here:
// pack.test.ts runs it as installed, with the sms-contract-tests command on Node 20, and CI runs
// that command again on Node 22 and 24 (`pnpm suite` runs it from this folder).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two files at a time on CI's 2 cores: most of these tests wait on child processes.
    maxWorkers: 2,
    ...sharedSettings(),
  },
});
