#!/usr/bin/env node
// Runs the pnpm version pinned in package.json#packageManager on a machine that has only
// Node and npm: corepack fails here (signature keys), so npx fetches the exact version.
// A pnpm of that exact version already on PATH is used as is.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const version = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager ?? '')?.[1];
if (!version) {
  console.error(`package.json#packageManager must pin pnpm (found ${packageManager ?? 'nothing'})`);
  process.exit(1);
}
const win = process.platform === 'win32';
const probe = spawnSync(win ? 'pnpm.cmd' : 'pnpm', ['--version'], { encoding: 'utf8', shell: win });
const local = probe.status === 0 && probe.stdout.trim() === version;
const dir = fileURLToPath(root);
// npx started in the workspace reads its whole node_modules tree first (3 CPU-seconds here): it is
// started in the temporary folder, and pnpm told where the workspace is.
const [cmd, args, cwd] = local
  ? [win ? 'pnpm.cmd' : 'pnpm', process.argv.slice(2), dir]
  : [win ? 'npx.cmd' : 'npx', ['-y', `pnpm@${version}`, '--dir', dir, ...process.argv.slice(2)], tmpdir()];
const run = spawnSync(cmd, args, {
  stdio: 'inherit',
  shell: win,
  cwd,
  env: { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', ...process.env },
});
process.exit(run.status ?? 1);
