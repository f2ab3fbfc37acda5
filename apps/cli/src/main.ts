#!/usr/bin/env node
// sms-task's entry: `--version` is answered before anything else loads, so it costs about what an
// empty Node process does; everything else is in commands.ts.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`sms-task ${version}\n`);
} else {
  // Output closed by its reader (EPIPE) ends the wave (cut.ts), never the process with a stack trace.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  const { main } = await import('./commands.js');
  const code = await main(args);
  // Exit now: idle keep-alive connections and a standard input left unread must not hold the process.
  if (process.stdout.destroyed) process.exit(code);
  process.stdout.write('', () => process.exit(code));
}
