// What it costs to learn where a wave stands: the states of a 2,000-task wave from the sandbox server
// by pages of the list read and by one read per task, through the client (calls and time) and
// through `sms-task status` (calls, CPU and time a refresh); and the heap of a 100,000-id
// `sms-task wait` with the heap capped at 24 MB.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSmsClient } from '@sms-task/client';
import { PROBE } from './cli.mjs';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));
const SANDBOX = fileURLToPath(import.meta.resolve('@sms-task/sandbox').replace(/index\.js$/, 'cli.js'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const WAVE = 2_000;
const HEAP_MB = 24;

/** A sandbox server of `count` tasks in `state`, its clock stopped, and an ids file of them. */
async function sandboxOf(dir, count, state) {
  const ids = Array.from({ length: count }, (_, i) => `t-${i}`);
  const seed = join(dir, `seed-${count}.json`);
  writeFileSync(seed, JSON.stringify({ timeScale: 0, tasks: ids.map((id) => ({ id, state })) }));
  const idsFile = join(dir, `ids-${count}.txt`);
  writeFileSync(idsFile, `${ids.join('\n')}\n`);
  const child = spawn(process.execPath, [SANDBOX, '--port', '0', '--seed', seed], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  const url = /listening on (\S+)/.exec(line)[1];
  /** The reads the sandbox answered since the last call of `reads()`. */
  const reads = async () => {
    const { calls } = await (await fetch(`${url}/__sandbox/calls`)).json();
    await fetch(`${url}/__sandbox/reset`, { method: 'POST' });
    return calls.filter((call) => call.method === 'GET').length;
  };
  return { url, ids, idsFile, reads, stop: () => child.kill('SIGTERM') };
}

/** The client's calls and ms to learn every task's state: by pages, and one read per task (16 in flight). */
async function byClient(sandbox, rounds) {
  const sms = createSmsClient({ endpoint: sandbox.url, auth: { token: 't' } });
  const wanted = new Set(sandbox.ids);
  const out = { pages: { ms: [], calls: 0 }, single: { ms: [], calls: 0 } };
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    let seen = 0;
    for await (const page of sms.tasks.pages()) for (const task of page.data.tasks) if (wanted.has(task.id)) seen++;
    out.pages.ms.push(performance.now() - started);
    out.pages.calls = await sandbox.reads();
    if (seen !== WAVE) throw new Error(`the pages held ${seen} of the wave's tasks`);
    started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < sandbox.ids.length) await sms.tasks.read(sandbox.ids[next++]);
      }),
    );
    out.single.ms.push(performance.now() - started);
    out.single.calls = await sandbox.reads();
  }
  return {
    pages: { calls: out.pages.calls, ms: median(out.pages.ms) },
    single: { calls: out.single.calls, ms: median(out.single.ms) },
  };
}

/** One `sms-task status` refresh as a whole process: its calls, CPU (user + system) and wall time. */
async function byStatus(sandbox, reads, rounds) {
  const cpu = [];
  const wall = [];
  let calls = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const { stderr } = await run(
      process.execPath,
      [
        '--import',
        PROBE,
        CLI,
        'status',
        '--endpoint',
        sandbox.url,
        '--ids-file',
        sandbox.idsFile,
        '--reads',
        reads,
        '--output',
        'ndjson',
      ],
      { env: { ...process.env, SMS_TOKEN: 't' }, maxBuffer: 64 << 20 },
    );
    wall.push(performance.now() - started);
    cpu.push(JSON.parse(/PROBE (.+)/.exec(stderr)[1]).cpuMs);
    calls = await sandbox.reads();
  }
  return { calls, cpuMs: median(cpu), ms: median(wall) };
}

/** `sms-task wait` over 100,000 ids, heap capped: whether it ends, its live heap and RSS, the calls of its round. */
async function waitMemory(dir, count = 100_000) {
  const sandbox = await sandboxOf(dir, count, 'MIGRATE_SUCCESS');
  try {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        '--import',
        PROBE,
        CLI,
        'wait',
        '--endpoint',
        sandbox.url,
        '--until',
        'MIGRATE_SUCCESS',
        '--ids-file',
        sandbox.idsFile,
      ],
      { env: { ...process.env, SMS_TOKEN: 't' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'close');
    const probe = /PROBE (.+)/.exec(stderr);
    return {
      ids: count,
      heapLimitMb: HEAP_MB,
      completed: code === 0,
      calls: await sandbox.reads(),
      ...(probe ? JSON.parse(probe[1]) : {}),
    };
  } finally {
    sandbox.stop();
  }
}

export async function readsBench({ rounds }) {
  const dir = mkdtempSync(join(tmpdir(), 'sms-task-bench-reads-'));
  const sandbox = await sandboxOf(dir, WAVE, 'RUNNING');
  try {
    await sandbox.reads();
    const client = await byClient(sandbox, rounds);
    console.error(
      `reads: client ${client.pages.calls} pages in ${Math.round(client.pages.ms)} ms, ` +
        `${client.single.calls} reads in ${Math.round(client.single.ms)} ms`,
    );
    const status = {
      pages: await byStatus(sandbox, 'auto', rounds),
      single: await byStatus(sandbox, 'single', rounds),
    };
    console.error(`reads: status ${JSON.stringify(status)}`);
    sandbox.stop();
    const wait = await waitMemory(dir);
    console.error(`reads: wait ${JSON.stringify(wait)}`);
    return { rounds, wave: WAVE, client, status, wait };
  } finally {
    sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
