import { defineConfig } from 'vitest/config';

// The contract suite alone, as `sms-contract-tests` runs it from an installed package (paths are
// relative to the package). The repository's own config adds the package's tests of itself.
export default defineConfig({
  test: {
    include: ['suite/**/*.test.ts'],
    // One worker and one module graph for the three files: the server under test is the work, and
    // a worker and a fresh import of the client per file cost more than running them side by side saves.
    maxWorkers: 1,
    isolate: false,
    globalSetup: ['suite/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
