// What a resume or a new wave must not take on trust: ids given again on standard input that leave
// out a task the report holds as not ok, a report damaged past its first line, and a call that may
// have acted (its state is read first).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, recordingServer } from '@sms-task/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, holdCalls, ndjson, readsOf, run, seed, start, useSandbox } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const dir = mkdtempSync(join(tmpdir(), 'sms-task-guards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const current = useSandbox();

describe('a resume from standard input', () => {
  it('does not call the wave done while a task the report holds as not ok was left out of the ids', async () => {
    const report = join(dir, 'stdin.jsonl');
    seed(current(), 'RUNNING', 'in-a', 'in-c');
    seed(current(), 'ABORT', 'in-b');
    const endpoint = ['--endpoint', current().url];
    const first = await run(['stop', ...endpoint, '--report', report, '-'], TOKEN, 'in-a\nin-b\nin-c\n');
    expect(first.code, first.stderr).toBe(1);

    seed(current(), 'RUNNING', 'in-b');
    const partial = await run(['stop', ...endpoint, '--resume', report, '-'], TOKEN, 'in-a\nin-c\n');
    expect(partial.code, partial.stderr).toBe(1);
    expect(partial.stderr).toContain('1 task(s) the report holds as not ok were not in the ids given (in-b');
    expect(callsTo(current(), 'in-b')).toHaveLength(1);

    const whole = await run(['stop', ...endpoint, '--resume', report, '-'], TOKEN, 'in-a\nin-b\nin-c\n');
    expect(whole.code, whole.stderr).toBe(0);
    expect(callsTo(current(), 'in-b')).toHaveLength(2);
    expect(callsTo(current(), 'in-a')).toHaveLength(1);
  });
});

describe('a new wave over an existing report', () => {
  it('never starts over a journal damaged past its first line, and leaves the file as it was', async () => {
    const report = join(dir, 'damaged.jsonl');
    seed(current(), 'RUNNING', 'dm-1', 'dm-2');
    const first = await run(['stop', '--endpoint', current().url, '--report', report, 'dm-1'], TOKEN);
    expect(first.code, first.stderr).toBe(0);
    const lines = readFileSync(report, 'utf8').split('\n');
    const damaged = [lines[0], '\0'.repeat(64), ...lines.slice(1)].join('\n');
    writeFileSync(report, damaged);

    const again = await run(['stop', '--endpoint', current().url, '--report', report, 'dm-2'], TOKEN);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('line 2 is not JSON');
    expect(readFileSync(report, 'utf8')).toBe(damaged);
    expect(callsTo(current(), 'dm-2')).toHaveLength(0);
  });

  it('replaces a file that is not a journal at all, as before', async () => {
    const report = join(dir, 'other.txt');
    writeFileSync(report, 'notes of the last migration\n');
    seed(current(), 'RUNNING', 'nj-1');
    const result = await run(['stop', '--endpoint', current().url, '--report', report, 'nj-1'], TOKEN);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8').split('\n')[0]!)).toMatchObject({ type: 'wave' });
  });
});

describe('one run at a time on a report', () => {
  it('refuses a resume while another run writes the report, and takes over the lock of a killed run', async () => {
    const report = join(dir, 'locked.jsonl');
    seed(current(), 'RUNNING', 'lk-1', 'lk-2');
    const held = holdCalls(current(), 'lk-1');
    const wave = start(['stop', '--endpoint', current().url, '--report', report, 'lk-1', 'lk-2'], TOKEN);
    await held.arrived(1);
    const second = await run(['stop', '--endpoint', current().url, '--resume', report], TOKEN);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`another sms-task (pid ${wave.child.pid}) is writing ${report}`);
    wave.child.kill('SIGKILL');
    await wave.done;
    await held.release();
    expect(existsSync(`${report}.lock`)).toBe(true);

    // The killed run's lock names a process that is gone: the resume takes it over and finishes.
    const resumed = await run(['stop', '--endpoint', current().url, '--resume', report], TOKEN);
    expect(resumed.stderr).not.toContain('another sms-task');
    expect(existsSync(`${report}.lock`)).toBe(false);
    expect(callsTo(current(), 'lk-2').filter((call) => call.status === 200)).toHaveLength(1);
  });
});

describe('a call that may have acted', () => {
  it('is read first and sent again when its task is not where the operation leaves it', async () => {
    const report = join(dir, 'unreached.jsonl');
    seed(current(), 'RUNNING', 'ur-1');
    // A server that never answers that call: the killed run's stop never reaches the task.
    const held = holdCalls(current(), 'ur-1');
    const wave = start(['stop', '--endpoint', current().url, '--report', report, 'ur-1'], TOKEN);
    await held.arrived(1);
    wave.child.kill('SIGKILL');
    await wave.done;

    const resumed = await run(['stop', '--endpoint', current().url, '--resume', report, '--output', 'ndjson'], TOKEN);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(ndjson(resumed.stdout)).toEqual([expect.objectContaining({ task_id: 'ur-1', outcome: 'ok', attempts: 1 })]);
    expect(ndjson(resumed.stdout)[0]).not.toHaveProperty('state');
    expect(readsOf(current(), 'ur-1').map((read) => [read.status, read.credential])).toEqual([[200, 'token']]);
    expect(callsTo(current(), 'ur-1').map((call) => call.status)).toEqual([200]);
    expect(current().task('ur-1')!.state).toMatch(/^ABORT(ING)?$/);
  });

  it('is read again after a read answered 500, and sent when the read shows the call did not act', async () => {
    const report = join(dir, 'unread.jsonl');
    seed(current(), 'RUNNING', 'rf-1');
    current().setFaults([{ task: 'rf-1', status: 500, times: 1 }]);
    const first = await run(['stop', '--endpoint', current().url, '--report', report, 'rf-1'], TOKEN);
    expect(first.code, first.stderr).toBe(1);

    const server = await recordingServer(json(200, {}));
    try {
      const running = { id: 'rf-1', state: 'RUNNING', start_date: Date.now() - 3_600_000 };
      server.reply(json(500, { error_code: 'SMS.2007', error_msg: 'Background exception.' }), json(200, running));
      const resumed = await run(['stop', '--endpoint', server.url, '--resume', report, '--output', 'ndjson'], TOKEN);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
        'GET /v3/tasks/rf-1',
        'GET /v3/tasks/rf-1',
        'POST /v3/tasks/rf-1/action',
      ]);
      expect(ndjson(resumed.stdout)).toEqual([
        expect.objectContaining({ task_id: 'rf-1', outcome: 'ok', attempts: 1 }),
      ]);
    } finally {
      await server.close();
    }
  });

  it('is not sent again when its task cannot be read at all; --resend-unknown sends it', async () => {
    const report = join(dir, 'never-read.jsonl');
    seed(current(), 'RUNNING', 'nr-1');
    current().setFaults([{ task: 'nr-1', status: 500, times: 1 }]);
    await run(['stop', '--endpoint', current().url, '--report', report, 'nr-1'], TOKEN);

    const server = await recordingServer(json(500, { error_code: 'SMS.2007', error_msg: 'Background exception.' }));
    try {
      const resumed = await run(['stop', '--endpoint', server.url, '--resume', report, '--output', 'ndjson'], TOKEN);
      expect(resumed.code).toBe(1);
      expect(server.requests.every((request) => request.method === 'GET')).toBe(true);
      const [result] = ndjson(resumed.stdout);
      expect(result).toMatchObject({ task_id: 'nr-1', outcome: 'failed', error_code: 'Undetermined', attempts: 0 });
      expect(result.error_msg).toContain('the task could not be read');
      expect(result.error_msg).toContain('--resend-unknown');

      server.always(json(200, {}));
      server.reply(json(500, {}), json(500, {}), json(500, {}));
      const resent = await run(
        ['stop', '--endpoint', server.url, '--resume', report, '--resend-unknown', '--output', 'ndjson'],
        TOKEN,
      );
      expect(resent.code, resent.stderr).toBe(0);
      expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("is not sent again when the task's read cannot show what the operation does (clone_test)", async () => {
    const report = join(dir, 'clone.jsonl');
    seed(current(), 'MIGRATE_SUCCESS', 'cl-1');
    const held = holdCalls(current(), 'cl-1');
    const wave = start(
      ['clone-test', '--endpoint', current().url, '--template-id', 'tpl-1', '--report', report, 'cl-1'],
      TOKEN,
    );
    await held.arrived(1);
    wave.child.kill('SIGKILL');
    await wave.done;
    // The killed run's call acts after its death, as a call whose answer is lost does.
    await held.release();

    const resumed = await run(
      ['clone-test', '--endpoint', current().url, '--template-id', 'tpl-1', '--resume', report, '--output', 'ndjson'],
      TOKEN,
    );
    expect(resumed.code).toBe(1);
    const [result] = ndjson(resumed.stdout);
    expect(result).toMatchObject({
      outcome: 'failed',
      error_code: 'Undetermined',
      attempts: 0,
      state: 'MIGRATE_SUCCESS',
    });
    expect(result.error_msg).toContain('does not show what clone_test does');
    expect(callsTo(current(), 'cl-1').map((call) => call.status)).toEqual([200]);
    expect(resumed.stdout + resumed.stderr).not.toContain('any-token');
  });

  it('is sent again without a read when the client knows it did not act (503 after its retries)', async () => {
    const report = join(dir, 'busy.jsonl');
    seed(current(), 'RUNNING', 'by-1');
    current().setFaults([{ task: 'by-1', status: 503, retryAfter: 0, times: 3 }]);
    const first = await run(
      ['stop', '--endpoint', current().url, '--report', report, '--output', 'ndjson', 'by-1'],
      TOKEN,
    );
    expect(ndjson(first.stdout)[0]).toMatchObject({ outcome: 'failed', status: 503, may_have_acted: false });

    const resumed = await run(['stop', '--endpoint', current().url, '--resume', report], TOKEN);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readsOf(current(), 'by-1')).toEqual([]);
    expect(callsTo(current(), 'by-1').map((call) => call.status)).toEqual([503, 503, 503, 200]);
  });

  it('--resend-unknown goes only with --resume', async () => {
    const given = await run(['stop', '--endpoint', current().url, '--resend-unknown', 'x-1'], TOKEN);
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('--resend-unknown goes with --resume');
  });
});
