import { defineConfig } from 'vitest/config';

// The package as strangers get it: packed, installed with npm into a new project, run as a command.
export default defineConfig({
  test: {
    include: ['test/pack.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: process.env.CI
      ? [
          'default',
          ['json', { outputFile: 'reports/vitest-tarball.json' }],
          ['junit', { outputFile: 'reports/junit-tarball.xml' }],
        ]
      : ['default'],
  },
});
