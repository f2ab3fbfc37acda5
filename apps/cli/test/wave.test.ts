// A wave as an operator runs it: never more calls in flight than asked, never faster than asked,
// the client's retry policy (503 repeated to success, 500 sent once), input order kept, ids from
// standard input, and a report that --resume turns into a second wave of what did not end ok.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, errorCodeOf, holdCalls, ndjson, readReport, run, seed, useSandbox } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const dir = mkdtempSync(join(tmpdir(), 'sms-task-wave-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const current = useSandbox();

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('many at once, safely', () => {
  it('never has more than --concurrency calls in flight', async () => {
    // Each call takes 20 ms in the sandbox; the override around it counts the calls it is answering.
    current().setFaults([{ delayMs: 20 }]);
    let inFlight = 0;
    let maxInFlight = 0;
    current().override('start', async (_call, next) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await next();
      } finally {
        inFlight--;
      }
    });
    const result = await run(['start', '--endpoint', current().url, '--concurrency', '3', ...ids('slow-', 30)], TOKEN);
    expect(result.code, result.stderr).toBe(0);
    expect(current().calls()).toHaveLength(30);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1);
  });

  it('never starts calls faster than --rate (a busy machine can only make it slower)', async () => {
    const started = performance.now();
    const result = await run(
      ['start', '--endpoint', current().url, '--rate', '20', '--concurrency', '16', ...ids('ok-', 41)],
      TOKEN,
    );
    const seconds = (performance.now() - started) / 1000;
    expect(result.code, result.stderr).toBe(0);
    expect(current().calls()).toHaveLength(41);
    // 40 intervals between 41 calls at 20 a second: the wave cannot end sooner than 2 s (5% for timer slack).
    expect(40 / seconds).toBeLessThanOrEqual(20 * 1.05);
  });

  it('repeats a 503 to success and sends a 500 exactly once, as the client policy says', async () => {
    seed(current(), 'RUNNING', 'busy-1', 'fail-1');
    current().setFaults([
      { task: 'busy-1', status: 503, retryAfter: 0, times: 1 },
      { task: 'fail-1', status: 500 },
    ]);
    const result = await run(['stop', '--endpoint', current().url, '--output', 'ndjson', 'busy-1', 'fail-1'], TOKEN);
    expect(result.code).toBe(1);
    expect(ndjson(result.stdout)).toMatchObject([
      { task_id: 'busy-1', outcome: 'ok', status: 200, attempts: 2 },
      {
        task_id: 'fail-1',
        outcome: 'failed',
        status: 500,
        error_code: errorCodeOf('background_exception'),
        attempts: 1,
      },
    ]);
    expect(callsTo(current(), 'fail-1')).toHaveLength(1);
  });

  it('gives up on a call after --timeout ms when the server never answers: failed, and the rest go on', async () => {
    // The timeout bounds ok-2's call too: it is long enough for a descheduled run to answer ok-2 in.
    holdCalls(current(), 'hang-1'); // never released: never answered
    const result = await run(
      ['start', '--endpoint', current().url, '--output', 'ndjson', '--timeout', '5000', 'hang-1', 'ok-2'],
      TOKEN,
    );
    expect(result.code).toBe(1);
    expect(ndjson(result.stdout)).toMatchObject([
      { task_id: 'hang-1', outcome: 'failed', error_code: 'SmsTimeoutError', attempts: 1 },
      { task_id: 'ok-2', outcome: 'ok' },
    ]);
  });

  it('reports in input order, whatever order the answers come in', async () => {
    const input = ['slow-60-a', 'slow-30-b', 'ok-c', 'slow-45-d', 'ok-e', 'slow-10-f'];
    const slow = input.filter((id) => id.startsWith('slow-'));
    current().setFaults(slow.map((task) => ({ task, delayMs: Number(task.split('-')[1]) })));
    const result = await run(
      ['start', '--endpoint', current().url, '--output', 'ndjson', '--concurrency', '6', ...input],
      TOKEN,
    );
    expect(ndjson(result.stdout).map((r) => r.task_id)).toEqual(input);
  });
});

describe('which tasks', () => {
  it('reads ids from standard input (-) and --ids-file, skipping blank lines and # comments', async () => {
    const result = await run(
      ['start', '--endpoint', current().url, '--output', 'ndjson', 'ok-arg', '-'],
      TOKEN,
      '# the first wave\nok-1\n\n  ok-2  \n# done\nok-3\n',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).map((r) => r.task_id)).toEqual(['ok-arg', 'ok-1', 'ok-2', 'ok-3']);
  });
});

describe('report and resume, against the sandbox', () => {
  it('writes a report valid against the shipped schema, and --resume runs again only what did not end ok', async () => {
    seed(current(), 'RUNNING', 'wave-1');
    seed(current(), 'ABORT', 'wave-2');
    seed(current(), 'SYNCING', 'wave-3');
    const report = join(dir, 'stop.jsonl');
    const first = await run(
      ['stop', '--endpoint', current().url, '--report', report, 'wave-1', 'wave-2', 'wave-3'],
      TOKEN,
    );
    expect(first.code).toBe(1);
    const written = readReport(report);
    expect(written.invalid).toEqual([]);
    expect(written.summaries).toMatchObject([{ ok: 2, refused: 1, failed: 0, invalid: 0, not_sent: 0 }]);
    expect(written.results.find((r) => r.task_id === 'wave-2')).toMatchObject({
      outcome: 'refused',
      error_code: errorCodeOf('cannot_pause'),
    });

    // The operator fixes wave-2 (it is running again), then resumes the wave.
    current().setTask('wave-2', 'RUNNING');
    const second = await run(['stop', '--endpoint', current().url, '--resume', report, '--output', 'json'], TOKEN);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).results.map((r: { task_id: string }) => r.task_id)).toEqual(['wave-2']);
    const calls = (id: string) => callsTo(current(), id).length;
    expect([calls('wave-1'), calls('wave-2'), calls('wave-3')]).toEqual([1, 2, 1]);
  });

  it('refuses to resume a report of another operation', async () => {
    const report = join(dir, 'start.jsonl');
    seed(current(), 'RUNNING', 'refuse-1'); // start refuses a running task
    await run(['start', '--endpoint', current().url, '--report', report, 'refuse-1'], TOKEN);
    const result = await run(['stop', '--endpoint', current().url, '--resume', report], TOKEN);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a report of start, not stop');
    expect(current().calls()).toHaveLength(1);
  });
});
