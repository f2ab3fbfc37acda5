import { spec } from '@sms-task/spec';
import { describe, expect, it } from 'vitest';
import {
  SmsApiError,
  SmsNetworkError,
  SmsResponseError,
  SmsTimeoutError,
  SmsValidationError,
  TASK_STATES,
} from '../src/index.js';
import { createSmsClient } from './entry.js';
import { countingAuth, json, useTestServer } from './server.js';

const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
const server = useTestServer(json(200, { id: TASK, state: 'RUNNING' }, { 'x-request-id': 'req-1' }));
const sms = (timeoutMs?: number) =>
  createSmsClient({ endpoint: server.url, auth: { token: 'read-token' }, retry: { baseDelayMs: 1 }, timeoutMs });
const settle = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
// The list read's parameters, from the spec: the tests move with it.
const listParameter = (name: string) =>
  (spec.dereference(spec.list!.operation.parameters) as { name: string; schema: Record<string, any> }[]).find(
    (p) => p.name === name,
  )!.schema;
const LIMIT = listParameter('limit');
const OFFSET = listParameter('offset');

describe('tasks.read', () => {
  it('sends GET /v3/tasks/{task_id} with the token and returns the task, status, request id and date', async () => {
    // A Date of its own: node:http's is a cached string that a busy machine's late timer leaves a second old.
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    server.always(json(200, { id: TASK, state: 'RUNNING' }, { 'x-request-id': 'req-1', date }));
    const result = await sms().tasks.read(TASK);
    expect(result).toEqual({
      data: { id: TASK, state: 'RUNNING' },
      status: 200,
      requestId: 'req-1',
      attempts: 1,
      date: Date.parse(date),
    });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'GET', url: `/v3/tasks/${TASK}`, body: '' });
    expect(request!.headers['x-auth-token']).toBe('read-token');
    expect(request!.headers['content-type']).toBeUndefined();
  });

  it('gives date undefined for an answer without a Date header', async () => {
    server.always((_req, res) => {
      res.sendDate = false;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"t","state":"READY"}');
    });
    expect((await sms().tasks.read(TASK)).date).toBeUndefined();
  });

  it('refuses a bad task id with a typed error before anything is sent', async () => {
    const error = await settle(sms().tasks.read('x'.repeat(37)));
    expect(error).toBeInstanceOf(SmsValidationError);
    expect(error).toMatchObject({ field: 'task_id', rule: 'maxLength', attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('repeats a read answered 500 (a read acts on nothing), and returns the answer that follows', async () => {
    server.reply(json(500, { error_code: 'SMS.2007' }), json(502, {}));
    const result = await sms().tasks.read(TASK);
    expect(result).toMatchObject({ status: 200, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it('repeats a read whose connection was reset after it was sent', async () => {
    server.reply((req) => req.socket.destroy());
    expect(await sms().tasks.read(TASK)).toMatchObject({ status: 200, attempts: 2 });
  });

  it('repeats a read that timed out, against a server that never answers it', async () => {
    server.always(() => {});
    const { auth, tries } = countingAuth();
    const client = createSmsClient({ endpoint: server.url, auth, retry: { baseDelayMs: 1 }, timeoutMs: 50 });
    expect(await settle(client.tasks.read(TASK))).toBeInstanceOf(SmsTimeoutError);
    expect(tries()).toBe(3);
  });

  it('does not repeat a read refused with a 404: the task is not there', async () => {
    server.always(json(404, { error_code: 'SMS.2252', error_msg: 'not associated' }));
    const error = await settle(sms().tasks.read(TASK));
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({ status: 404, errorCode: 'SMS.2252', attempts: 1 });
  });

  it('reports a 200 without a JSON object (an empty body too) as SmsResponseError, after its retries', async () => {
    server.always((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(''));
    expect(await settle(sms().tasks.read(TASK))).toBeInstanceOf(SmsResponseError);
    expect(server.requests).toHaveLength(3);
  });

  it('still never repeats an action answered 500: only the reads are repeated so', async () => {
    server.always(json(500, {}));
    expect(await settle(sms().tasks.start(TASK))).toMatchObject({ status: 500, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('tasks.list', () => {
  it('sends GET /v3/tasks with the query as given', async () => {
    server.always(json(200, { count: 0, tasks: [] }));
    const result = await sms().tasks.list({ state: 'RUNNING', name: 'wave 1', limit: 50, offset: 100 });
    expect(result).toMatchObject({ data: { count: 0, tasks: [] }, status: 200 });
    const url = new URL(server.requests[0]!.url, server.url);
    expect(url.pathname).toBe('/v3/tasks');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      state: 'RUNNING',
      name: 'wave 1',
      limit: '50',
      offset: '100',
    });
  });

  it('sends no query string when given none (the service applies its defaults)', async () => {
    server.always(json(200, { count: 0, tasks: [] }));
    await sms().tasks.list();
    expect(server.requests[0]!.url).toBe('/v3/tasks');
  });

  it.each([
    [{ limit: LIMIT.maximum + 1 }, 'limit', 'maximum', LIMIT.maximum],
    [{ limit: LIMIT.minimum - 1 }, 'limit', 'minimum', LIMIT.minimum],
    [{ offset: OFFSET.maximum + 1 }, 'offset', 'maximum', OFFSET.maximum],
    [{ limit: 1.5 }, 'limit', 'type', undefined],
    [{ limit: '10' }, 'limit', 'type', undefined],
    [{ state: 'SYNC_SUCCESS' }, 'state', 'enum', listParameter('state').enum],
    [{ id: '' }, 'id', 'minLength', 1],
    [{ name: 'n'.repeat(256) }, 'name', 'maxLength', 255],
    [{ colour: 'red' }, 'colour', 'additionalProperties', undefined],
    [{ name: '\ud800' }, 'name', 'type', undefined],
  ])('refuses the query %j before anything is sent (%s: %s)', async (query, field, rule, limit) => {
    const error = await settle(sms().tasks.list(query as never));
    expect(error).toBeInstanceOf(SmsValidationError);
    expect(error).toMatchObject({ field, rule, attempts: 0, ...(limit === undefined ? {} : { limit }) });
    expect(server.requests).toHaveLength(0);
  });

  it('repeats a list read answered 503 with Retry-After, honouring the wait it names', async () => {
    server.reply(json(503, {}, { 'retry-after': '0' }));
    server.always(json(200, { count: 0, tasks: [] }));
    expect(await sms().tasks.list()).toMatchObject({ status: 200, attempts: 2 });
  });

  it('repeats a list read whose connection failed after it was sent, then gives up as a network error', async () => {
    server.always((req) => req.socket.destroy());
    expect(await settle(sms().tasks.list())).toBeInstanceOf(SmsNetworkError);
    expect(server.requests).toHaveLength(3);
  });
});

describe('tasks.pages', () => {
  /** A list server over `total` tasks, answering each page as the query asks. */
  const pagedList = (total: number) => (req: { url?: string }, res: import('node:http').ServerResponse) => {
    const query = new URL(req.url!, 'http://x').searchParams;
    const offset = Number(query.get('offset'));
    const limit = Number(query.get('limit'));
    const tasks = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
      id: `task-${offset + i}`,
      state: TASK_STATES[(offset + i) % TASK_STATES.length],
    }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: total, tasks }));
  };

  it(`walks every page with the spec's largest limit: 2,000 tasks in 10 calls`, async () => {
    server.always(pagedList(2000));
    const ids: string[] = [];
    let calls = 0;
    for await (const page of sms().tasks.pages({ state: 'RUNNING' })) {
      calls++;
      ids.push(...page.data.tasks.map((task) => task.id));
    }
    expect(calls).toBe(Math.ceil(2000 / LIMIT.maximum));
    expect(new Set(ids).size).toBe(2000);
    const offsets = server.requests.map((r) => new URL(r.url, server.url).searchParams.get('offset'));
    expect(offsets).toEqual(Array.from({ length: calls }, (_, i) => String(i * LIMIT.maximum)));
    expect(server.requests.every((r) => r.url.includes('state=RUNNING'))).toBe(true);
  });

  it('starts at the given offset, pages by the given limit, and stops at count', async () => {
    server.always(pagedList(25));
    const sizes: number[] = [];
    for await (const page of sms().tasks.pages({ limit: 10, offset: 3 })) sizes.push(page.data.tasks.length);
    expect(sizes).toEqual([10, 10, 2]);
  });

  it('makes one call for an empty account', async () => {
    server.always(pagedList(0));
    const pages = [];
    for await (const page of sms().tasks.pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });

  it('stops on a page with no tasks even if count says more (a list that shrank meanwhile)', async () => {
    server.always(json(200, { count: 500, tasks: [] }));
    for await (const _ of sms().tasks.pages()) {
    }
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a limit of 0, which could never reach count, before anything is sent', async () => {
    const walk = async () => {
      for await (const _ of sms().tasks.pages({ limit: 0 })) {
      }
    };
    expect(await settle(walk())).toMatchObject({ name: 'SmsValidationError', field: 'limit' });
    expect(server.requests).toHaveLength(0);
  });

  it(`says so when the tasks go on past the spec's largest offset (${OFFSET.maximum})`, async () => {
    server.always(pagedList(OFFSET.maximum + 1000));
    let pages = 0;
    const walk = async () => {
      for await (const _ of sms().tasks.pages({ offset: OFFSET.maximum - 150, limit: 100 })) pages++;
    };
    expect(await settle(walk())).toMatchObject({ name: 'SmsValidationError', field: 'offset', rule: 'maximum' });
    expect(pages).toBe(2);
  });
});
