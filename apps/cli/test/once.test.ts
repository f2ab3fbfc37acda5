// Each task once a wave: a repeated id is reported not_sent with the line it repeats, counted, and
// never sent. And `attempts` is what the client says it did: retried, refused, repeated, dry run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, ndjson, readReport, run, seed, useSandbox, validResult, validSummary } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const dir = mkdtempSync(join(tmpdir(), 'sms-task-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const current = useSandbox();

describe('each task once', () => {
  it('sends a repeated id once, reports the repeat not_sent with the line it repeats, and counts it', async () => {
    seed(current(), 'RUNNING', 'wave-02', 'wave-04');
    const file = join(dir, 'ids.txt');
    writeFileSync(file, 'wave-04\n# again\nwave-02\n');
    const result = await run(
      ['stop', '--endpoint', current().url, '--output', 'json', 'wave-02', 'wave-02', '--ids-file', file],
      TOKEN,
    );
    expect(result.code, result.stderr).toBe(0);
    const { results, summary } = JSON.parse(result.stdout);
    expect(results.every(validResult), JSON.stringify(validResult.errors)).toBe(true);
    expect(validSummary(summary), JSON.stringify(validSummary.errors)).toBe(true);
    expect(results).toMatchObject([
      { task_id: 'wave-02', outcome: 'ok', attempts: 1, line: 'arg:1', repeats: null },
      { task_id: 'wave-02', outcome: 'not_sent', attempts: 0, line: 'arg:2', repeats: 'arg:1' },
      { task_id: 'wave-04', outcome: 'ok', attempts: 1, line: `${file}:1` },
      { task_id: 'wave-02', outcome: 'not_sent', attempts: 0, line: `${file}:3`, repeats: 'arg:1' },
    ]);
    expect(results[1].error_msg).toBe('a repeat of arg:1: sent once, under that line');
    expect(summary).toMatchObject({ ok: 2, not_sent: 2, duplicates: 2, complete: true, wave_ok: true });
    expect(callsTo(current(), 'wave-02')).toHaveLength(1);
    expect(callsTo(current(), 'wave-04')).toHaveLength(1);
  });

  it('streams 100,000 distinct ids from standard input with a 24 MB heap, and still knows a repeat', async () => {
    const count = 100_000;
    const input = `${Array.from({ length: count }, (_, i) => `task-${i}`).join('\n')}\ntask-7\n`;
    const result = await run(
      ['start', '--endpoint', current().url, '--dry-run', '--output', 'ndjson', '--concurrency', '64', '-'],
      { NODE_OPTIONS: '--max-old-space-size=24' },
      input,
    );
    expect(result.code, result.stderr.slice(0, 500)).toBe(0);
    const last = result.stdout.slice(result.stdout.lastIndexOf('\n', result.stdout.length - 2) + 1);
    expect(JSON.parse(last)).toMatchObject({ task_id: 'task-7', outcome: 'not_sent', repeats: 'stdin:8' });
  });
});

describe('attempts, as the client reports them', () => {
  it('counts the tries of a retried, a refused, a failed, a repeated and an invalid task', async () => {
    const report = join(dir, 'attempts.jsonl');
    // busy-1 answers 503 once, then pauses; refuse-2 is paused already; fail-3 answers 500.
    seed(current(), 'RUNNING', 'busy-1', 'fail-3');
    seed(current(), 'ABORT', 'refuse-2');
    current().setFaults([
      { task: 'busy-1', status: 503, retryAfter: 0, times: 1 },
      { task: 'fail-3', status: 500 },
    ]);
    const result = await run(
      ['stop', '--endpoint', current().url, '--output', 'ndjson', '--report', report].concat([
        'busy-1',
        'refuse-2',
        'fail-3',
        'busy-1',
        'x'.repeat(37),
      ]),
      TOKEN,
    );
    expect(result.code).toBe(1);
    const expected = [
      { task_id: 'busy-1', outcome: 'ok', attempts: 2 },
      { task_id: 'refuse-2', outcome: 'refused', attempts: 1 },
      { task_id: 'fail-3', outcome: 'failed', attempts: 1 },
      { task_id: 'busy-1', outcome: 'not_sent', attempts: 0, repeats: 'arg:1' },
      { task_id: 'x'.repeat(37), outcome: 'invalid', attempts: 0 },
    ];
    expect(ndjson(result.stdout)).toMatchObject(expected);
    // As many calls as the attempts say, and the journal says the same.
    expect(
      current()
        .calls()
        .map((call) => call.taskId)
        .sort(),
    ).toEqual(['busy-1', 'busy-1', 'fail-3', 'refuse-2']);
    const journal = readReport(report);
    expect(journal.invalid).toEqual([]);
    for (const want of expected) expect(journal.results).toContainEqual(expect.objectContaining(want));
    // Sent: the three that went out; not the repeat, not the invalid one.
    expect(journal.sent.map((line) => line.task_id).sort()).toEqual(['busy-1', 'fail-3', 'refuse-2']);
  });

  it('is 0 for a dry run, whose request comes from the client', async () => {
    const result = await run(['stop', '--endpoint', `${current().url}/`, '--dry-run', '--output', 'ndjson', 'a/b']);
    expect(ndjson(result.stdout)).toMatchObject([
      {
        task_id: 'a/b',
        outcome: 'not_sent',
        attempts: 0,
        error_msg: `POST ${current().url}/v3/tasks/a%2Fb/action {"operation":"stop"}`,
      },
    ]);
    expect(current().calls()).toHaveLength(0);
  });
});
