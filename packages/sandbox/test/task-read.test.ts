// The task read (GET /v3/tasks/{task_id}) answers a whole Task, valid against the spec at every
// point of a migration, that moves as the sandbox's clock runs: sub-tasks progress, remain_seconds
// falls, RUNNING ends in MIGRATE_SUCCESS (or SYNCING with continuous synchronisation) or fails as
// seeded; a paused task keeps its progress. The clock stands still (timeScale 0) unless a test
// moves it, so every verdict is the same on a busy machine.
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type SandboxServer, type SeedTask, startSandboxServer } from '../dist/index.js';
import { act, get, readTask } from './reads.js';
import { readProblem } from './spec.js';

const HOUR = 3600;
const BLOCK_LINUX = [
  'CREATE_CLOUD_SERVER',
  'SSL_CONFIG',
  'ATTACH_AGENT_IMAGE',
  'MIGRATE_BLOCK',
  'CONFIGURE_LINUX',
  'DETTACH_AGENT_IMAGE',
];

const frozen = (...tasks: SeedTask[]) => createSandbox({ tasks, timeScale: 0, settleMs: 'manual' });

/** The read is valid, and its dates are in order: created, started, each sub-task's start and end, finished. */
function expectConsistent(task: any, now: number) {
  expect(readProblem(200, task)).toBeNull();
  expect(task.create_date).toBeLessThanOrEqual(task.start_date ?? now);
  for (const sub of task.sub_tasks) {
    expect(sub.progress).toBeGreaterThanOrEqual(0);
    expect(sub.progress).toBeLessThanOrEqual(100);
    expect(sub.start_date).toBeLessThanOrEqual(now);
    if (sub.end_date !== undefined) {
      expect(sub.progress).toBe(100);
      expect(sub.end_date).toBeGreaterThanOrEqual(sub.start_date);
    }
  }
  if (task.finish_date !== undefined) expect(task.finish_date).toBeLessThanOrEqual(now);
}

describe('a migration, read as the clock runs', () => {
  it('is valid at every point from READY through RUNNING to MIGRATE_SUCCESS, its sub-tasks progressing', async () => {
    const sandbox = frozen({ id: 'm-1', state: 'READY', duration_s: HOUR, migrate_speed: 250 });
    const ready = await readTask(sandbox, 'm-1');
    expectConsistent(ready, sandbox.now());
    expect(ready).toMatchObject({ state: 'READY', sub_tasks: [], remain_seconds: HOUR, migrate_speed: 0 });
    expect(ready).not.toHaveProperty('start_date');

    expect(await act(sandbox, 'm-1', 'start')).toBe(200);
    const started = sandbox.now();
    let before = await readTask(sandbox, 'm-1');
    expect(before).toMatchObject({ state: 'RUNNING', start_date: started, remain_seconds: HOUR });
    expect(before.sub_tasks).toMatchObject([{ name: 'CREATE_CLOUD_SERVER', progress: 0, start_date: started }]);
    for (let step = 1; step <= 13; step++) {
      sandbox.advance({ seconds: 300 });
      const task = await readTask(sandbox, 'm-1');
      expectConsistent(task, sandbox.now());
      expect(task.remain_seconds, `step ${step}`).toBe(Math.max(0, HOUR - step * 300));
      // No sub-task goes back, and the ones begun stay in the list.
      expect(task.sub_tasks.length).toBeGreaterThanOrEqual(before.sub_tasks.length);
      before.sub_tasks.forEach((sub: any, k: number) => {
        expect(task.sub_tasks[k].progress).toBeGreaterThanOrEqual(sub.progress);
      });
      if (task.state === 'RUNNING') {
        expect(task.estimate_complete_time).toBe(sandbox.now() + task.remain_seconds * 1000);
        const current = task.sub_tasks.at(-1);
        expect(task.migrate_speed).toBe(current.name === 'MIGRATE_BLOCK' ? 250 : 0);
      }
      before = task;
    }
    expect(before).toMatchObject({ state: 'MIGRATE_SUCCESS', finish_date: started + HOUR * 1000, remain_seconds: 0 });
    expect(before.sub_tasks.map((sub: any) => sub.name)).toEqual(BLOCK_LINUX);
    expect(before.sub_tasks.every((sub: any) => sub.progress === 100 && sub.end_date !== undefined)).toBe(true);
    expect(before.sub_tasks.at(-1).end_date).toBe(started + HOUR * 1000);
    expect(before.sub_tasks.find((sub: any) => sub.name === 'MIGRATE_BLOCK').migrate_speed).toBe(250);
    // The clock's step is in the history, dated when the migration ended, not when it was read.
    expect(sandbox.task('m-1')!.history.at(-1)).toMatchObject({
      event: 'clock',
      from: 'RUNNING',
      to: 'MIGRATE_SUCCESS',
      at: new Date(started + HOUR * 1000).toISOString(),
    });
  });

  it("names the migration and configuration sub-tasks after the task's type and OS", async () => {
    const sandbox = frozen({ id: 'w-1', state: 'MIGRATE_SUCCESS', type: 'MIGRATE_FILE', os_type: 'WINDOWS' });
    const task = await readTask(sandbox, 'w-1');
    expect(task.sub_tasks.map((sub: any) => sub.name)).toEqual([
      'CREATE_CLOUD_SERVER',
      'SSL_CONFIG',
      'ATTACH_AGENT_IMAGE',
      'MIGRATE_FILE',
      'CONFIGURE_WINDOWS',
      'DETTACH_AGENT_IMAGE',
    ]);
    expect(task).toMatchObject({ type: 'MIGRATE_FILE', os_type: 'WINDOWS' });
  });

  it('ends its full replication in SYNCING with continuous synchronisation, and syncs on', async () => {
    const sandbox = frozen({ id: 's-1', state: 'RUNNING', duration_s: HOUR, continuous_sync: true });
    const started = sandbox.now();
    expect(sandbox.advance({ seconds: HOUR - 1 })).toBe(0);
    expect((await readTask(sandbox, 's-1')).state).toBe('RUNNING');
    expect(sandbox.advance({ seconds: 1 })).toBe(1);
    const syncing = await readTask(sandbox, 's-1');
    expectConsistent(syncing, sandbox.now());
    expect(syncing).toMatchObject({ state: 'SYNCING', remain_seconds: 0, migrate_speed: 100 });
    expect(syncing).not.toHaveProperty('finish_date');
    expect(syncing.sub_tasks.at(-1)).toMatchObject({ name: 'MIGRATE_BLOCK', end_date: started + HOUR * 1000 });
    sandbox.advance({ seconds: 10 * HOUR });
    expect((await readTask(sandbox, 's-1')).state).toBe('SYNCING');
    // Paused and resumed, it goes back to its sync at once.
    expect(await act(sandbox, 's-1', 'stop')).toBe(200);
    sandbox.advance();
    expect(await act(sandbox, 's-1', 'start')).toBe(200);
    expect((await readTask(sandbox, 's-1')).state).toBe('SYNCING');
  });

  it('fails as seeded (fail_at): MIGRATE_FAIL with its error_json; started again, it resumes and succeeds', async () => {
    const error_json = '{"error_code":"SMS.XXXX","error_msg":"the disk is full"}';
    const sandbox = frozen({ id: 'f-1', state: 'RUNNING', duration_s: HOUR, fail_at: 0.5, error_json });
    const started = sandbox.now();
    sandbox.advance({ seconds: HOUR / 2 - 1 });
    expect(await readTask(sandbox, 'f-1')).not.toHaveProperty('error_json');
    sandbox.advance({ seconds: 2 });
    const failed = await readTask(sandbox, 'f-1');
    expectConsistent(failed, sandbox.now());
    expect(failed).toMatchObject({ state: 'MIGRATE_FAIL', error_json, finish_date: started + (HOUR / 2) * 1000 });
    expect(failed.remain_seconds).toBe(HOUR / 2);
    // It failed in its migration sub-task, which has no end.
    expect(failed.sub_tasks.at(-1)).toMatchObject({ name: 'MIGRATE_BLOCK' });
    expect(failed.sub_tasks.at(-1)).not.toHaveProperty('end_date');

    expect(await act(sandbox, 'f-1', 'start')).toBe(200);
    const resumed = await readTask(sandbox, 'f-1');
    expect(resumed).toMatchObject({ state: 'RUNNING', start_date: sandbox.now(), remain_seconds: HOUR / 2 });
    expect(resumed).not.toHaveProperty('error_json');
    expect(resumed).not.toHaveProperty('finish_date');
    sandbox.advance({ seconds: HOUR / 2 });
    expect((await readTask(sandbox, 'f-1')).state).toBe('MIGRATE_SUCCESS');
  });

  it('fails after fail_after_s seconds of running, with a SANDBOX error by default; restart runs it anew', async () => {
    const sandbox = frozen({ id: 'f-2', state: 'READY', duration_s: HOUR, fail_after_s: 600 });
    await act(sandbox, 'f-2', 'start');
    sandbox.advance({ seconds: 600 });
    const failed = await readTask(sandbox, 'f-2');
    expect(failed.state).toBe('MIGRATE_FAIL');
    expect(JSON.parse(failed.error_json)).toMatchObject({ error_code: 'SANDBOX.FAIL' });
    expect(await act(sandbox, 'f-2', 'restart')).toBe(200);
    const restarted = await readTask(sandbox, 'f-2');
    expect(restarted).toMatchObject({ state: 'RUNNING', start_date: sandbox.now(), remain_seconds: HOUR });
    expect(restarted.sub_tasks).toMatchObject([{ name: 'CREATE_CLOUD_SERVER', progress: 0 }]);
    sandbox.advance({ seconds: HOUR });
    expect((await readTask(sandbox, 'f-2')).state).toBe('MIGRATE_SUCCESS');
  });

  it('keeps its progress while paused (stop → ABORTING → ABORT) and resumes from it on start', async () => {
    const sandbox = frozen({ id: 'p-1', state: 'RUNNING', duration_s: 10 * HOUR, progress: 0.25 });
    sandbox.advance({ seconds: HOUR });
    expect(await act(sandbox, 'p-1', 'stop')).toBe(200);
    expect((await readTask(sandbox, 'p-1')).state).toBe('ABORTING');
    sandbox.advance();
    const paused = await readTask(sandbox, 'p-1');
    expectConsistent(paused, sandbox.now());
    expect(paused).toMatchObject({ state: 'ABORT', remain_seconds: 6.5 * HOUR, migrate_speed: 0 });
    sandbox.advance({ seconds: 24 * HOUR });
    const later = await readTask(sandbox, 'p-1');
    expect(later).toEqual(paused);

    expect(await act(sandbox, 'p-1', 'start')).toBe(200);
    const resumed = await readTask(sandbox, 'p-1');
    expect(resumed).toMatchObject({ state: 'RUNNING', start_date: sandbox.now(), remain_seconds: 6.5 * HOUR });
    // The migration sub-task it was in keeps the date it began.
    const migrating = (task: any) => task.sub_tasks.find((sub: any) => sub.name === 'MIGRATE_BLOCK');
    expect(migrating(resumed).start_date).toBe(migrating(paused).start_date);
    expect(migrating(resumed).progress).toBe(migrating(paused).progress);
    sandbox.advance({ seconds: 6.5 * HOUR - 1 });
    expect((await readTask(sandbox, 'p-1')).state).toBe('RUNNING');
    sandbox.advance({ seconds: 1 });
    expect((await readTask(sandbox, 'p-1')).state).toBe('MIGRATE_SUCCESS');
  });

  it('reads the same at the same time on the clock', async () => {
    const sandbox = frozen({ id: 'd-1', state: 'RUNNING', progress: 0.3 });
    expect(await readTask(sandbox, 'd-1')).toEqual(await readTask(sandbox, 'd-1'));
  });

  it('shows the clone of a clone_test and the result of a network_check, valid against the spec', async () => {
    const sandbox = frozen({ id: 'c-1', state: 'MIGRATE_SUCCESS' });
    expect(await act(sandbox, 'c-1', 'clone_test', { template_id: 'tpl-1' })).toBe(200);
    expect((await readTask(sandbox, 'c-1')).clone_server).toMatchObject({ clone_state: 'CREATING' });
    sandbox.advance({ seconds: HOUR });
    const cloned = await readTask(sandbox, 'c-1');
    expect(cloned.clone_server).toMatchObject({ clone_state: 'FINISHED', vm_id: expect.any(String) });
    expect(await act(sandbox, 'c-1', 'network_check')).toBe(200);
    const checked = await readTask(sandbox, 'c-1');
    expect(checked.network_check_info).toMatchObject({ destination_connectivity: true });
    expect(readProblem(200, checked)).toBeNull();
  });

  it('holds 100,000 running tasks with no timer each, and moves them all when the clock does', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const tasks = Array.from({ length: 100_000 }, (_, i) => ({ id: `t-${i}`, state: 'RUNNING' }));
    const sandbox = createSandbox({ tasks, timeScale: 0 });
    expect(timers()).toBe(before);
    expect(sandbox.advance({ seconds: 6 * HOUR })).toBe(100_000);
    const page = await get(sandbox, '/v3/tasks?state=MIGRATE_SUCCESS&limit=1');
    expect(page.body.count).toBe(100_000);
    expect(timers()).toBe(before);
  });
});

describe('the clock', () => {
  let server: SandboxServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("dates every answer by the sandbox's clock (the Date header), the server's too", async () => {
    server = await startSandboxServer({ tasks: [{ id: 'a', state: 'READY' }], timeScale: 0 });
    server.sandbox.advance({ seconds: 400 * 24 * HOUR });
    const read = await get(server.url, '/v3/tasks/a');
    expect(read.headers.get('date')).toBe(new Date(server.sandbox.now()).toUTCString());
    const list = await get(server.url, '/v3/tasks');
    expect(list.headers.get('date')).toBe(new Date(server.sandbox.now()).toUTCString());
  });

  it('moves by POST /__sandbox/advance { seconds }, shows at GET /__sandbox/clock, and settles with no body', async () => {
    server = await startSandboxServer({
      tasks: [{ id: 'a', state: 'RUNNING', duration_s: 60 }],
      timeScale: 0,
      settleMs: 'manual',
    });
    const control = async (path: string, method = 'GET', body?: unknown) => {
      const response = await fetch(`${server!.url}/__sandbox${path}`, {
        method,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    };
    const start = (await control('/clock')).body.now;
    expect(start).toBe(server.sandbox.now());
    expect(await control('/advance', 'POST', { seconds: 60 })).toEqual({
      status: 200,
      body: { moved: 1, now: start + 60_000 },
    });
    expect((await readTask(server.url, 'a')).state).toBe('MIGRATE_SUCCESS');
    expect(await control('/advance', 'POST')).toEqual({ status: 200, body: { settled: 0, now: start + 60_000 } });
    expect((await control('/advance', 'POST', { minutes: 1 })).status).toBe(400);
  });

  it('runs a six-hour migration in well under a second at timeScale 36,000 (a real second is ten hours)', async () => {
    const sandbox = createSandbox({ tasks: [{ id: 'fast', state: 'RUNNING' }], timeScale: 36_000 });
    let task = await readTask(sandbox, 'fast');
    // Read until it ends (the test's timeout is the only guard): each read valid, none ahead of the clock.
    while (task.state === 'RUNNING') {
      expectConsistent(task, sandbox.now());
      await new Promise((resolve) => setImmediate(resolve));
      task = await readTask(sandbox, 'fast');
    }
    expect(task.state).toBe('MIGRATE_SUCCESS');
    expect(task.finish_date - task.start_date).toBe(6 * HOUR * 1000);
  });
});
