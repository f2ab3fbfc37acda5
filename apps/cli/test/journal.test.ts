// The journal read back as --resume reads it: a real one (a killed run, then its resume) cut at
// every byte offset never throws, and never says more than the whole file does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAJournal, readJournal } from '@sms-task/wave';
import { holdCalls, readReport, run, start } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const dir = mkdtempSync(join(tmpdir(), 'sms-task-journal-'));
const file = join(dir, 'wave.jsonl');
let server: SandboxServer;
let bytes: Buffer;

beforeAll(async () => {
  // stop pauses a running task and refuses a paused one; busy-3 answers 503 once, fail-5 always 500.
  server = await startSandboxServer({
    tasks: [
      // Part-way through, started long before the test: a resume's read of hold-4 shows nothing since its call.
      ...['ok-1', 'busy-3', 'hold-4'].map((id) => ({ id, state: 'RUNNING' as const, progress: 0.3 })),
      { id: 'refuse-2', state: 'ABORT' },
      { id: 'fail-5', state: 'RUNNING', progress: 0.3 },
    ],
  });
  server.sandbox.setFaults([
    { task: 'busy-3', status: 503, retryAfter: 0, times: 1 },
    { task: 'fail-5', status: 500 },
  ]);
  // Killed while hold-4 is in flight (that call is never answered), then resumed: every kind of line
  // is in the file.
  const held = holdCalls(server.sandbox, 'hold-4');
  const ids = ['ok-1', 'ok-1', 'refuse-2', 'busy-3', 'hold-4', 'fail-5'];
  const killed = start(['stop', '--endpoint', server.url, '--concurrency', '1', '--report', file, ...ids], TOKEN);
  await held.arrived(5);
  killed.child.kill('SIGKILL');
  await killed.done;
  // The resume's own call to hold-4 is answered.
  await run(['stop', '--endpoint', server.url, '--resume', file], TOKEN);
  expect(held.arrivals.slice(5).sort()).toEqual(['fail-5', 'hold-4', 'refuse-2']);
  bytes = readFileSync(file);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a journal', () => {
  it('holds every kind of line, each valid against the shipped schema', () => {
    const { lines, invalid } = readReport(file);
    expect(invalid).toEqual([]);
    const resumeAt = lines.findIndex((line) => line.type === 'resume');
    const [killed, resumed] = [lines.slice(0, resumeAt), lines.slice(resumeAt)];
    const what = (part: typeof lines) =>
      part
        .filter((line) => line.type !== 'summary')
        .map((line) => `${line.type} ${line.task_id ?? ''} ${line.outcome ?? ''}`);
    // Sends in order (concurrency 1); the resume records hold-4's missing answer before its own lines.
    expect(what(killed)).toEqual([
      'wave  ',
      'sent ok-1 ',
      'result ok-1 not_sent', // a repeat is known as it is read
      'result ok-1 ok',
      'sent refuse-2 ',
      'result refuse-2 refused',
      'sent busy-3 ',
      'result busy-3 ok',
      'sent hold-4 ',
      'result hold-4 failed',
    ]);
    expect(killed.at(-1)).toMatchObject({ type: 'summary', complete: false, failed: 1, ok: 2, duplicates: 1 });
    expect(killed.at(-2)).toMatchObject({ error_code: 'NoAnswer', attempts: 1 });
    // The resume sends what did not end ok, once each, and the id never read; not ok-1 nor busy-3.
    expect(
      what(resumed)
        .filter((line) => line.startsWith('sent'))
        .sort(),
    ).toEqual(['sent fail-5 ', 'sent hold-4 ', 'sent refuse-2 ']);
    expect(resumed.at(-1)).toMatchObject({ type: 'summary', complete: true, skipped_ok: 2, duplicates: 1 });
    const whole = readJournal(bytes);
    expect(whole.closed).toBe(true);
    expect(whole.tasks).toEqual(
      new Map([
        ['ok-1', 'ok'],
        ['refuse-2', 'refused'],
        ['busy-3', 'ok'],
        ['hold-4', 'ok'],
        ['fail-5', 'failed'],
      ]),
    );
  });

  it('cut at every byte offset, is read to its last whole line and never throws', () => {
    const whole = readJournal(bytes);
    const firstLine = bytes.indexOf(10) + 1;
    const wrong: string[] = [];
    for (let offset = 0; offset <= bytes.length; offset++) {
      const cut = readJournal(bytes.subarray(0, offset));
      if (cut.length > offset || (cut.length > 0 && bytes[cut.length - 1] !== 10)) wrong.push(`${offset}: length`);
      if ((cut.header === undefined) !== offset < firstLine) wrong.push(`${offset}: header`);
      // What a cut file says ended ok did end ok; a cut file ends closed only right after a summary.
      for (const [task, outcome] of cut.tasks)
        if (outcome === 'ok' && whole.tasks.get(task) !== 'ok') wrong.push(`${offset}: ${task}`);
      const last = bytes.subarray(bytes.lastIndexOf(10, cut.length - 2) + 1, cut.length).toString();
      if (cut.closed !== last.startsWith('{"type":"summary"')) wrong.push(`${offset}: closed`);
    }
    expect(wrong).toEqual([]);
  });

  it('is told apart from a file that is not one (the first format, one JSON object)', () => {
    expect(() => readJournal(Buffer.from('{\n  "results": [],\n  "summary": {}\n}\n'))).toThrow(NotAJournal);
    expect(() => readJournal(Buffer.from('{"type":"result"}\n'))).toThrow(NotAJournal);
  });
});

describe('--resume of a journal', () => {
  it('refuses a file that is not one, and a report of another operation (exit 2)', async () => {
    const other = await run(['start', '--endpoint', server.url, '--resume', file], TOKEN);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is a report of stop, not start');
    const notOne = await run(['stop', '--endpoint', server.url, '--resume', join(dir, '..')], TOKEN);
    expect(notOne.code).toBe(2);
  });
});
