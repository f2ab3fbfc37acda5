import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/aksk.ts', 'src/aksk-node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // Node built-ins are only imported by the `node` condition's entries (node, aksk-node), and keep
  // their `node:` prefix, which every runtime with Node compatibility understands.
  external: [/^node:/],
  removeNodeProtocol: false,
  treeshake: true,
  // Also for CommonJS: the AK/SK entry must share the error classes (and so `instanceof`) with the main one.
  splitting: true,
  tsconfig: 'tsconfig.build.json',
});
