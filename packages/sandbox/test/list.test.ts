// The list read (GET /v3/tasks): the same gateway as the other calls, its query checked against the
// spec's parameters, its filters, its pages (the spec's defaults) and `count`, each task a valid
// TaskListItem with that schema's fields only; recorded in calls().
import { createSmsClient } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type SandboxServer, type SeedTask, startSandboxServer } from '../dist/index.js';
import { get } from './reads.js';
import { example, LIST_ITEM_FIELDS, LIST_PARAMETERS, listProblem, TASK_FIELDS } from './spec.js';

const STATES = ['READY', 'RUNNING', 'ABORT', 'MIGRATE_FAIL', 'MIGRATE_SUCCESS'];
// 250 tasks: every fifth in each state, the first fifty in enterprise project "ep-1", the odd ones in continuous sync.
const SEED: SeedTask[] = Array.from({ length: 250 }, (_, i) => ({
  id: `task-${String(i).padStart(3, '0')}`,
  state: STATES[i % 5]!,
  name: `wave-${Math.floor(i / 100)}`,
  source_server_id: `src-${i}`,
  ...(i < 50 && { enterprise_project_id: 'ep-1' }),
  ...(i % 2 === 1 && i % 5 !== 4 && { continuous_sync: true }),
}));
const ids = (page: { tasks: { id: string }[] }) => page.tasks.map((task) => task.id);
const seedIds = (filter: (task: SeedTask, index: number) => boolean) => SEED.filter(filter).map((task) => task.id);

const sandbox = createSandbox({ tasks: SEED, timeScale: 0 });
const list = async (query = '') => {
  const read = await get(sandbox, `/v3/tasks${query}`);
  expect(listProblem(read.status, read.body), query).toBeNull();
  return read;
};

describe('pages', () => {
  it("answers the spec's default page (limit, offset) with count = every task", async () => {
    const { status, body } = await list();
    const limit = LIST_PARAMETERS.limit!.default as number;
    expect(status).toBe(200);
    expect(body.count).toBe(250);
    expect(ids(body)).toEqual(SEED.slice(LIST_PARAMETERS.offset!.default, limit).map((task) => task.id));
  });

  it('walks every task by limit and offset, in the order they were created', async () => {
    const walked: string[] = [];
    for (let offset = 0; ; offset += 80) {
      const { body } = await list(`?limit=80&offset=${offset}`);
      expect(body.count).toBe(250);
      if (body.tasks.length === 0) break;
      walked.push(...ids(body));
    }
    expect(walked).toEqual(SEED.map((task) => task.id));
    expect((await list('?limit=0')).body).toEqual({ count: 250, tasks: [] });
    expect((await list(`?limit=${LIST_PARAMETERS.limit!.maximum}&offset=200`)).body.tasks).toHaveLength(50);
  });

  it("lists each task with the TaskListItem's fields only: syncing, but none the task read alone has", async () => {
    const { body } = await list('?limit=200');
    const readOnly = TASK_FIELDS.filter((field) => !LIST_ITEM_FIELDS.includes(field));
    expect(readOnly).toEqual(expect.arrayContaining(['connected', 'remain_seconds', 'start_date', 'finish_date']));
    for (const task of body.tasks) {
      for (const field of Object.keys(task)) expect(LIST_ITEM_FIELDS, `${task.id}.${field}`).toContain(field);
    }
    const syncing = (id: string) => body.tasks.find((task: { id: string }) => task.id === id).syncing;
    expect([syncing('task-000'), syncing('task-001'), syncing('task-009')]).toEqual([false, true, false]);
    const running = body.tasks.find((task: { state: string }) => task.state === 'RUNNING');
    expect(running.sub_tasks[0]).toMatchObject({ name: 'CREATE_CLOUD_SERVER', start_date: expect.any(Number) });
  });
});

describe('filters', () => {
  it('keeps the tasks whose state, name, id, source server or enterprise project is the one asked for', async () => {
    expect(ids((await list('?state=ABORT&limit=200')).body)).toEqual(seedIds((t) => t.state === 'ABORT'));
    expect((await list('?name=wave-2')).body.count).toBe(50);
    expect(ids((await list('?id=task-007')).body)).toEqual(['task-007']);
    expect(ids((await list('?source_server_id=src-42')).body)).toEqual(['task-042']);
    expect((await list('?enterprise_project_id=ep-1')).body.count).toBe(50);
    expect((await list('?enterprise_project_id=0')).body.count).toBe(200);
    const both = await list('?enterprise_project_id=ep-1&state=RUNNING&limit=5&offset=5');
    expect(both.body.count).toBe(10);
    expect(ids(both.body)).toEqual(seedIds((t, i) => i < 50 && t.state === 'RUNNING').slice(5, 10));
    expect((await list('?id=none')).body).toEqual({ count: 0, tasks: [] });
  });

  it('filters by the state the clock has brought a task to', async () => {
    const moving = createSandbox({ tasks: [{ id: 'm', state: 'RUNNING', duration_s: 60 }], timeScale: 0 });
    expect((await get(moving, '/v3/tasks?state=RUNNING')).body.count).toBe(1);
    moving.advance({ seconds: 60 });
    expect((await get(moving, '/v3/tasks?state=RUNNING')).body.count).toBe(0);
    expect((await get(moving, '/v3/tasks?state=MIGRATE_SUCCESS')).body.tasks).toMatchObject([{ id: 'm' }]);
  });
});

describe('a query the spec refuses', () => {
  const { maximum: maxLimit } = LIST_PARAMETERS.limit!;
  const { maximum: maxOffset } = LIST_PARAMETERS.offset!;
  const cases: [string, string][] = [
    [`limit=${maxLimit + 1}`, '/query/limit maximum'],
    ['limit=-1', '/query/limit minimum'],
    ['limit=ten', '/query/limit type'],
    ['limit=1.5', '/query/limit type'],
    [`offset=${maxOffset + 1}`, '/query/offset maximum'],
    ['state=PAUSED', '/query/state enum'],
    // A state of a task, but not one the list's filter knows.
    ['state=SYNC_SUCCESS', '/query/state enum'],
    ['id=', '/query/id minLength'],
    [`source_server_id=${'x'.repeat(37)}`, '/query/source_server_id maxLength'],
    ['state=READY&state=RUNNING', '/query/state repeated'],
  ];
  it.each(cases)('answers ?%s with SANDBOX.0400 naming %s, valid against the spec', async (query, rule) => {
    const { status, body, headers } = await get(sandbox, `/v3/tasks?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error_code: example('sandbox_invalid_request').value.error_code,
      error_param: [rule],
    });
    expect(listProblem(400, body)).toBeNull();
    expect(headers.get('x-sandbox-reason')).toMatch(/^\/query\//);
  });

  it('names the values the state filter takes', async () => {
    const { body } = await get(sandbox, '/v3/tasks?state=PAUSED');
    expect(body.error_msg).toContain(LIST_PARAMETERS.state!.enum.join(', '));
  });
});

describe('the gateway, as for the other calls', () => {
  const pair = { ak: 'LISTAK', sk: 'list-secret-key' };
  let server: SandboxServer;
  beforeAll(async () => {
    server = await startSandboxServer({ tasks: SEED.slice(0, 3), aksk: pair });
  });
  afterAll(() => server.close());

  it('answers a request signed with the pair (its query signed too), and refuses a wrong one with 401', async () => {
    const signed = (sk: string) =>
      createSmsClient({ endpoint: server.url, auth: akskAuth({ ...pair, sk }), retry: false });
    const good = await signed(pair.sk).raw.GET('/v3/tasks', { params: { query: { limit: 2, state: 'READY' } } });
    expect(good.response.status).toBe(200);
    expect(good.data).toMatchObject({ count: 1, tasks: [{ id: 'task-000' }] });
    const bad = await signed('wrong-secret').raw.GET('/v3/tasks', { params: { query: { limit: 2 } } });
    expect(bad.response.status).toBe(example('gateway_auth_failed').status);
    expect(bad.error).toEqual(example('gateway_auth_failed').value);
  });

  it('refuses a request without credentials with 401, and another method with 405', async () => {
    const anonymous = await fetch(`${server.url}/v3/tasks`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual(example('gateway_auth_failed').value);
    const posted = await fetch(`${server.url}/v3/tasks`, { method: 'POST', headers: { 'x-auth-token': 't' } });
    expect([posted.status, posted.headers.get('allow')]).toEqual([405, 'GET']);
  });

  it('records each list read in calls(): GET, its query, no task id', async () => {
    server.sandbox.reset();
    await get(server.url, '/v3/tasks?limit=5&name=wave-0');
    await get(server.url, '/v3/tasks?limit=500');
    expect(server.sandbox.calls()).toEqual([
      { method: 'GET', query: { limit: '5', name: 'wave-0' }, body: undefined, credential: 'token', status: 200 },
      {
        method: 'GET',
        query: { limit: '500' },
        body: undefined,
        credential: 'token',
        status: 400,
        errorCode: example('sandbox_invalid_request').value.error_code,
      },
    ]);
  });
});
