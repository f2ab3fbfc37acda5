// The seed: old seeds (id and state) stay valid; the optional fields say what a task is and how its
// migration goes, and show in its read; a bad seed is refused with the reason, before the server
// opens its port; setTask and PUT /__sandbox/tasks/{id} take the same fields.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSandbox, SandboxConfigError, type SeedTask, startSandboxServer } from '../dist/index.js';
import { act, readTask } from './reads.js';
import { readProblem } from './spec.js';

const HOUR_MS = 3_600_000;
const frozen = (...tasks: SeedTask[]) => createSandbox({ tasks, timeScale: 0 });

describe('a seed', () => {
  it('of ids and states only, as before (examples/wave.json), gives a valid read of every task', async () => {
    const wave = JSON.parse(readFileSync(new URL('../examples/wave.json', import.meta.url), 'utf8'));
    const sandbox = createSandbox({ tasks: wave.tasks, timeScale: 0 });
    for (const { id, state } of wave.tasks) {
      const task = await readTask(sandbox, id);
      expect(readProblem(200, task), id).toBeNull();
      expect(task).toMatchObject({ id, name: id, state, type: 'MIGRATE_BLOCK', os_type: 'LINUX', connected: true });
    }
  });

  it('shows its fields in the read', async () => {
    const sandbox = frozen({
      id: 'x-1',
      state: 'RUNNING',
      name: 'db-server',
      type: 'MIGRATE_FILE',
      os_type: 'WINDOWS',
      source_server_id: 'src-1',
      enterprise_project_id: 'ep-9',
      connected: false,
      migrate_speed: 42.5,
    });
    expect(await readTask(sandbox, 'x-1')).toMatchObject({
      name: 'db-server',
      type: 'MIGRATE_FILE',
      os_type: 'WINDOWS',
      source_server: { id: 'src-1' },
      enterprise_project_id: 'ep-9',
      connected: false,
    });
  });

  it('places a task part-way (progress) or past its migration as if it ran up to now without a break', async () => {
    const sandbox = frozen(
      { id: 'part', state: 'RUNNING', progress: 0.4, duration_s: 10_000 },
      { id: 'done', state: 'MIGRATE_SUCCESS', duration_s: 3600 },
      { id: 'failed', state: 'MIGRATE_FAIL', progress: 0.7, error_json: '{"error_code":"SMS.XXXX"}' },
    );
    const now = sandbox.now();
    const part = await readTask(sandbox, 'part');
    expect(part).toMatchObject({ start_date: now - 4_000_000, remain_seconds: 6000 });
    expect(part.sub_tasks.at(-1)).toMatchObject({ name: 'MIGRATE_BLOCK' });
    const done = await readTask(sandbox, 'done');
    expect(done).toMatchObject({ start_date: now - HOUR_MS, finish_date: now, remain_seconds: 0 });
    expect((await readTask(sandbox, 'failed')).error_json).toBe('{"error_code":"SMS.XXXX"}');
    for (const id of ['part', 'done', 'failed']) expect(readProblem(200, await readTask(sandbox, id))).toBeNull();
  });

  const refusals: [string, unknown, RegExp][] = [
    ['an unknown field', { id: 'a', state: 'READY', paused: true }, /tasks\[0\] has an unknown field "paused"/],
    ['an unknown state', { id: 'a', state: 'PAUSED' }, /tasks\[0\]: unknown state "PAUSED": use READY, RUNNING/],
    ['a progress in percent', { id: 'a', state: 'RUNNING', progress: 40 }, /fraction from 0 to 1 \(0\.4 is 40%\)/],
    ['a progress on a READY task', { id: 'a', state: 'READY', progress: 0.5 }, /progress goes with a task part-way/],
    ['a failure past its migration', { id: 'a', state: 'MIGRATE_SUCCESS', fail_at: 0.5 }, /not MIGRATE_SUCCESS/],
    ['a failure behind its progress', { id: 'a', state: 'RUNNING', progress: 0.6, fail_at: 0.5 }, /lie ahead/],
    ['two failures', { id: 'a', state: 'READY', fail_at: 0.5, fail_after_s: 60 }, /not both/],
    ['a failure after its end', { id: 'a', state: 'READY', duration_s: 60, fail_after_s: 60 }, /less than/],
    ['an error_json with no failure', { id: 'a', state: 'RUNNING', error_json: '{}' }, /goes with a failure/],
    ['an error_json object', { id: 'a', state: 'MIGRATE_FAIL', error_json: {} }, /error_json must be a string/],
    ['a SYNCING task without sync', { id: 'a', state: 'SYNCING', continuous_sync: false }, /continuous_sync/],
    ['a duration under a second', { id: 'a', state: 'READY', duration_s: 0 }, /duration_s must be/],
    ['an unknown type', { id: 'a', state: 'READY', type: 'MIGRATE_DISK' }, /type must be one of MIGRATE_FILE/],
    ['a long source server id', { id: 'a', state: 'READY', source_server_id: 'x'.repeat(37) }, /1–36/],
    ['an id the spec refuses', { id: 'x'.repeat(37), state: 'READY' }, /the id breaks the spec/],
  ];
  it.each(refusals)('with %s is refused with a SandboxConfigError that says why', (_, task, reason) => {
    expect(() => createSandbox({ tasks: [task as SeedTask] })).toThrow(SandboxConfigError);
    expect(() => createSandbox({ tasks: [task as SeedTask] })).toThrow(reason);
  });

  it('refuses a bad time scale', () => {
    for (const timeScale of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createSandbox({ timeScale })).toThrow(/timeScale must be a number ≥ 0/);
    }
  });
});

describe('startSandboxServer', () => {
  /** The process's listening servers: a handle each, which would keep it alive. */
  const handles = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;

  it('checks the seed before it opens its port: a bad seed rejects, and nothing is left listening', async () => {
    const before = handles();
    await expect(startSandboxServer({ tasks: [{ id: 'a', state: 'PAUSED' }] })).rejects.toThrow(SandboxConfigError);
    await expect(startSandboxServer({ tasks: [{ id: 'a', state: 'READY' }], timeScale: -1 })).rejects.toThrow(
      /timeScale/,
    );
    expect(handles()).toBe(before);
    // What the count would show had one listened: a good seed's server.
    const server = await startSandboxServer({ tasks: [{ id: 'a', state: 'READY' }] });
    expect(handles()).toBe(before + 1);
    await server.close();
  });
});

describe('setting a task', () => {
  it('takes the seed fields, and keeps what it leaves out', async () => {
    const sandbox = frozen({ id: 'a', state: 'READY', name: 'app-1', duration_s: 1000 });
    sandbox.setTask('a', { state: 'RUNNING', progress: 0.5 });
    expect(await readTask(sandbox, 'a')).toMatchObject({ name: 'app-1', state: 'RUNNING', remain_seconds: 500 });
    sandbox.setTask('a', 'ABORT');
    expect(await readTask(sandbox, 'a')).toMatchObject({ name: 'app-1', state: 'ABORT', remain_seconds: 1000 });
    expect(() => sandbox.setTask('a', { state: 'READY', progress: 0.5 })).toThrow(SandboxConfigError);
    expect(sandbox.task('a')!.history.map((entry) => entry.event)).toEqual(['set', 'set']);
  });

  it('over PUT /__sandbox/tasks/{id}, with the same fields', async () => {
    const server = await startSandboxServer({ timeScale: 0 });
    try {
      const put = (body: unknown) =>
        fetch(`${server.url}/__sandbox/tasks/new-1`, { method: 'PUT', body: JSON.stringify(body) });
      const created = await put({ state: 'RUNNING', duration_s: 60, continuous_sync: true });
      expect(created.status).toBe(200);
      server.sandbox.advance({ seconds: 60 });
      expect((await readTask(server.url, 'new-1')).state).toBe('SYNCING');
      const refused = await put({ id: 'other', state: 'READY' });
      expect([refused.status, (await refused.json()).error]).toEqual([
        400,
        "the body has no id: the task's id is the path's",
      ]);
    } finally {
      await server.close();
    }
  });

  it('with autoCreate, makes an unknown task READY on its first read or action', async () => {
    const sandbox = createSandbox({ autoCreate: true, timeScale: 0 });
    expect(await readTask(sandbox, 'new-2')).toMatchObject({ state: 'READY', sub_tasks: [] });
    expect(await act(sandbox, 'new-3', 'start')).toBe(200);
    expect((await readTask(sandbox, 'new-3')).state).toBe('RUNNING');
  });
});
