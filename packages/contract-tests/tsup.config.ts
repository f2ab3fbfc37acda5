import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/prism.ts', 'src/proxy-cli.ts', 'src/suite-cli.ts'],
  format: ['esm'],
  dts: { entry: ['src/prism.ts'] },
  clean: true,
  target: 'node20',
  platform: 'node',
});
