#!/usr/bin/env node
// The whole test suite, as CI runs it (`npm test` → here, after a frozen-lockfile install):
//   1. generated code must match the spec (checked before anything regenerates it);
//   2. turbo: generate → build, with the linters of the spec and the formatting beside it, and the
//      spec change gate (pnpm spec:diff) against the last release; the gate's own tests start
//      before step 1, beside everything up to step 3;
//   3. side by side: every package's types in one tsc -b, package checks (publint, attw, size) and
//      every package's tests (turbo; the contract package's started first, beside it), and the
//      client's tests and the contract suite under Node 22 and 24;
//   4. a second build must be a full turbo cache hit, and the tree must be unchanged.
// Every step prints how long it took, and turbo's steps how long each task took. It ends with one
// line `N passed, N failed, N skipped` summed over every vitest run, and exits non-zero when any
// step or test failed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The browsers the tests launch, in their order (the tests' own list).
import { BROWSERS } from '../tools/test-support/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = {
  ...process.env,
  CI: 'true',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};
const workspaces = ['packages', 'apps', 'tools'].flatMap((dir) =>
  readdirSync(join(root, dir)).map((name) => join(root, dir, name)),
);
const failedSteps = [];
const timings = [];
const started = performance.now();

// How many test tasks run at once: the contract package's tests, and turbo's (see the test step below;
// its short checks, the spec gate's tests still running, and the other Nodes' runs come beside them).
const TEST_TASKS = 5;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Runs one step to its end. Its output is collected and printed in one piece when it ends, so
 * that steps running side by side keep a readable log. Resolves with the step's stdout.
 */
function step(name, cmd, args, options = {}) {
  const begun = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const output = [];
    const stdout = [];
    child.stdout.on('data', (chunk) => (output.push(chunk), stdout.push(chunk)));
    child.stderr.on('data', (chunk) => output.push(chunk));
    // A command that cannot start (not found) still ends in 'close', as a failed step.
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const took = performance.now() - begun;
      const ok = code === 0;
      timings.push([name, took]);
      if (!ok) failedSteps.push(name);
      process.stdout.write(`\n::group:: ${name}\n$ ${[cmd, ...args].join(' ')}\n${Buffer.concat(output)}`);
      console.log(`::endgroup:: ${name}: ${ok ? 'ok' : `FAILED (exit ${code ?? signal})`} in ${seconds(took)}`);
      resolve(Buffer.concat(stdout).toString('utf8'));
    });
  });
}

/** A turbo run, followed by how long each of its tasks took (from its run summary). */
async function turbo(name, tasks, extra = []) {
  const stdout = await step(name, 'pnpm', ['exec', 'turbo', 'run', ...tasks, '--continue', '--summarize', ...extra]);
  const summaryPath = /Summary:\s+(\S+\.json)/.exec(stripAnsi(stdout))?.[1];
  if (!summaryPath || !existsSync(summaryPath)) return stdout;
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
  rmSync(summaryPath, { force: true });
  const rows = summary.tasks
    .filter((task) => task.execution)
    .map((task) => [task.taskId, task.execution.endTime - task.execution.startTime, task.cache.status])
    .sort((a, b) => b[1] - a[1]);
  console.log(`  tasks of "${name}", longest first:`);
  for (const [id, ms, cache] of rows)
    console.log(`    ${seconds(ms).padStart(8)}  ${id}${cache === 'HIT' ? ' (cached)' : ''}`);
  return stdout;
}

function ensureChromium() {
  // The docs are tested in Debian's Chromium (no browser download from the npm registry works here),
  // its headless shell where it can be installed (the same engine, for less CPU: chromium.js in
  // tools/test-support), and the command line's live output in a tmux pseudo-terminal.
  const [shell] = BROWSERS;
  const browsers = [process.env.CHROMIUM_PATH, ...BROWSERS].filter(Boolean);
  const apt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  // As root on Debian the shell is added beside a full browser too; where apt has no such package, the browser.
  const wantShell = apt ? !process.env.CHROMIUM_PATH && !existsSync(shell) : !browsers.some((p) => existsSync(p));
  const tmux = !existsSync('/usr/bin/tmux');
  if (!wantShell && !tmux) return;
  if (apt) {
    const get = (packages) => `DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages} >/dev/null`;
    const browser = existsSync('/usr/bin/chromium')
      ? `(${get('chromium-headless-shell')} || true)`
      : `(${get('chromium-headless-shell')} || ${get('chromium')})`;
    const install = ['apt-get update -qq', ...(wantShell ? [browser] : []), ...(tmux ? [get('tmux')] : [])];
    return step(`install ${[wantShell && 'Chromium', tmux && 'tmux'].filter(Boolean).join(' and ')} (apt)`, 'sh', [
      '-c',
      install.join(' && '),
    ]);
  }
  const missing = [...(wantShell ? ['chromium'] : []), ...(tmux ? ['tmux'] : [])];
  console.warn(
    `${missing.join(' and ')} not found: install (Debian: apt-get install ${missing.join(' ')}) or set CHROMIUM_PATH; ` +
      'the browser and terminal tests will fail.',
  );
}

/**
 * The binary of a Node major as npx fetches and keeps it, found once: every run on that Node starts
 * it directly, without npx's own start-up. SMS_NODE_<major> hands it to the tests too.
 */
async function nodeBinary(version) {
  // From the temporary folder: npx started in the workspace reads its whole node_modules tree first.
  const stdout = await step(`find Node ${version} (npx)`, 'npx', ['-y', `node@${version}`, '-p', 'process.execPath'], {
    cwd: tmpdir(),
  });
  const binary = stdout.trim();
  if (binary) env[`SMS_NODE_${version}`] = binary;
  return binary;
}

/** The client's behaviour tests and the contract suite, as users run them, on another Node. */
function otherNode(version) {
  const node = env[`SMS_NODE_${version}`];
  if (!node) {
    failedSteps.push(`Node ${version} runs (no node@${version} binary)`);
    return;
  }
  return Promise.all([
    // SMS_NODE_MATRIX and SMS_NO_VOLUME leave out what does not depend on this Node (see vitest.config.ts):
    // the fuzz and load volumes prove the client on Node 20.
    step(`client tests on Node ${version}`, node, ['node_modules/vitest/vitest.mjs', 'run'], {
      cwd: join(root, 'packages/client'),
      env: { ...env, SMS_REPORT: `-node${version}`, SMS_NODE_MATRIX: '1', SMS_NO_VOLUME: '1' },
    }),
    // The contract suite as teams run it (the installed command), against the mock it starts.
    step(
      `contract suite on Node ${version}`,
      node,
      ['dist/suite-cli.js', '--json', `reports/vitest-node${version}.json`],
      {
        cwd: join(root, 'packages/contract-tests'),
      },
    ),
  ]);
}

for (const ws of workspaces) rmSync(join(ws, 'reports'), { recursive: true, force: true });
// Chromium is needed by the tests only: its install overlaps the checks and the build, and so does
// finding the other Nodes' binaries (in env before the tests start, for turbo's tasks too).
const chromium = ensureChromium();
const otherNodes = Promise.all(['22', '24'].map(nodeBinary));
// The spec gate's tests need no build (they run the gate's source on copies of spec/): they fill the
// core that the steps up to the end of the build leave idle, and the test step leaves them out.
const gateTests = step('spec gate tests', 'pnpm', ['--filter', '@sms-task/spec-gate', 'run', 'test']);
await turbo('bundle the spec (turbo)', ['build', '--filter=@sms-task/spec']);
await step('generated code matches the spec', 'pnpm', ['--filter', '@sms-task/client', 'run', 'generate:check']);
// The build leaves a core idle much of the time: the linters of the spec and the formatting, and
// the spec change gate, need no build and run beside it.
const gate = step('spec change gate', 'pnpm', ['run', 'spec:diff', '--base', 'last-release']);
await turbo('build and the linters that need none (turbo)', ['build', 'lint:spec', 'lint:format']);
await chromium;
await otherNodes;
// Everything else side by side: the tests wait on sockets, child processes and a browser much of
// the time, and the type check and package checks fill it. Not all at once, though: every run at
// the same time on two cores (turbo's default of 10 tasks, and both other Nodes) spent about a
// tenth of the CPU on switching between them; 5 tasks, and the other Nodes one after the other,
// keep both cores busy with less of it (BENCHMARKS.md, "CI's own time").
// The contract package's tests are the longest task (about a quarter of the step's CPU, with waits
// on Prism between): started first, beside turbo's, so that they do not end alone with a core idle.
await Promise.all([
  step('contract package tests', 'pnpm', ['--filter', '@sms-task/contract-tests', 'run', 'test']),
  step('contract package checks', 'pnpm', ['--filter', '@sms-task/contract-tests', 'run', 'check']),
  turbo(
    'type check, package checks and tests (turbo)',
    ['lint:types', 'check', 'test', 'test:tarball'],
    // --only: the build step above built everything these tasks depend on.
    [
      `--concurrency=${TEST_TASKS - 1}`,
      '--only',
      '--filter=!@sms-task/spec-gate',
      '--filter=!@sms-task/contract-tests',
    ],
  ),
  gateTests,
  otherNode('22').then(() => otherNode('24')),
  // Every spec change since the last release must be covered by the changesets planned since then.
  gate,
]);

const rebuild = await turbo('second build is a full cache hit', ['build'], ['--output-logs=none']);
const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(stripAnsi(rebuild));
if (!cached || cached[1] !== cached[2]) failedSteps.push('second build is a full cache hit (it was not)');

const dirty = await step('tree unchanged by the run', 'git', ['status', '--porcelain', '--untracked-files=no']);
if (dirty.trim()) {
  console.error(`The run changed tracked files (generated code drifted?):\n${dirty}`);
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

console.log('\nsteps, longest first:');
for (const [name, ms] of timings.sort((a, b) => b[1] - a[1])) console.log(`  ${seconds(ms).padStart(8)}  ${name}`);
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join('; ')}`);
console.log(`\nci: ${Math.round((performance.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length || failed || passed === 0 ? 1 : 0);
