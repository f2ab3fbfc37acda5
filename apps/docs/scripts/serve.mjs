#!/usr/bin/env node
// Serves apps/docs/dist on localhost (default port 8080; PORT or --port to change), its flags read
// by the CLI kit as every command of the workspace reads them: --help, a one-line reason and exit 2
// on bad usage, one line when the port is taken.
import { isPortInUse, portInUse, readCommandLine } from '@sms-task/cli-kit';
import { serveDocs } from './server.mjs';

const USAGE = `usage: pnpm --filter @sms-task/docs preview [-- --port 8080] [--host 127.0.0.1]
  Serves the built docs (apps/docs/dist): the page, openapi.yaml, llms.txt, llms-full.txt and the
  Markdown of each operation and guide. PORT sets the port too; 0 picks a free one.`;

const cli = readCommandLine({
  name: 'docs preview',
  usage: USAGE,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const { host } = cli.values;
const port = cli.port(cli.values.port, '--port (or PORT)');
try {
  const { url } = await serveDocs({ port, host });
  console.log(`API docs: ${url}/ (Markdown for agents: ${url}/llms.txt)`);
} catch (error) {
  const reason = isPortInUse(error) ? portInUse(port, { what: `on ${host}`, how: '--port or PORT' }) : error.message;
  console.error(`docs preview: ${reason}`);
  process.exit(1);
}
