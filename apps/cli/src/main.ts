#!/usr/bin/env node
// sms-task's entry: `--version` is answered before anything else loads, so it costs about what an
// empty Node process does; everything else is in program.ts.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`sms-task ${version}\n`);
} else {
  const { main } = await import('./program.js');
  const code = await main(args);
  // Exit now: idle keep-alive connections and a standard input left unread must not hold the process.
  process.stdout.write('', () => process.exit(code));
}
