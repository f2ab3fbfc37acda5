import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// The package as strangers get it (pack.test.ts: the packed tarball in a new project, on Node,
// Bun and Deno) and the README's snippets type-checked (readme.test.ts). A turbo task of its own
// (`test:tarball`), so that its npm, tsc, Bun and Deno runs overlap the behaviour tests instead
// of queueing behind them in one vitest worker.
export default defineConfig({
  test: {
    include: ['test/pack.test.ts', 'test/readme.test.ts', 'test/interception.test.ts'],
    ...sharedSettings('-tarball'),
  },
});
