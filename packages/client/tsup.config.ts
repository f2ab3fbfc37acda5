import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // Node built-ins are only imported by the `node` entry.
  external: [/^node:/],
  treeshake: true,
  tsconfig: 'tsconfig.build.json',
});
