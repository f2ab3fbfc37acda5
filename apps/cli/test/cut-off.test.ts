// A wave cut off at a random moment (a signal, kill -9, its output closed) against the sandbox: the
// journal holds every printed result and every task in flight, a cut wave never looks complete,
// and one --resume finishes the wave without sending again a task that ended ok.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  between,
  CLI,
  holdCalls,
  type Line,
  ndjson,
  printed,
  readReport,
  run,
  sandboxWave,
  start,
  validResult,
  describeWithSignals,
  itWithSignals,
} from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const COUNT = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'sms-task-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const byTask = (lines: Line[]) => new Map(lines.map((line) => [line.task_id as string, line]));

/** Every task stopped, and no task whose result was recorded ok before the resume was sent again. */
function expectWaveFinished(wave: Awaited<ReturnType<typeof sandboxWave>>, okBefore: Set<string>) {
  expect(wave.ids.filter((id) => wave.state(id) !== 'ABORT')).toEqual([]);
  expect([...okBefore].filter((id) => wave.calls(id).length !== 1)).toEqual([]);
}

describeWithSignals('cut by a signal, then resumed', () => {
  // Ctrl-C's wave is smaller: the same code path, less test time.
  it.each([
    ['SIGTERM', 143, COUNT],
    ['SIGHUP', 129, COUNT],
    ['SIGINT', 130, 400],
  ] as const)(
    '%s: exit %i, a complete and valid report, and --resume finishes the wave',
    async (signal, code, count) => {
      const wave = await sandboxWave(dir, count, `${signal}.txt`);
      try {
        const report = join(dir, `${signal}.jsonl`);
        const cutAt = between(1, count / 2);
        const first = start(
          ['stop', '--endpoint', wave.url, '--ids-file', wave.idsFile, '--report', report, '--output', 'ndjson'],
          TOKEN,
        );
        await printed(first, cutAt);
        first.child.kill(signal);
        const cut = await first.done;
        expect(cut.code, cut.stderr).toBe(code);

        const journal = readReport(report);
        expect(journal.invalid).toEqual([]);
        // The calls in flight finished: every task sent has its result, and the summary closes the run.
        const results = byTask(journal.results);
        expect(journal.sent.filter((sent) => !results.has(sent.task_id))).toEqual([]);
        expect(journal.lines.at(-1)).toMatchObject({ type: 'summary', cut: signal, complete: false, wave_ok: false });
        const summary = journal.lines.at(-1)!;
        expect(summary.ids_read + summary.ids_not_read).toBe(count);
        // Every result printed is in the journal, as the journal has it.
        const printedResults = ndjson(cut.stdout);
        expect(printedResults.length).toBeGreaterThanOrEqual(cutAt);
        for (const result of printedResults) expect({ type: 'result', ...result }).toEqual(results.get(result.task_id));
        const okBefore = new Set(journal.results.filter((r) => r.outcome === 'ok').map((r) => r.task_id as string));
        expect(okBefore.size).toBeLessThan(count);

        // A new wave does not write over it.
        const over = await run(['stop', '--endpoint', wave.url, '--ids-file', wave.idsFile, '--report', report], TOKEN);
        expect(over.code).toBe(2);
        expect(over.stderr).toContain(`finish it with sms-task stop --resume ${report}, or remove the file`);
        expect(readReport(report).lines).toEqual(journal.lines);

        const resumed = await run(['stop', '--endpoint', wave.url, '--resume', report, '--output', 'ndjson'], TOKEN);
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(ndjson(resumed.stdout).filter((r) => okBefore.has(r.task_id))).toEqual([]);
        expectWaveFinished(wave, okBefore);
        // Nothing was in flight when the first run ended: no task was sent twice.
        expect(wave.ids.filter((id) => wave.calls(id).length !== 1)).toEqual([]);
        const after = readReport(report);
        expect(after.invalid).toEqual([]);
        expect(after.lines.at(-1)).toMatchObject({
          type: 'summary',
          complete: true,
          wave_ok: true,
          cut: null,
          skipped_ok: okBefore.size,
          ids_read: count,
        });
      } finally {
        await wave.close();
      }
    },
  );
});

describe('killed (SIGKILL), then resumed', () => {
  it('holds every printed result and every call in flight; --resume finishes the wave, sending no ok task again', async () => {
    const wave = await sandboxWave(dir, COUNT, 'kill.txt');
    try {
      const report = join(dir, 'kill.jsonl');
      const first = start(
        ['stop', '--endpoint', wave.url, '--ids-file', wave.idsFile, '--report', report, '--output', 'ndjson'],
        TOKEN,
      );
      // Cut after a random number of results, with the next task's call surely in flight: it is held.
      const cutAt = between(1, 1_000);
      const heldId = wave.ids[cutAt]!;
      const held = holdCalls(wave.sandbox, heldId);
      await printed(first, cutAt);
      while (!held.arrivals.includes(heldId)) await held.arrived(held.arrivals.length + 1);
      first.child.kill('SIGKILL');
      const killed = await first.done;
      // The killed run's held call acts after its death, as a call whose answer is lost does.
      await held.release();

      const journal = readReport(report);
      expect(journal.invalid).toEqual([]);
      expect(journal.summaries).toEqual([]);
      const results = byTask(journal.results);
      for (const result of ndjson(killed.stdout)) expect(results.get(result.task_id)).toMatchObject(result);
      const inFlight = journal.sent.filter((sent) => !results.has(sent.task_id)).map((sent) => sent.task_id as string);
      expect(inFlight).toContain(heldId);
      const sent = new Set(journal.sent.map((line) => line.task_id as string));
      const okBefore = new Set(journal.results.filter((r) => r.outcome === 'ok').map((r) => r.task_id as string));

      const resumed = await run(['stop', '--endpoint', wave.url, '--resume', report, '--output', 'ndjson'], TOKEN);
      expectWaveFinished(wave, okBefore);
      const again = byTask(ndjson(resumed.stdout));
      expect([...again.keys()].filter((id) => okBefore.has(id))).toEqual([]);
      // A task the journal does not say was sent was not called before the resume: the line comes
      // before the request. (Read from the sandbox after the resume: a request of the killed run may
      // still have been in the sandbox's socket buffer when it died.)
      expect(wave.ids.filter((id) => !sent.has(id) && wave.calls(id).length !== 1)).toEqual([]);
      // The calls in flight count as failed. A task action is not idempotent, so the resume reads each
      // one first: the task the killed run's call stopped (its answer lost) is found ABORT(ING), where
      // stop takes it, and not sent again; one the call never reached is still RUNNING, unchanged since
      // the call, and is sent. Each task is stopped by one call.
      for (const id of inFlight) {
        expect(wave.reads(id).map((read) => read.status)).toEqual([200]);
        expect(wave.calls(id).map((call) => call.status)).toEqual([200]);
      }
      const heldResult = again.get(heldId)!;
      expect(heldResult).toMatchObject({ outcome: 'ok', attempts: 0, error_code: null });
      expect(heldResult.state).toMatch(/^ABORT(ING)?$/);
      expect(validResult(heldResult), JSON.stringify(validResult.errors)).toBe(true);
      expect(resumed.stderr).toContain(
        `${heldId}: not sent again: the task is ${heldResult.state}, where stop takes it`,
      );
      expect(resumed.code, resumed.stderr).toBe(0);

      const after = readReport(report);
      expect(after.invalid).toEqual([]);
      const [killedSummary, resumeSummary] = after.summaries;
      expect(killedSummary).toMatchObject({ complete: false, wave_ok: false, failed: inFlight.length });
      expect(killedSummary!.cut).toMatch(/^killed/);
      const noAnswer = after.results.filter((r) => r.error_code === 'NoAnswer').map((r) => r.task_id);
      expect(noAnswer.sort()).toEqual([...inFlight].sort());
      expect(resumeSummary).toMatchObject({ complete: true, wave_ok: true, ids_read: COUNT });
    } finally {
      await wave.close();
    }
  });

  it('reads a report torn in the middle of a line, and finishes the wave from it', async () => {
    const wave = await sandboxWave(dir, 60, 'torn.txt');
    try {
      const report = join(dir, 'torn.jsonl');
      const full = await run(['stop', '--endpoint', wave.url, '--ids-file', wave.idsFile, '--report', report], TOKEN);
      expect(full.code).toBe(0);
      // As if killed mid-write: the report up to the middle of a result line in its second half.
      const text = readReport(report).lines;
      const keep = text.slice(0, between(Math.floor(text.length / 2), text.length - 2));
      const torn = `${keep.map((line) => JSON.stringify(line)).join('\n')}\n{"type":"result","task_id":"w-`;
      writeFileSync(report, torn);
      const okBefore = new Set(keep.filter((l) => l.type === 'result' && l.outcome === 'ok').map((l) => l.task_id));
      // Back to running, as long before the calls the report holds: their reads show nothing since.
      for (const id of wave.ids) if (!okBefore.has(id)) wave.sandbox.setTask(id, { state: 'RUNNING', progress: 0.3 });

      const resumed = await run(['stop', '--endpoint', wave.url, '--resume', report, '--output', 'json'], TOKEN);
      expect(resumed.code, resumed.stderr).toBe(0);
      const { results } = JSON.parse(resumed.stdout);
      expect(results.map((r: Line) => r.task_id).sort()).toEqual(wave.ids.filter((id) => !okBefore.has(id)).sort());
      expect(readReport(report).invalid).toEqual([]);
    } finally {
      await wave.close();
    }
  });
});

describe('from standard input', () => {
  itWithSignals('is resumed with --resume REPORT - (without -: exit 2, saying why)', async () => {
    const wave = await sandboxWave(dir, 400, 'stdin.txt');
    try {
      const report = join(dir, 'stdin.jsonl');
      const input = `${wave.ids.join('\n')}\n`;
      const first = start(
        ['stop', '--endpoint', wave.url, '--report', report, '--output', 'ndjson', '-'],
        TOKEN,
        input,
      );
      await printed(first, between(1, 200));
      first.child.kill('SIGTERM');
      expect((await first.done).code).toBe(143);
      const journal = readReport(report);
      expect(journal.lines[0]!.source).toEqual({ args: ['-'], ids_file: null });
      expect(journal.lines.at(-1)).toMatchObject({ complete: false, ids_not_read: null, cut: 'SIGTERM' });
      const okBefore = new Set(journal.results.filter((r) => r.outcome === 'ok').map((r) => r.task_id as string));

      const without = await run(['stop', '--endpoint', wave.url, '--resume', report], TOKEN);
      expect(without.code).toBe(2);
      expect(without.stderr).toContain('read its ids from standard input, which cannot be read twice');
      expect(without.stderr).toContain(`--resume ${report} -`);

      const resumed = await run(['stop', '--endpoint', wave.url, '--resume', report, '-'], TOKEN, input);
      expect(resumed.code, resumed.stderr).toBe(0);
      expectWaveFinished(wave, okBefore);
      expect(wave.ids.filter((id) => wave.calls(id).length !== 1)).toEqual([]);
    } finally {
      await wave.close();
    }
  });
});

describe('from standard input, killed (SIGKILL)', () => {
  it('is finished by one --resume REPORT -: every task stopped by one call, exit 0', async () => {
    const wave = await sandboxWave(dir, 400, 'stdin-kill.txt');
    try {
      const report = join(dir, 'stdin-kill.jsonl');
      const input = `${wave.ids.join('\n')}\n`;
      const first = start(
        ['stop', '--endpoint', wave.url, '--report', report, '--output', 'ndjson', '-'],
        TOKEN,
        input,
      );
      // The next task's call is held in flight when the run dies; it acts after the death.
      const cutAt = between(1, 200);
      const heldId = wave.ids[cutAt]!;
      const held = holdCalls(wave.sandbox, heldId);
      await printed(first, cutAt);
      while (!held.arrivals.includes(heldId)) await held.arrived(held.arrivals.length + 1);
      first.child.kill('SIGKILL');
      await first.done;
      await held.release();

      const resumed = await run(
        ['stop', '--endpoint', wave.url, '--resume', report, '-', '--output', 'ndjson'],
        TOKEN,
        input,
      );
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(wave.ids.filter((id) => wave.state(id) !== 'ABORT')).toEqual([]);
      expect(wave.ids.filter((id) => wave.calls(id).length !== 1)).toEqual([]);
      expect(byTask(ndjson(resumed.stdout)).get(heldId)).toMatchObject({ outcome: 'ok', attempts: 0 });
    } finally {
      await wave.close();
    }
  });
});

describe('an ids file that changed since', () => {
  it('is refused, naming it (exit 2), unless given again with --ids-file', async () => {
    const wave = await sandboxWave(dir, 5, 'changing.txt');
    try {
      wave.sandbox.setTask('w-2', 'ABORT');
      const report = join(dir, 'changing.jsonl');
      const first = await run(['stop', '--endpoint', wave.url, '--ids-file', wave.idsFile, '--report', report], TOKEN);
      expect(first.code).toBe(1);
      writeFileSync(wave.idsFile, `${wave.ids.join('\n')}\nw-9\n`);
      wave.sandbox.setTask('w-2', 'RUNNING');
      const refused = await run(['stop', '--endpoint', wave.url, '--resume', report], TOKEN);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${wave.idsFile} changed since the wave began`);
      expect(wave.calls('w-2')).toHaveLength(1);

      wave.sandbox.setTask('w-9', 'RUNNING');
      const given = await run(
        ['stop', '--endpoint', wave.url, '--resume', report, '--ids-file', wave.idsFile, '--output', 'json'],
        TOKEN,
      );
      expect(given.code, given.stderr).toBe(0);
      expect(JSON.parse(given.stdout).results.map((r: Line) => r.task_id)).toEqual(['w-2', 'w-9']);
    } finally {
      await wave.close();
    }
  });
});

describe('standard output closed by its reader', () => {
  it('ends the wave as Ctrl-C does (sms-task … | head -1): exit 141, the report complete', async () => {
    const wave = await sandboxWave(dir, 400, 'head.txt');
    try {
      const report = join(dir, 'head.jsonl');
      const quote = (text: string) => `'${text}'`;
      const command = [process.execPath, CLI, 'stop', '--endpoint', wave.url, '--ids-file', wave.idsFile]
        .concat(['--report', report, '--output', 'ndjson'])
        .map(quote)
        .join(' ');
      const { stdout, stderr } = await promisify(execFile)(
        'bash',
        ['-c', `${command} | head -1; echo "sms-task exit \${PIPESTATUS[0]}" >&2`],
        { env: { PATH: process.env.PATH, ...TOKEN } },
      );
      expect(ndjson(stdout)).toHaveLength(1);
      expect(stderr).toContain('sms-task exit 141');
      expect(stderr).toContain('standard output was closed');
      const journal = readReport(report);
      expect(journal.invalid).toEqual([]);
      const results = byTask(journal.results);
      expect(journal.sent.filter((sent) => !results.has(sent.task_id))).toEqual([]);
      expect(journal.lines.at(-1)).toMatchObject({ type: 'summary', cut: 'output closed', complete: false });
      expect(journal.results.length).toBeLessThan(400);
    } finally {
      await wave.close();
    }
  });
});
