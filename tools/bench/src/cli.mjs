// The command line's speed: `sms-task --version` and one call as whole processes, beside an empty
// Node process and a bare node:http call; and a wave of 10,000 ids at 64 in flight against the
// sandbox server, beside the client's own calls/s at 64 in flight against the same server. And its
// memory: 100,000 distinct ids from standard input, journaled.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));
const SANDBOX = fileURLToPath(import.meta.resolve('@sms-task/sandbox').replace(/index\.js$/, 'cli.js'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeProcess(args, runs, env = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(process.execPath, args, { env: { ...process.env, ...env } });
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function cliSpeed({ rounds }) {
  const sandbox = spawn(process.execPath, [SANDBOX, '--port', '0', '--mode', 'permissive', '--auto-create'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: sandbox.stdout }), 'line');
  const url = /listening on (\S+)/.exec(line)[1];
  try {
    const emptyNode = await timeProcess(['-e', ''], 11);
    const version = await timeProcess([CLI, '--version'], 11);
    const bareCall = await timeProcess(
      [
        '-e',
        `require('node:http').request(${JSON.stringify(`${url}/v3/tasks/t/action`)}, { method: 'POST', headers: ` +
          `{ 'content-type': 'application/json', 'x-auth-token': 't' } }, (r) => r.resume()).end('{"operation":"start"}')`,
      ],
      11,
    );
    const oneCall = await timeProcess([CLI, 'start', '--endpoint', url, 't'], 11, { SMS_TOKEN: 't' });

    const ids = Array.from({ length: 10_000 }, (_, i) => `task-${i}`).join('\n');
    // The client's own: the same 10,000 calls, 64 in flight, as a whole process too (cold start and all).
    const clientScript = `
      import { createSmsClient } from '@sms-task/client';
      const sms = createSmsClient({ endpoint: ${JSON.stringify(url)}, auth: { token: 't' } });
      let next = 0;
      await Promise.all(Array.from({ length: 64 }, async () => {
        while (next < 10_000) await sms.tasks.start('task-' + next++);
      }));`;
    const wave = [];
    const client = [];
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      await run(process.execPath, ['--input-type=module', '-e', clientScript], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      });
      client.push(10_000 / ((performance.now() - started) / 1000));
      const waveStarted = performance.now();
      const child = spawn(
        process.execPath,
        [CLI, 'start', '--endpoint', url, '--concurrency', '64', '--output', 'ndjson', '-'],
        {
          env: { ...process.env, SMS_TOKEN: 't' },
          stdio: ['pipe', 'ignore', 'inherit'],
        },
      );
      child.stdin.end(ids);
      const [code] = await once(child, 'exit');
      if (code !== 0) throw new Error(`the wave ended with ${code}`);
      wave.push(10_000 / ((performance.now() - waveStarted) / 1000));
      console.error(
        `cli round ${round + 1}/${rounds}: wave ${Math.round(wave.at(-1))}/s, client ${Math.round(client.at(-1))}/s`,
      );
    }
    const memory = await cliMemory();
    return {
      emptyNodeMs: emptyNode,
      versionMs: version,
      bareCallMs: bareCall,
      oneCallMs: oneCall,
      wave,
      client,
      memory,
    };
  } finally {
    sandbox.kill('SIGTERM');
  }
}

// Loaded before the command: the heap right after each full GC (what is live: the wave's entry a
// distinct id, its windows), the maximum RSS and the CPU spent, printed on standard error at exit.
export const PROBE = `data:text/javascript,${encodeURIComponent(`
  import { PerformanceObserver, constants } from 'node:perf_hooks';
  let live = 0;
  new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR))
      live = Math.max(live, process.memoryUsage().heapUsed);
  }).observe({ entryTypes: ['gc'] });
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    process.stderr.write('PROBE ' + JSON.stringify({ peakLiveHeap: live, maxRss: usage.maxRSS * 1024, cpuMs }) + '\\n');
  });
`)}`;

const HEAP_MB = 24;

/** 100,000 distinct ids from standard input (a dry run, with its journal): the live heap's peak and the RSS. */
export async function cliMemory(count = 100_000) {
  const dir = mkdtempSync(join(tmpdir(), 'sms-task-bench-'));
  try {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        '--import',
        PROBE,
        CLI,
        'start',
        '--endpoint',
        'http://127.0.0.1:9',
        '--dry-run',
        '--output',
        'ndjson',
      ].concat(['--concurrency', '64', '--report', join(dir, 'wave.jsonl'), '-']),
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdin.end(Array.from({ length: count }, (_, i) => `task-${i}`).join('\n'));
    const [code] = await once(child, 'close');
    const probe = /PROBE (.+)/.exec(stderr);
    // Out of heap is a result (the target is not met), not a failed bench.
    return { ids: count, heapLimitMb: HEAP_MB, completed: code === 0, ...(probe ? JSON.parse(probe[1]) : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
