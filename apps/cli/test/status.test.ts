// sms-task status against the sandbox: one row a task as the service reads it, the counts, the
// calls it costs (pages of the list read, or single reads), and --watch in a pipe.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ndjson, printedInAll, run, start, itWithSignals } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const dir = mkdtempSync(join(tmpdir(), 'sms-task-status-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: SandboxServer | undefined;
// A watch a failed test left running is ended with its test.
const watches: ReturnType<typeof start>[] = [];
const watching = (args: string[]) => {
  const watch = start(args, TOKEN);
  watches.push(watch);
  return watch;
};
afterEach(async () => {
  for (const watch of watches.splice(0)) if (watch.child.exitCode === null) watch.child.kill('SIGKILL');
  await server?.close();
});

const listCalls = () => server!.sandbox.calls().filter((call) => call.method === 'GET' && call.taskId === undefined);
const taskReads = () => server!.sandbox.calls().filter((call) => call.method === 'GET' && call.taskId !== undefined);

/**
 * A sandbox of `count` RUNNING tasks `t-0`…, a third of the way, and an ids file of the first `wave`
 * of them. Its clock stands still (time scale 0): a task changes only when a test changes it.
 */
async function account(count: number, wave = count) {
  server = await startSandboxServer({
    timeScale: 0,
    tasks: Array.from({ length: count }, (_, i) => ({ id: `t-${i}`, state: 'RUNNING' as const, progress: 0.3 })),
  });
  const idsFile = join(dir, `ids-${count}-${wave}.txt`);
  writeFileSync(idsFile, `${Array.from({ length: wave }, (_, i) => `t-${i}`).join('\n')}\n`);
  return idsFile;
}

describe('sms-task status', () => {
  it('prints one row a task in input order, with its state, progress, speed, time left, agent and error', async () => {
    server = await startSandboxServer({
      tasks: [
        { id: 'run-1', name: 'web-01', state: 'RUNNING', progress: 0.5, migrate_speed: 250 },
        {
          id: 'fail-2',
          state: 'MIGRATE_FAIL',
          progress: 0.2,
          error_json: '{"error_code":"SMS.X","error_msg":"disk full"}',
        },
        { id: 'paused-3', state: 'ABORT', progress: 0.4, connected: false },
      ],
    });
    const result = await run(
      [
        'status',
        '--endpoint',
        server.url,
        '--reads',
        'single',
        '--output',
        'json',
        'paused-3',
        'run-1',
        'fail-2',
        'nope-4',
      ],
      TOKEN,
    );
    expect(result.code, result.stderr).toBe(1); // nope-4 is not known
    const { tasks, summary } = JSON.parse(result.stdout);
    expect(tasks.map((row: { task_id: string }) => row.task_id)).toEqual(['paused-3', 'run-1', 'fail-2', 'nope-4']);
    expect(tasks[1]).toMatchObject({ name: 'web-01', state: 'RUNNING', migrate_speed: 250, connected: true });
    expect(tasks[1].progress).toBeGreaterThan(0);
    expect(tasks[1].remain_seconds).toBeGreaterThan(3 * 3600 - 60);
    expect(tasks[2]).toMatchObject({ state: 'MIGRATE_FAIL', error: 'SMS.X: disk full' });
    expect(tasks[0]).toMatchObject({ state: 'ABORT', connected: false });
    expect(tasks[3]).toMatchObject({ task_id: 'nope-4', state: null });
    expect(tasks[3].error).toMatch(/^404 /);
    expect(summary).toEqual({ ABORT: 1, RUNNING: 1, MIGRATE_FAIL: 1, UNKNOWN: 1 });
  });

  it('draws a table with the counts and the wave as a whole, in a pipe without colours', async () => {
    const idsFile = await account(3);
    const result = await run(['status', '--endpoint', server!.url, '--ids-file', idsFile], TOKEN);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/t-0 .*RUNNING/);
    expect(result.stdout).toMatch(/3 tasks: RUNNING 3 · progress \d+% · slowest \d+h/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('learns the states of a 2,000-task wave in 10 pages of the list read, not 2,000 reads', async () => {
    const idsFile = await account(2000);
    const result = await run(['status', '--endpoint', server!.url, '--ids-file', idsFile, '--output', 'ndjson'], TOKEN);
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout)).toHaveLength(2000);
    expect(listCalls()).toHaveLength(10);
    expect(taskReads()).toHaveLength(0);
  });

  it('reads tasks one by one when that costs fewer calls: 5 ids of a 3,000-task account', async () => {
    const idsFile = await account(3000, 5);
    // The first page holds them: one call. Ask for ids further down, and single reads are cheaper than 15 pages.
    writeFileSync(idsFile, 't-2999\nt-2998\nt-2997\nt-2996\nt-2995\n');
    const result = await run(['status', '--endpoint', server!.url, '--ids-file', idsFile, '--output', 'ndjson'], TOKEN);
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).map((row) => row.state)).toEqual(Array(5).fill('RUNNING'));
    expect(listCalls()).toHaveLength(1);
    expect(taskReads()).toHaveLength(5);
  });

  it('--reads single reads each task (for connected and remain_seconds, which a page lacks)', async () => {
    const idsFile = await account(50);
    const result = await run(
      ['status', '--endpoint', server!.url, '--ids-file', idsFile, '--reads', 'single', '--output', 'ndjson'],
      TOKEN,
    );
    expect(result.code).toBe(0);
    expect(ndjson(result.stdout).every((row) => row.connected === true)).toBe(true);
    expect(listCalls()).toHaveLength(0);
    expect(taskReads()).toHaveLength(50);
  });

  it('takes the ids of a wave from its report (--report)', async () => {
    const idsFile = await account(4);
    const report = join(dir, 'stop.jsonl');
    await run(['stop', '--endpoint', server!.url, '--ids-file', idsFile, '--report', report], TOKEN);
    server!.sandbox.advance();
    const result = await run(['status', '--endpoint', server!.url, '--report', report, '--output', 'json'], TOKEN);
    expect(JSON.parse(result.stdout).summary).toEqual({ ABORT: 4 });
  });

  it('shows a task it cannot read as state null with the error, and reads through a 503 with Retry-After', async () => {
    const idsFile = await account(2);
    server!.sandbox.setFaults([
      { task: 't-0', method: 'GET', status: 503, retryAfter: 0, times: 1 },
      { task: 't-1', method: 'GET', status: 500 },
    ]);
    const result = await run(
      ['status', '--endpoint', server!.url, '--ids-file', idsFile, '--reads', 'single', '--output', 'ndjson'],
      TOKEN,
    );
    const [first, second] = ndjson(result.stdout);
    expect(first).toMatchObject({ task_id: 't-0', state: 'RUNNING' });
    expect(second).toMatchObject({ task_id: 't-1', state: null });
    expect(second.error).toMatch(/^500 /);
    expect(result.code).toBe(1);
  });

  it('refuses a bad --reads and no ids with exit 2, and missing credentials with 3', async () => {
    expect((await run(['status', '--endpoint', 'http://127.0.0.1:9', '--reads', 'some', 't-1'], TOKEN)).code).toBe(2);
    expect((await run(['status', '--endpoint', 'http://127.0.0.1:9'], TOKEN)).code).toBe(2);
    const half = await run(['status', '--endpoint', 'http://127.0.0.1:9', 't-1'], { HUAWEICLOUD_SDK_AK: 'ak-only' });
    expect(half.code).toBe(3);
    expect(half.stderr).toContain('HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not');
  });
});

describe('sms-task status --watch, in a pipe', () => {
  itWithSignals(
    'prints every task first, then one line a task that changed; Ctrl-C (SIGINT) ends it with 0',
    async () => {
      const idsFile = await account(3);
      const watch = watching([
        'status',
        '--endpoint',
        server!.url,
        '--ids-file',
        idsFile,
        '--watch',
        '--interval',
        '0.1s',
        '--output',
        'ndjson',
      ]);
      await printedInAll(watch, 3);
      // Paused by hand: the next reads find t-1 changed (the line may come before run() returns).
      const paused = await run(['stop', '--endpoint', server!.url, 't-1'], TOKEN);
      expect(paused.code).toBe(0);
      server!.sandbox.advance();
      await printedInAll(watch, 4);
      watch.child.kill('SIGINT');
      const ended = await watch.done;
      expect(ended.code).toBe(0);
      const lines = ndjson(ended.stdout);
      expect(lines.slice(0, 3).map((row) => row.task_id)).toEqual(['t-0', 't-1', 't-2']);
      const changes = lines.slice(3);
      expect(changes.some((row) => row.task_id === 't-1' && row.state === 'ABORT')).toBe(true);
      expect(changes.every((row) => row.task_id === 't-1')).toBe(true);
    },
  );

  itWithSignals('goes on when a read fails, showing it, and ends with 143 on SIGTERM', async () => {
    const idsFile = await account(2);
    server!.sandbox.setFaults([{ task: 't-1', method: 'GET', status: 500 }]);
    const watch = watching([
      'status',
      '--endpoint',
      server!.url,
      '--ids-file',
      idsFile,
      '--reads',
      'single',
      '--watch',
      '--interval',
      '0.1s',
      '--output',
      'ndjson',
    ]);
    await printedInAll(watch, 2);
    server!.sandbox.setFaults([]);
    await printedInAll(watch, 3);
    watch.child.kill('SIGTERM');
    const ended = await watch.done;
    expect(ended.code).toBe(143);
    const lines = ndjson(ended.stdout);
    expect(lines[1]).toMatchObject({ task_id: 't-1', state: null });
    expect(lines.slice(2)).toContainEqual(expect.objectContaining({ task_id: 't-1', state: 'RUNNING' }));
  });
});
