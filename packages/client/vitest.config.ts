import { sharedSettings } from '@sms-task/test-support/vitest';
import { defineConfig } from 'vitest/config';

// CI's reruns on Node 22 and 24 (SMS_NODE_MATRIX=1) leave out what does not depend on the Node that
// runs vitest: the browser project (the page runs in Chromium), the tarball and README checks
// (vitest.tarball.config.ts: npm, tsc, Bun, Deno), and the undici-dispatcher project (the pinned undici
// package is the same code on every Node; Node's own fetch and node:http are what change).
// The Node 20 run covers them.
const matrix = process.env.SMS_NODE_MATRIX === '1';
// SMS_NO_VOLUME=1 (CI's reruns on Node 22 and 24) also leaves out the fuzz and load volumes: the
// client's own handling of thousands of answers and calls, proven on Node 20 through every transport,
// while each behaviour test that meets Node's fetch and node:http still runs on that Node.
const VOLUME_EXCLUDE = process.env.SMS_NO_VOLUME === '1' ? ['test/fuzz.test.ts', 'test/load.test.ts'] : [];
// The Node transport projects leave out the files that pick their transport themselves (run once,
// in the fetch project), the tarball and README tests (vitest.tarball.config.ts) and the browser's.
const NODE_EXCLUDE = [
  'test/transport.test.ts',
  'test/exit.test.ts',
  'test/package.test.ts',
  'test/pack.test.ts',
  'test/readme.test.ts',
  'test/interception.test.ts',
  'test/browser.test.ts',
  // Pure functions (the path encoding): no transport is involved, so the fetch project's run is enough.
  'test/encode.test.ts',
];
// The fuzz's answers reach the client through each transport; the fetch project throws 3,000 at it,
// the other two 1,000 each (FUZZ_RUNS), which still covers every kind of answer.
const OTHER_TRANSPORT_FUZZ_RUNS = process.env.FUZZ_RUNS ?? '1000';
// The type tests (test/*.test-d.ts) are checked by `pnpm lint` (tsc over src and test), once.
export default defineConfig({
  test: {
    // The load test measures heap growth after a forced GC.
    execArgv: ['--expose-gc'],
    // One module graph per worker, not per file: every file starts its own servers and restores
    // what it changes, and re-importing the client for each file was a fifth of the suite's time.
    isolate: false,
    // Two files at a time on Node 20: vitest's default on CI's two cores is one, and this run, the
    // heaviest of CI's, ended last with its load and fuzz files waiting for each other while the
    // other core idled. The reruns on Node 22 and 24 keep one worker: they run beside it.
    ...(matrix ? {} : { maxWorkers: 2 }),
    // Timeouts as hang guards, and CI's reports. SMS_REPORT names the run (CI runs the suite once per
    // Node version) so reports do not overwrite each other.
    ...sharedSettings(process.env.SMS_REPORT ?? ''),
    projects: [
      {
        extends: true,
        test: {
          name: 'fetch',
          include: ['test/**/*.test.ts'],
          // The tarball and README tests are a task of their own: vitest.tarball.config.ts.
          exclude: [
            'test/browser.test.ts',
            'test/pack.test.ts',
            'test/readme.test.ts',
            'test/interception.test.ts',
            ...VOLUME_EXCLUDE,
          ],
          env: { SMS_TEST_TRANSPORT: 'fetch' },
        },
      },
      {
        extends: true,
        // The same behaviour tests against the Node transport (node:http + keep-alive agent).
        test: {
          name: 'node-transport',
          include: ['test/**/*.test.ts'],
          exclude: [...NODE_EXCLUDE, ...VOLUME_EXCLUDE],
          env: {
            SMS_TEST_TRANSPORT: 'node',
            FUZZ_RUNS: OTHER_TRANSPORT_FUZZ_RUNS,
          },
        },
      },
      ...(matrix
        ? []
        : [
            {
              extends: true as const,
              // And once more with the Node transport sending through an undici dispatcher.
              test: {
                name: 'undici-dispatcher',
                include: ['test/**/*.test.ts'],
                exclude: NODE_EXCLUDE,
                env: {
                  SMS_TEST_TRANSPORT: 'undici',
                  FUZZ_RUNS: OTHER_TRANSPORT_FUZZ_RUNS,
                },
              },
            },
          ]),
      ...(matrix
        ? []
        : [
            {
              extends: true as const,
              // The built package, bundled for the browser, in headless Chromium (CHROMIUM_PATH, or Debian's).
              test: { name: 'browser', include: ['test/browser.test.ts'] },
            },
          ]),
    ],
  },
});
