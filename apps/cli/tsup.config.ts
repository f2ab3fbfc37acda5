import { defineConfig } from 'tsup';

// One self-contained bundle: the client, the argument parser and the renderers are inlined, so the
// command loads one file and starts fast. `--version` is answered before the rest is loaded.
export default defineConfig({
  entry: ['src/main.ts', 'src/commands.ts'],
  format: ['esm'],
  noExternal: [/.*/],
  splitting: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  banner: {
    // Bundled CommonJS dependencies (cli-progress, cli-table3) call require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
