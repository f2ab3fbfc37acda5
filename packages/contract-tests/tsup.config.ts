import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

export default defineConfig({
  // The spec's YAML form ships beside the code: Prism reads a file (src/prism.ts's DEFAULT_SPEC).
  entry: {
    prism: 'src/prism.ts',
    'proxy-cli': 'src/proxy-cli.ts',
    'suite-cli': 'src/suite-cli.ts',
    spec: 'src/spec.ts',
    openapi: fileURLToPath(import.meta.resolve('@sms-task/spec/openapi.yaml')),
    // Loaded into Prism's own process (node --require), as it is.
    'prism-keep-alive': 'src/prism-keep-alive.cjs',
  },
  loader: { '.yaml': 'copy', '.cjs': 'copy' },
  format: ['esm'],
  dts: { entry: ['src/prism.ts', 'src/spec.ts'], resolve: [/^@sms-task\/spec/] },
  clean: true,
  target: 'node20',
  platform: 'node',
  // The spec, its reader and the command-line kit come from private workspace packages: they ship
  // inside this one.
  noExternal: ['@sms-task/spec', '@sms-task/cli-kit'],
});
