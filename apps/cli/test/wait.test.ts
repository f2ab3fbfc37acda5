// sms-task wait against the sandbox, its migrations moved by its clock: the exit codes a script
// relies on (0 there, 1 failed, 124 timed out, signals), reads that fail along the way, warnings.
import { type SandboxServer, type SandboxServerOptions, startSandboxServer } from '@sms-task/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { ndjson, printedInAll, run, start, itWithSignals } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
let server: SandboxServer | undefined;
const waits: ReturnType<typeof start>[] = [];
afterEach(async () => {
  for (const wait of waits.splice(0)) if (wait.child.exitCode === null) wait.child.kill('SIGKILL');
  await server?.close();
});

/** A sandbox whose clock stands still (time scale 0): tasks move only when a test advances it. */
const sandbox = async (tasks: SandboxServerOptions['tasks'], options: SandboxServerOptions = {}) => {
  server = await startSandboxServer({ timeScale: 0, ...options, tasks });
  return server;
};
/** Starts `sms-task wait` against the sandbox, reading often. */
const waiting = (args: string[]) => {
  const wait = start(['wait', '--endpoint', server!.url, '--interval', '0.05s', ...args], TOKEN);
  waits.push(wait);
  return wait;
};
/** Resolves once the sandbox has answered `count` more reads (looked at every 20 ms: no verdict hangs on it). */
async function reads(count: number) {
  const seen = () => server!.sandbox.calls().filter((call) => call.method === 'GET').length;
  const until = seen() + count;
  while (seen() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}
const HOUR = 3600;

describe('sms-task wait', () => {
  it('exits 0 once every task is in one of the states, printing each as it arrives (--output ndjson)', async () => {
    await sandbox([
      { id: 'a', state: 'RUNNING', progress: 0.5, duration_s: 2 * HOUR },
      { id: 'b', state: 'RUNNING', progress: 0.1, duration_s: 6 * HOUR, continuous_sync: true },
    ]);
    const wait = waiting(['--until', 'SYNCING,MIGRATE_SUCCESS', '--output', 'ndjson', 'a', 'b']);
    await reads(2);
    server!.sandbox.advance({ seconds: 2 * HOUR });
    await printedInAll(wait, 1);
    server!.sandbox.advance({ seconds: 6 * HOUR });
    const { code, stdout, stderr } = await wait.done;
    expect(code, stderr).toBe(0);
    expect(ndjson(stdout).map((row) => [row.task_id, row.state])).toEqual([
      ['a', 'MIGRATE_SUCCESS'],
      ['b', 'SYNCING'],
    ]);
    expect(stderr).toContain('every task is SYNCING or MIGRATE_SUCCESS');
  });

  it('exits 1 as soon as a task fails, naming it with its error', async () => {
    await sandbox([
      { id: 'ok', state: 'RUNNING', progress: 0.1 },
      { id: 'bad', state: 'RUNNING', progress: 0.1, fail_at: 0.5, error_json: '{"error_msg":"the disk is full"}' },
    ]);
    const wait = waiting(['--until', 'MIGRATE_SUCCESS', 'ok', 'bad']);
    await reads(2);
    server!.sandbox.advance({ seconds: 3 * HOUR });
    const { code, stderr } = await wait.done;
    expect(code).toBe(1);
    expect(stderr).toContain('bad MIGRATE_FAIL: the disk is full');
    expect(server!.sandbox.task('ok')!.state).toBe('RUNNING');
  });

  it('with --keep-going waits for the others, then exits 1', async () => {
    await sandbox([
      { id: 'ok', state: 'RUNNING', progress: 0.1 },
      { id: 'bad', state: 'RUNNING', progress: 0.1, fail_at: 0.5 },
    ]);
    const wait = waiting(['--until', 'MIGRATE_SUCCESS', '--keep-going', '--output', 'ndjson', 'ok', 'bad']);
    await reads(2);
    server!.sandbox.advance({ seconds: 3 * HOUR });
    await printedInAll(wait, 1);
    expect(wait.child.exitCode).toBeNull();
    server!.sandbox.advance({ seconds: 6 * HOUR });
    const { code, stdout } = await wait.done;
    expect(code).toBe(1);
    expect(ndjson(stdout).map((row) => [row.task_id, row.state])).toEqual([
      ['bad', 'MIGRATE_FAIL'],
      ['ok', 'MIGRATE_SUCCESS'],
    ]);
  });

  it('exits 1 for a task the service does not know, and for a paused one unless --until asks for ABORT', async () => {
    await sandbox([{ id: 'paused', state: 'ABORT', progress: 0.2 }]);
    const unknown = await run(['wait', '--endpoint', server!.url, '--until', 'MIGRATE_SUCCESS', 'nope'], TOKEN);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nope not found');
    const paused = await run(['wait', '--endpoint', server!.url, '--until', 'MIGRATE_SUCCESS', 'paused'], TOKEN);
    expect(paused.code).toBe(1);
    expect(paused.stderr).toContain('paused (ABORT)');
    const asked = await run(['wait', '--endpoint', server!.url, '--until', 'ABORT', 'paused'], TOKEN);
    expect(asked.code).toBe(0);
  });

  it('exits 124 when the time runs out, listing the tasks not there and their states', async () => {
    await sandbox([
      { id: 'slow', state: 'RUNNING', progress: 0.1 },
      { id: 'done', state: 'MIGRATE_SUCCESS' },
    ]);
    const { code, stderr } = await run(
      [
        'wait',
        '--endpoint',
        server!.url,
        '--until',
        'MIGRATE_SUCCESS',
        '--timeout',
        '0.3s',
        '--interval',
        '0.1s',
        'slow',
        'done',
      ],
      TOKEN,
    );
    expect(code).toBe(124);
    expect(stderr).toContain('timed out; not there: slow RUNNING');
    expect(stderr).not.toContain('done MIGRATE_SUCCESS');
  });

  it('never ends on a transitional state or on reads that fail (503 with Retry-After, 500, a drop)', async () => {
    await sandbox([{ id: 'a', state: 'RUNNING', progress: 0.2 }], { settleMs: 'manual' });
    const stop = await run(['stop', '--endpoint', server!.url, 'a'], TOKEN);
    expect(stop.code).toBe(0);
    expect(server!.sandbox.task('a')!.state).toBe('ABORTING');
    server!.sandbox.setFaults([
      { task: 'a', method: 'GET', status: 503, retryAfter: 0, times: 1 },
      { task: 'a', method: 'GET', status: 500, times: 4 },
      { task: 'a', method: 'GET', drop: true, times: 1 },
    ]);
    const wait = waiting(['--until', 'ABORT', '--reads', 'single', 'a']);
    await reads(8);
    expect(wait.child.exitCode).toBeNull();
    server!.sandbox.advance();
    const { code, stderr } = await wait.done;
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('a could not be read');
  });

  it('warns once about a task that has not moved for --stall-polls reads, and one whose agent is offline', async () => {
    await sandbox([
      { id: 'stuck', state: 'RUNNING', progress: 0.2 },
      { id: 'offline', state: 'RUNNING', progress: 0.2, connected: false },
    ]);
    const wait = waiting(['--until', 'MIGRATE_SUCCESS', '--reads', 'single', '--stall-polls', '3', 'stuck', 'offline']);
    await reads(2 * 8);
    server!.sandbox.advance({ seconds: 6 * HOUR });
    const { code, stderr } = await wait.done;
    expect(code, stderr).toBe(0);
    expect(stderr.match(/stuck has not moved for 3 reads/g)).toHaveLength(1);
    expect(stderr.match(/offline: its source's agent is not connected/g)).toHaveLength(1);
  });

  itWithSignals.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('ends on %s with %i, saying a wait is simply run again', async (signal, exit) => {
    await sandbox([{ id: 'a', state: 'RUNNING', progress: 0.2 }]);
    const wait = waiting(['--until', 'MIGRATE_SUCCESS', 'a']);
    await reads(2);
    wait.child.kill(signal);
    const { code, stderr } = await wait.done;
    expect(code).toBe(exit);
    expect(stderr).toContain('run it again');
  });

  it('refuses a state the spec does not list (a typo would wait for ever) with exit 2', async () => {
    const { code, stderr } = await run(
      ['wait', '--endpoint', 'http://127.0.0.1:9', '--until', 'MIGRATE_SUCESS', 'a'],
      TOKEN,
    );
    expect(code).toBe(2);
    expect(stderr).toContain('unknown state MIGRATE_SUCESS');
  });

  it('reads by pages when that is cheaper, and learns the account once: 400 tasks, 2 pages a round', async () => {
    await sandbox(Array.from({ length: 400 }, (_, i) => ({ id: `t-${i}`, state: 'RUNNING' as const, progress: 0.5 })));
    const ids = Array.from({ length: 400 }, (_, i) => `t-${i}`).join('\n');
    const wait = start(
      ['wait', '--endpoint', server!.url, '--interval', '0.05s', '--until', 'MIGRATE_SUCCESS', '-'],
      TOKEN,
      ids,
    );
    waits.push(wait);
    await reads(4);
    server!.sandbox.advance({ seconds: 6 * HOUR });
    const { code } = await wait.done;
    expect(code).toBe(0);
    const calls = server!.sandbox.calls().filter((call) => call.method === 'GET');
    expect(calls.every((call) => call.taskId === undefined)).toBe(true);
    expect(calls.length % 2).toBe(0);
  });
});
