import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/index.js';
import { createSmsClient, dispatchedCount, transport } from './entry.js';
import { json, useTestServer } from './server.js';

const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
const TOKEN = 'test-token-abc';

const server = useTestServer(json(200, {}, { 'x-request-id': 'req-1' }));

const client = () => createSmsClient({ endpoint: server.url, auth: { token: TOKEN } });
const camel = (s: string) => s.replace(/_(.)/g, (_, c: string) => c.toUpperCase());

describe('operation helpers', () => {
  it(`sends through the transport this project tests (${transport})`, async () => {
    const before = dispatchedCount();
    await client().tasks.start(TASK);
    expect(server.requests).toHaveLength(1);
    expect(dispatchedCount() - before).toBe(transport === 'undici' ? 1 : 0);
  });

  it('has exactly one helper per operation of the spec, plus action, preview, prepare and the reads', () => {
    expect(Object.keys(client().tasks).sort()).toEqual(
      ['action', 'preview', 'prepare', 'read', 'list', 'pages', ...OPERATIONS.map(camel)].sort(),
    );
  });

  for (const operation of OPERATIONS) {
    const name = camel(operation);
    it(`${name}() sends POST /v3/tasks/{id}/action with the token, JSON content type and {"operation":"${operation}"}`, async () => {
      const tasks = client().tasks as unknown as Record<string, (id: string, f?: object) => Promise<unknown>>;
      const fields = operation === 'clone_test' ? { template_id: 'tpl-1' } : undefined;
      const result = await tasks[name]!(TASK, fields);
      expect(result).toEqual({ data: {}, status: 200, requestId: 'req-1', attempts: 1 });
      expect(server.requests).toHaveLength(1);
      const [req] = server.requests;
      expect(req!.method).toBe('POST');
      expect(req!.url).toBe(`/v3/tasks/${TASK}/action`);
      expect(req!.headers['x-auth-token']).toBe(TOKEN);
      expect(req!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(req!.body)).toEqual({ operation, ...fields });
    });
  }

  it('passes every optional field through under its spec name', async () => {
    await client().tasks.restart(TASK, { switch_hce: true, is_need_consistency_check: false, template_id: '' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      operation: 'restart',
      switch_hce: true,
      is_need_consistency_check: false,
      template_id: '',
    });
  });

  it('action() sends the body exactly as given', async () => {
    await client().tasks.action(TASK, { operation: 'restart', is_need_consistency_check: true });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ operation: 'restart', is_need_consistency_check: true });
  });

  it('drops fields that are undefined instead of rejecting them', async () => {
    await client().tasks.start(TASK, { switch_hce: undefined });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ operation: 'start' });
  });

  it('percent-encodes the task id so that it stays one path segment', async () => {
    await client().tasks.start('a/../b?c#d %');
    expect(server.requests[0]!.url).toBe('/v3/tasks/a%2F..%2Fb%3Fc%23d%20%25/action');
  });

  it('sends client-wide and per-call extra headers', async () => {
    const sms = createSmsClient({ endpoint: server.url, auth: { token: TOKEN }, headers: { 'x-app': 'one' } });
    await sms.tasks.stop(TASK, {}, { headers: { 'x-call': 'two' } });
    expect(server.requests[0]!.headers).toMatchObject({ 'x-app': 'one', 'x-call': 'two' });
  });

  it('keeps a path prefix of the endpoint', async () => {
    await createSmsClient({ endpoint: `${server.url}/prefix/`, auth: { token: TOKEN } }).tasks.stop(TASK);
    expect(server.requests[0]!.url).toBe(`/prefix/v3/tasks/${TASK}/action`);
  });

  it('reads options.fetch at call time, not at creation', async () => {
    const options = { endpoint: server.url, auth: { token: TOKEN } } as Parameters<typeof createSmsClient>[0];
    const sms = createSmsClient(options);
    const seen: string[] = [];
    options.fetch = (input, init) => {
      seen.push((input as Request).url);
      return fetch(input, init);
    };
    await sms.tasks.skip(TASK);
    expect(seen).toEqual([`${server.url}/v3/tasks/${TASK}/action`]);
  });

  it('raw is the openapi-fetch client, authenticated like the helpers', async () => {
    const { data, response } = await client().raw.POST('/v3/tasks/{task_id}/action', {
      params: { path: { task_id: TASK } },
      body: { operation: 'clear' },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({});
    expect(server.requests[0]!.headers['x-auth-token']).toBe(TOKEN);
  });
});
