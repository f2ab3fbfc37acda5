#!/usr/bin/env node
// sms-task-mcp: the MCP server on standard input and output (what hosts launch). Settings come from
// the command line and the environment, at start only; standard output carries the protocol alone,
// every log line goes to standard error.
import { readFileSync } from 'node:fs';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { WaveError } from '@sms-task/wave';
import { type App, createApp } from './app.js';
import { mcpServer, NAME } from './server.js';
import { readSettings, USAGE, UsageError } from './settings.js';
import { endOnSignals } from './shutdown.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const fail = (message: string, code: number): never => {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(code);
};

let settings: ReturnType<typeof readSettings>;
try {
  settings = readSettings(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  fail(`${error.message}\n${USAGE}`, 2);
}
if (settings!.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (settings!.version) {
  process.stdout.write(`${NAME} ${version}\n`);
  process.exit(0);
}

let app: App;
try {
  app = createApp(settings!, process.env);
} catch (error) {
  if (!(error instanceof WaveError)) throw error;
  fail(error.message, 3);
}
const handle = serveStdio(() => mcpServer(app, version), {
  onerror: (error) => app.log(`protocol: ${error.message}`),
});
const writes = settings!.writes.size ? `writes: ${[...settings!.writes].join(', ')}` : 'read-only';
app!.log(`${version} on stdio (${writes}; confirm: ${settings!.confirm}); journals in ${settings!.reportsDir}`);
endOnSignals(
  app!,
  () => handle.close(),
  (code) => process.exit(code),
);
