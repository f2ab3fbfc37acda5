#!/usr/bin/env node
// The whole test suite, as CI runs it (`npm test` → here, after a frozen-lockfile install):
//   1. generated code must match the spec (checked before anything regenerates it);
//   2. turbo: lint (spec + types) → generate → build → check (publint, attw, size) → test;
//   3. the client's tests and the contract suite again under Node 22 and 24;
//   4. a second build must be a full turbo cache hit, and the tree must be unchanged.
// It ends with one line `N passed, N failed, N skipped` summed over every vitest run, and
// exits non-zero when any step or test failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, CI: 'true', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const workspaces = ['packages', 'apps'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)));
const failedSteps = [];
const started = Date.now();

const groupStart = (name, cmd, args) => `\n::group:: ${name}\n$ ${[cmd, ...args].join(' ')}`;

/** Ends a step's group, and records it as failed unless it exited 0. */
function groupEnd(name, code, signal) {
  const ok = code === 0;
  console.log(`::endgroup:: ${name}: ${ok ? 'ok' : `FAILED (exit ${code ?? signal})`}`);
  if (!ok) failedSteps.push(name);
}

function step(name, cmd, args, options = {}) {
  console.log(groupStart(name, cmd, args));
  const run = spawnSync(cmd, args, { cwd: root, env, stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...options });
  if (options.capture) process.stdout.write(run.stdout ?? '');
  groupEnd(name, run.status, run.signal);
  return run;
}

/** `step` without blocking: the output is collected and printed in one piece at the end. */
function stepAsync(name, cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    // A command that cannot start (not found) still ends in 'close', as a failed step.
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      process.stdout.write(`${groupStart(name, cmd, args)}\n${Buffer.concat(output)}`);
      groupEnd(name, code, signal);
      resolve();
    });
  });
}

function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  if (candidates.some((p) => existsSync(p))) return;
  // The docs are tested in Debian's Chromium (no browser download from the npm registry works here).
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    step('install Chromium (apt)', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null']);
  } else {
    console.warn('Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; the docs browser test will fail.');
  }
}

for (const ws of workspaces) rmSync(join(ws, 'reports'), { recursive: true, force: true });
ensureChromium();

step('generated code matches the spec', 'pnpm', ['--filter', '@sms-task/client', 'run', 'generate:check']);
step('lint, build, check and test (turbo)', 'pnpm', ['exec', 'turbo', 'run', 'lint', 'build', 'check', 'test', '--continue']);

// The two Node versions run side by side (much of these runs is waiting on sockets and timers);
// each one's output is printed whole when it ends, so the log stays readable.
await Promise.all(
  ['22', '24'].map(async (version) => {
    // SMS_NODE_MATRIX leaves out what does not depend on this Node (see vitest.config.ts); the fuzz
    // volume proves the client on Node 20, and 1,000 cases a project show the same behaviour here.
    await stepAsync(`client tests on Node ${version}`, 'npx', ['-y', `node@${version}`, 'node_modules/vitest/vitest.mjs', 'run', '--typecheck.enabled=false'], {
      cwd: join(root, 'packages/client'),
      env: { ...env, SMS_REPORT: `-node${version}`, SMS_NODE_MATRIX: '1', FUZZ_RUNS: '1000' },
    });
    // The contract suite as teams run it (the installed command), against the mock it starts.
    await stepAsync(`contract suite on Node ${version}`, 'npx', ['-y', `node@${version}`, 'dist/suite-cli.js', '--json', `reports/vitest-node${version}.json`], {
      cwd: join(root, 'packages/contract-tests'),
    });
  }),
);

const rebuild = step('second build is a full cache hit', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=none'], { capture: true });
const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(rebuild.stdout?.replace(/\x1b\[[0-9;]*m/g, '') ?? '');
if (rebuild.status === 0 && (!cached || cached[1] !== cached[2])) failedSteps.push('second build is a full cache hit (it was not)');

const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
if (dirty.stdout.trim()) {
  console.error(`The run changed tracked files (generated code drifted?):\n${dirty.stdout}`);
  failedSteps.push('tree unchanged by the run');
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const ws of workspaces) {
  const dir = join(ws, 'reports');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => /^vitest.*\.json$/.test(f))) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    // A suite that crashed before its tests ran counts as a failure too.
    failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  }
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join('; ')}`);
console.log(`\nci: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length || failed || passed === 0 ? 1 : 0);
