import { defineConfig } from 'vitest/config';

// The contract suite alone, as `sms-contract-tests` runs it from an installed package (paths are
// relative to the package). The repository's own config adds the package's tests of itself.
export default defineConfig({
  test: {
    include: ['suite/**/*.test.ts'],
    globalSetup: ['suite/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
