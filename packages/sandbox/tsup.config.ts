import { defineConfig } from 'tsup';

export default defineConfig({
  // browser: all but the server, for bundlers that target browsers; msw: the optional MSW handlers.
  entry: ['src/index.ts', 'src/browser.ts', 'src/msw.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/browser.ts', 'src/msw.ts'] },
  clean: true,
  target: 'node20',
  platform: 'node',
  // The spec, its reader and the command-line kit come from private workspace packages: they ship
  // inside this one.
  noExternal: ['@sms-task/spec', '@sms-task/cli-kit'],
});
