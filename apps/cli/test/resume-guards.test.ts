// What a resume or a new wave must not take on trust: ids given again on standard input that leave
// out a task the report holds as not ok, and a report damaged past its first line.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callsTo, holdCalls, run, seed, start, useSandbox } from './helpers.js';

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
    held.release();
    expect(existsSync(`${report}.lock`)).toBe(true);

    // The killed run's lock names a process that is gone: the resume takes it over and finishes.
    const resumed = await run(['stop', '--endpoint', current().url, '--resume', report], TOKEN);
    expect(resumed.stderr).not.toContain('another sms-task');
    expect(existsSync(`${report}.lock`)).toBe(false);
    expect(callsTo(current(), 'lk-2').filter((call) => call.status === 200)).toHaveLength(1);
  });
});
