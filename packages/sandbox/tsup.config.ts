import { defineConfig } from 'tsup';

// src/ by layer: state/ (tasks and their rules), protocol/ (requests to answers), adapters/ (the
// in-process fetch, node:http, MSW), command/ (sms-sandbox). The entries keep the names the
// package's exports point at: index, browser (all but the server, for bundlers that target
// browsers), msw (the optional MSW handlers) and cli.
const entries = {
  index: 'src/index.ts',
  browser: 'src/browser.ts',
  msw: 'src/adapters/msw.ts',
};

export default defineConfig({
  entry: { ...entries, cli: 'src/command/cli.ts' },
  format: ['esm'],
  dts: { entry: entries },
  clean: true,
  target: 'node20',
  platform: 'node',
  // The spec, its reader and the command-line kit come from private workspace packages: they ship
  // inside this one.
  noExternal: ['@sms-task/spec', '@sms-task/cli-kit'],
});
