// A wave through the MCP tools, in process, against a real sandbox server: planned, confirmed by
// the user, run in the background, read back; the calls the sandbox answered are exactly the plan's,
// and the journal is the CLI's. Each refusal sends nothing; a cancelled wave resumes with the rest.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, holdStops, posts, readJournal, running, TOKEN, useSandbox, type Connected } from './harness.js';

const env = useSandbox();
let open: Connected[] = [];
afterEach(async () => {
  for (const connected of open.splice(0)) {
    // No secret in anything the server let out: results, errors, log lines.
    const out = [...connected.seen, ...connected.logs, ...connected.asked].join('\n');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(env.server.url);
    expect(out).not.toContain(new URL(env.server.url).host);
    await connected.close();
  }
  env.sandbox.reset();
});
const start = async (flags: string[], options: Parameters<typeof connect>[2] = {}) => {
  const connected = await connect({ server: env.server, reportsDir: env.folder() }, flags, options);
  open.push(connected);
  return connected;
};
const plan = (mcp: Connected, args: Record<string, unknown>) => mcp.call('sms_plan_wave', args);
const run = (mcp: Connected, planned: Record<string, any>, extra: Record<string, unknown> = {}, onprogress?: never) =>
  mcp.call(
    'sms_run_wave',
    { plan_id: planned.plan_id, operation: planned.operation, task_count: planned.task_count, wait_s: 25, ...extra },
    onprogress,
  );

describe('plan, confirm, run, status', () => {
  it('sends exactly what the plan says, once the user confirms, and journals it as the CLI does', async () => {
    running(env.sandbox, 'r-1', 'r-2', 'r-3');
    env.sandbox.setTask('a-1', 'ABORT');
    const mcp = await start(['--allow-write=stop']);
    const ids = ['r-1', 'r-2', 'a-1', 'r-1', 'x'.repeat(37), 'r-3'];
    const planned = (await plan(mcp, { operation: 'stop', task_ids: ids })).structuredContent!;
    expect(planned).toMatchObject({
      task_count: 4,
      counts: { send: 3, already: 1, repeat: 1, invalid: 1 },
      message: 'stop 4 tasks at the configured endpoint: 1 already ABORT, 1 repeat, 1 invalid',
      runnable: true,
    });
    expect(planned.rows.map((row: any) => [row.task_id, row.will])).toEqual([
      ['a-1', 'already'],
      ['r-1', 'repeat'],
      ['x'.repeat(37), 'invalid'],
    ]);
    expect(posts(env.sandbox)).toEqual([]);

    const progress: unknown[] = [];
    const result = await run(mcp, planned, {}, ((p: unknown) => progress.push(p)) as never);
    expect(result.isError).toBeFalsy();
    expect(mcp.asked).toEqual([planned.message]);
    const wave = result.structuredContent!;
    expect(wave).toMatchObject({ state: 'done', counts: { ok: 3, refused: 1, invalid: 1, not_sent: 1 } });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ progress: 4, total: 4 });
    // The sandbox answered the plan's four tasks, each once, and nothing else.
    expect(posts(env.sandbox).sort()).toEqual(['a-1', 'r-1', 'r-2', 'r-3']);

    const journal = readJournal(mcp.app.folders.journal(wave.wave_id));
    expect(journal.invalid, JSON.stringify(journal.errors)).toEqual([]);
    expect(journal.lines.filter((line) => line.type === 'sent').map((line) => line.task_id)).toEqual([
      'r-1',
      'r-2',
      'a-1',
      'r-3',
    ]);
    const status = (await mcp.call('sms_wave_status', { wave_id: wave.wave_id })).structuredContent!;
    expect(status).toMatchObject({ state: 'done', wave_ok: false, rows_total: 2 });
    // In the order the tasks ended: the invalid one at once, the refusal when it came.
    expect(status.rows.map((row: any) => [row.task_id, row.outcome])).toEqual([
      ['x'.repeat(37), 'invalid'],
      ['a-1', 'refused'],
    ]);
    // A plan runs once.
    const again = await run(mcp, planned);
    expect(again).toMatchObject({ isError: true });
    expect(again.content[0]!.text).toMatch(/already ran as wave w-/);
    expect(posts(env.sandbox)).toHaveLength(4);
  });
});

describe('what sends nothing', () => {
  it('a decline, a client without elicitation, a mismatched echo, an operation not allowed, an expired plan', async () => {
    running(env.sandbox, 'r-1', 'r-2');
    const declining = await start(['--allow-write=stop'], { answer: 'decline' });
    const planned = (await plan(declining, { operation: 'stop', task_ids: ['r-1', 'r-2'] })).structuredContent!;
    const declined = await run(declining, planned);
    expect(declined).toMatchObject({ isError: true });
    expect(declined.content[0]!.text).toMatch(/^declined \(decline\): nothing was sent/);
    expect(declining.asked).toHaveLength(1);

    const mute = await start(['--allow-write=stop'], { answer: 'no-elicitation' });
    const mutePlan = (await plan(mute, { operation: 'stop', task_ids: ['r-1'] })).structuredContent!;
    const refused = await run(mute, mutePlan);
    expect(refused).toMatchObject({ isError: true });
    expect(refused.content[0]!.text).toMatch(/no elicitation.*--confirm=client/);

    for (const echo of [{ task_count: 3 }, { operation: 'start' }]) {
      const mismatched = await run(declining, planned, echo);
      expect(mismatched).toMatchObject({ isError: true });
      expect(mismatched.content[0]!.text).toContain(
        `do not match plan ${planned.plan_id}, which is: ${planned.message}`,
      );
    }

    const start_ = (await plan(declining, { operation: 'start', task_ids: ['r-1'] })).structuredContent!;
    expect(start_).toMatchObject({ runnable: false });
    expect((await run(declining, start_)).content[0]!.text).toMatch(
      /^start is not allowed: this server runs only stop/,
    );

    let now = Date.now();
    const later = await start(['--allow-write'], { now: () => now });
    const expiring = (await plan(later, { operation: 'stop', task_ids: ['r-1'] })).structuredContent!;
    now += 16 * 60_000;
    expect((await run(later, expiring)).content[0]!.text).toMatch(/^plan p-\w+ expired at .*: make a new one/);
    expect((await run(later, { ...expiring, plan_id: 'p-0000000000000000' })).content[0]!.text).toMatch(/^unknown/);

    expect(posts(env.sandbox)).toEqual([]);
  });

  it('trusts the host instead of asking with --confirm=client', async () => {
    running(env.sandbox, 'r-1');
    const trusting = await start(['--allow-write', '--confirm=client'], { answer: 'no-elicitation' });
    const planned = (await plan(trusting, { operation: 'stop', task_ids: ['r-1'] })).structuredContent!;
    expect((await run(trusting, planned)).structuredContent).toMatchObject({ state: 'done', counts: { ok: 1 } });
    expect(posts(env.sandbox)).toEqual(['r-1']);
  });
});

describe('cancel, abort, then resume', () => {
  it('sends nothing new after a cancel, aborts the call in flight on abort, and the resume reads that one first', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `c-${i}`);
    running(env.sandbox, ...ids);
    const held = holdStops(env.sandbox, ['c-2']);
    const mcp = await start(['--allow-write=stop', '--concurrency', '1']);
    const planned = (await plan(mcp, { operation: 'stop', task_ids: ids })).structuredContent!;
    const started = (await run(mcp, planned, { wait_s: 0 })).structuredContent!;
    expect(started.state).toBe('running');
    await held.arrived(3);
    const cancel = (abort: boolean) => mcp.call('sms_cancel_wave', { wave_id: started.wave_id, abort });
    expect((await cancel(false)).structuredContent!.state).toBe('stopping');
    // The second signal: c-2's call, held at the service, is aborted here; it may have acted.
    await cancel(true);
    const cut = (await mcp.call('sms_wave_status', { wave_id: started.wave_id, wait_s: 25 })).structuredContent!;
    expect(cut).toMatchObject({ state: 'cut', cut: 'cancelled by sms_cancel_wave', counts: { ok: 2, failed: 1 } });
    expect(cut.rows.find((row: any) => row.task_id === 'c-2')).toMatchObject({
      outcome: 'failed',
      may_have_acted: true,
    });
    expect(posts(env.sandbox)).toEqual(['c-0', 'c-1']);
    // And it did: the service acts on it after all.
    await held.release();
    expect(env.sandbox.task('c-2')!.state).toBe('ABORT');

    const rest = (await plan(mcp, { operation: 'stop', resume_wave_id: started.wave_id })).structuredContent!;
    expect(rest).toMatchObject({ task_count: 4, counts: { done_before: 2, read_first: 1, send: 3 } });
    expect(rest.message).toBe(
      `stop 4 tasks at the configured endpoint (the rest of wave ${started.wave_id}: 2 ended ok before, ` +
        '1 read first: their earlier call may have acted): 0 already ABORT, 0 repeat, 0 invalid',
    );
    const done = (await run(mcp, rest)).structuredContent!;
    expect(done).toMatchObject({ wave_id: started.wave_id, state: 'done', wave_ok: true, counts: { ok: 6 } });
    // Each task's call reached the service once: c-2's read showed it ABORT, so it was not sent again.
    expect(posts(env.sandbox).sort()).toEqual(ids);
    expect(env.sandbox.calls().some((call) => call.method === 'GET' && call.taskId === 'c-2')).toBe(true);
    expect(readJournal(mcp.app.folders.journal(started.wave_id)).invalid).toEqual([]);
  });
});

describe('an ids file', () => {
  it('is read from --ids-dir only, and a wave from it runs as planned', async () => {
    running(env.sandbox, 'f-1', 'f-2');
    const idsDir = env.folder();
    writeFileSync(join(idsDir, 'wave.txt'), '# wave 1\nf-1\n\nf-2\n');
    writeFileSync(join(env.folder(), 'other.txt'), 'f-1\n');
    const mcp = await start(['--allow-write=stop', '--ids-dir', idsDir]);
    for (const name of ['../other.txt', '/etc/passwd', 'missing.txt']) {
      const refused = await plan(mcp, { operation: 'stop', ids_file: name });
      expect(refused.content[0]!.text).toMatch(/is not a file in the ids folder \(--ids-dir\)/);
    }
    const planned = (await plan(mcp, { operation: 'stop', ids_file: 'wave.txt' })).structuredContent!;
    expect(planned).toMatchObject({ task_count: 2, counts: { send: 2 } });
    expect((await run(mcp, planned)).structuredContent).toMatchObject({ state: 'done', counts: { ok: 2 } });
    expect(posts(env.sandbox)).toEqual(['f-1', 'f-2']);
    const without = await start(['--allow-write=stop']);
    expect((await plan(without, { operation: 'stop', ids_file: 'wave.txt' })).content[0]!.text).toMatch(
      /^ids_file needs the server started with --ids-dir DIR/,
    );
  });
});

describe('sms_get_tasks', () => {
  it('reads given ids in their order, and a page of the list read by state', async () => {
    running(env.sandbox, 'g-1', 'g-2');
    env.sandbox.setTask('g-3', 'ABORT');
    const mcp = await start([]);
    const byIds = (await mcp.call('sms_get_tasks', { task_ids: ['g-3', 'g-1', 'nope'] })).structuredContent!;
    expect(byIds.tasks.map((row: any) => [row.task_id, row.state])).toEqual([
      ['g-3', 'ABORT'],
      ['g-1', 'RUNNING'],
      ['nope', null],
    ]);
    expect(byIds.tasks[2].error).toMatch(/^404/);
    const page = (await mcp.call('sms_get_tasks', { state: 'RUNNING', limit: 1 })).structuredContent!;
    expect(page).toMatchObject({ count: 2, next_offset: 1, states: { RUNNING: 1 } });
    const both = await mcp.call('sms_get_tasks', { task_ids: ['g-1'], state: 'RUNNING' });
    expect(both).toMatchObject({ isError: true });
  });
});
