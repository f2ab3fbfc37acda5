// What the front ends (the command line, the MCP server) rely on, in process against a real sandbox
// server: a plan run to its summary with a journal, a cut wave resumed sending only the rest, and a
// lost call read before it is repeated (the engine's one rule for "may this call have acted?").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmsClient } from '@sms-task/client';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { planResume, planWave, type Result, readReport, startWave, type WaveOptions } from '../src/index.js';

let server: SandboxServer;
let dir: string;
let client: ReturnType<typeof createSmsClient>;

beforeAll(async () => {
  server = await startSandboxServer();
  client = createSmsClient({ endpoint: server.url, auth: { token: 'wave-test-token' } });
  dir = mkdtempSync(join(tmpdir(), 'sms-wave-'));
});
afterEach(() => server.sandbox.reset());
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** RUNNING tasks part-way through, started long before the test (nothing in a read dates from its calls). */
const running = (...ids: string[]) => {
  for (const id of ids) server.sandbox.setTask(id, { state: 'RUNNING', progress: 0.3 });
};
const posts = () =>
  server.sandbox
    .calls()
    .filter((call) => call.method === 'POST')
    .map((call) => call.taskId);

const options = (plan: WaveOptions['plan'], journalFile: string, dryRun = false): WaveOptions => ({
  client,
  operation: 'stop',
  request: { operation: 'stop' },
  plan,
  journalFile,
  dryRun,
  concurrency: 2,
  resendUnknown: false,
});
const collect = (results: Result[], notes: string[] = []) => ({
  onResult: (result: Result) => void results.push(result),
  onNote: (note: string) => void notes.push(note),
  onJournalError: (error: Error) => expect.fail(error.message),
});
const newPlan = (args: string[], report: string) =>
  planWave({ operation: 'stop', command: 'stop', args, idsFile: undefined, resume: undefined, report });

it('runs a plan to its summary, journalling each call before it leaves; invalid ids and repeats are not sent', async () => {
  running('ok-1', 'ok-2');
  server.sandbox.setTask('refuse-3', 'ABORT');
  const file = join(dir, 'plain.jsonl');
  const results: Result[] = [];
  const ids = ['ok-1', 'ok-2', 'refuse-3', 'ok-1', 'x'.repeat(37)];
  const wave = await startWave(options(await newPlan(ids, file), file), collect(results));
  const { summary } = await wave.done;

  expect(summary).toMatchObject({ ok: 2, refused: 1, invalid: 1, not_sent: 1, duplicates: 1, complete: true });
  expect(summary.wave_ok).toBe(false);
  expect(results.map((result) => [result.task_id, result.outcome])).toEqual(ids.map((id, i) => [id, OUTCOMES[i]]));
  expect(posts().sort()).toEqual(['ok-1', 'ok-2', 'refuse-3']);
  const record = readReport(file);
  expect(record).toMatchObject({ closed: true, complete: true });
  expect(Object.fromEntries(record.tasks)).toEqual({
    'ok-1': 'ok',
    'ok-2': 'ok',
    'refuse-3': 'refused',
    ['x'.repeat(37)]: 'invalid',
  });
});
const OUTCOMES = ['ok', 'ok', 'refused', 'not_sent', 'invalid'];

it('checks a dry run as the client does, sends nothing; a body the client refuses makes every task invalid', async () => {
  const file = join(dir, 'dry.jsonl');
  const results: Result[] = [];
  const dry = await startWave(options(await newPlan(['a b', 'ok-2'], file), file, true), collect(results));
  expect((await dry.done).summary).toMatchObject({ not_sent: 2, complete: true });
  expect(results.map((result) => result.error_msg)).toEqual([
    `POST ${server.url}/v3/tasks/a%20b/action {"operation":"stop"}`,
    `POST ${server.url}/v3/tasks/ok-2/action {"operation":"stop"}`,
  ]);

  const bad: Result[] = [];
  const cloneFile = join(dir, 'clone.jsonl');
  const clone = await startWave(
    {
      ...options(await newPlan(['t-1', 't-2'], cloneFile), cloneFile),
      operation: 'clone_test',
      request: { operation: 'clone_test' } as never,
    },
    collect(bad),
  );
  expect((await clone.done).summary).toMatchObject({ invalid: 2 });
  expect(bad.map((result) => result.error_msg)).toEqual([
    'template_id: is required when operation is clone_test',
    'template_id: is required when operation is clone_test',
  ]);
  expect(server.sandbox.calls()).toEqual([]);
});

it('resumes a cut wave: the tasks that ended ok are not sent again, the rest once each', async () => {
  const ids = Array.from({ length: 6 }, (_, i) => `w-${i}`);
  running(...ids);
  const file = join(dir, 'cut.jsonl');
  const results: Result[] = [];
  const first = await startWave(
    { ...options(await newPlan(ids, file), file), concurrency: 1 },
    {
      ...collect(results),
      // Cut as a first signal does once two tasks are answered: the call in flight finishes.
      onResult: (result) => {
        results.push(result);
        if (results.length === 2) first.stop('cut by the test');
      },
    },
  );
  const cut = (await first.done).summary;
  expect(cut).toMatchObject({ complete: false, cut: 'cut by the test', wave_ok: false });
  const sentFirst = posts();
  expect(sentFirst.length).toBeGreaterThanOrEqual(2);
  expect(sentFirst.length).toBeLessThan(ids.length);

  const resumed: Result[] = [];
  const plan = await planResume(file, 'stop', { args: [], idsFile: undefined });
  const second = await startWave(options(plan, file), collect(resumed));
  const { summary } = await second.done;
  expect(summary).toMatchObject({ complete: true, wave_ok: true, skipped_ok: sentFirst.length });
  expect(second.okBefore).toBe(sentFirst.length);
  // Every task sent exactly once across both runs.
  expect(posts().sort()).toEqual([...ids].sort());
  expect(resumed.map((result) => result.task_id)).toEqual(ids.filter((id) => !sentFirst.includes(id)));
});

it("reads a lost call's task before repeating it: one that acted is not sent again, one that did not is", async () => {
  running('acted-1', 'lost-2');
  const file = join(dir, 'lost.jsonl');
  // acted-1's call reaches the service and its answer is lost; lost-2's never reaches it.
  const arrived: string[] = [];
  let bothArrived!: () => void;
  const arrivals = new Promise<void>((resolve) => {
    bothArrived = resolve;
  });
  const hang = server.sandbox.override('stop', async (call, next) => {
    arrived.push(call.taskId);
    if (call.taskId === 'acted-1') await next();
    if (arrived.length === 2) bothArrived();
    return new Promise<never>(() => {});
  });
  const first = await startWave(options(await newPlan(['acted-1', 'lost-2'], file), file), collect([]));
  await arrivals;
  first.stop('SIGINT');
  first.abort();
  const killed = (await first.done).summary;
  expect(killed).toMatchObject({ failed: 2, wave_ok: false });
  hang();

  const notes: string[] = [];
  const resumed: Result[] = [];
  const plan = await planResume(file, 'stop', { args: [], idsFile: undefined });
  expect([...plan.record.lost.keys()].sort()).toEqual(['acted-1', 'lost-2']);
  const second = await startWave(options(plan, file), collect(resumed, notes));
  expect((await second.done).summary).toMatchObject({ ok: 2, wave_ok: true });
  expect(resumed).toMatchObject([
    { task_id: 'acted-1', outcome: 'ok', attempts: 0, state: 'ABORT' },
    { task_id: 'lost-2', outcome: 'ok', attempts: 1 },
  ]);
  expect(notes).toEqual([expect.stringMatching(/^acted-1: not sent again: the task is ABORT/)]);
  // The resume read both tasks and sent only lost-2 again.
  const reads = server.sandbox.calls().filter((call) => call.method === 'GET');
  expect(reads.map((call) => call.taskId).sort()).toEqual(['acted-1', 'lost-2']);
  expect(posts()).toEqual(['lost-2']);
});
