import { defineConfig } from 'tsup';

// One self-contained bundle: the MCP SDK, zod, the wave engine and the client are inlined, so that
// `npx @sms-task/mcp` installs nothing else and no dependency can drift under the server.
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  noExternal: [/.*/],
  clean: true,
  target: 'node20',
  platform: 'node',
  banner: {
    // A bundled CommonJS dependency calls require().
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
