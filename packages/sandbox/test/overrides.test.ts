// override() and calls() behave the same in process (sandbox.fetch) and through the server: an
// override answers in place of the sandbox or patches its stateful answer, newest first; calls()
// records what was sent and answered, and GET /__sandbox/calls gives the same; reset(), in code or
// POST /__sandbox/reset, clears both.
import { createSmsClient, SmsApiError } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxServer, startSandboxServer } from '../dist/index.js';
import { example } from './spec.js';

const TASKS = [
  { id: 'ready-1', state: 'READY' as const },
  { id: 'running-1', state: 'RUNNING' as const },
];
const CANNOT_PAUSE = example('cannot_pause').value.error_code as string;

interface Route {
  sandbox: Sandbox;
  url: string;
  fetch: typeof fetch;
}
let server: SandboxServer | undefined;
let opened: Sandbox | undefined;
afterEach(async () => {
  await server?.close();
  opened?.close();
  server = opened = undefined;
});

const ROUTES: { name: string; open(): Promise<Route> }[] = [
  {
    name: 'in process (sandbox.fetch)',
    async open() {
      opened = createSandbox({ tasks: TASKS });
      return { sandbox: opened, url: opened.url, fetch: opened.fetch };
    },
  },
  {
    name: 'through the server',
    async open() {
      server = await startSandboxServer({ tasks: TASKS });
      return { sandbox: server.sandbox, url: server.url, fetch: (input, init) => fetch(input, init) };
    },
  },
];

describe.each(ROUTES)('override() and calls() $name', ({ open }) => {
  const clientOf = (route: Route) =>
    createSmsClient({ endpoint: route.url, fetch: route.fetch, auth: { token: 'any-token' }, retry: false });

  it("answers in place of the sandbox without touching the task, until removed; next() gives the sandbox's answer", async () => {
    const route = await open();
    const sms = clientOf(route);
    const gateway = example('background_exception');
    const remove = route.sandbox.override('stop', () => ({ status: gateway.status, body: gateway.value }));
    const error = await sms.tasks.stop('running-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({ status: gateway.status, errorCode: gateway.value.error_code });
    expect(route.sandbox.task('running-1')?.state).toBe('RUNNING');
    remove();
    await expect(sms.tasks.stop('running-1')).resolves.toMatchObject({ status: 200 });
  });

  it('runs the newest override first; its next() runs the one before, which runs the sandbox once', async () => {
    const route = await open();
    const order: string[] = [];
    route.sandbox.override('start', async (_call, next) => {
      order.push('older');
      const answer = await next();
      return { ...answer!, headers: { ...answer!.headers, 'x-request-id': 'older' } };
    });
    route.sandbox.override('start', async (_call, next) => {
      order.push('newer');
      // Twice: the task is still started once.
      await next();
      const answer = await next();
      return {
        ...answer!,
        headers: { ...answer!.headers, 'x-request-id': `newer over ${answer!.headers['x-request-id']}` },
      };
    });
    await expect(clientOf(route).tasks.start('ready-1')).resolves.toMatchObject({
      status: 200,
      requestId: 'newer over older',
    });
    expect(order).toEqual(['newer', 'older']);
    expect(route.sandbox.task('ready-1')!.history.filter((entry) => entry.event === 'call')).toHaveLength(1);
  });

  it('sends a string body as it is under a content-type of its own (a gateway page)', async () => {
    const route = await open();
    route.sandbox.override('start', () => ({
      status: 502,
      headers: { 'Content-Type': 'text/html' },
      body: '<html>Bad Gateway</html>',
    }));
    const response = await route.fetch(`${route.url}/v3/tasks/ready-1/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
      body: '{"operation":"start"}',
    });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
      502,
      'text/html',
      '<html>Bad Gateway</html>',
    ]);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records every API call, a malformed one too, with the credential kind and never its value', async () => {
    const route = await open();
    const post = (body: string, headers: Record<string, string>) =>
      route.fetch(`${route.url}/v3/tasks/ready-1/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    await post('{"operation":"start"}', { 'x-auth-token': 'secret-token-1' });
    await post('{"operation":"pause"}', { 'x-auth-token': 'secret-token-1' });
    await post('not json', {});
    await clientOf(route).tasks.stop('running-1');
    await clientOf(route)
      .tasks.stop('running-1')
      .catch(() => undefined);
    const calls = route.sandbox.calls();
    expect(calls).toEqual([
      {
        method: 'POST',
        taskId: 'ready-1',
        operation: 'start',
        body: { operation: 'start' },
        credential: 'token',
        status: 200,
      },
      {
        method: 'POST',
        taskId: 'ready-1',
        operation: 'pause',
        body: { operation: 'pause' },
        credential: 'token',
        status: example('sandbox_invalid_request').status,
        errorCode: example('sandbox_invalid_request').value.error_code,
      },
      {
        method: 'POST',
        taskId: 'ready-1',
        body: 'not json',
        credential: 'none',
        status: example('gateway_auth_failed').status,
        errorCode: example('gateway_auth_failed').value.error_code,
      },
      {
        method: 'POST',
        taskId: 'running-1',
        operation: 'stop',
        body: { operation: 'stop' },
        credential: 'token',
        status: 200,
      },
      {
        method: 'POST',
        taskId: 'running-1',
        operation: 'stop',
        body: { operation: 'stop' },
        credential: 'token',
        status: 400,
        errorCode: CANNOT_PAUSE,
      },
    ]);
    expect(JSON.stringify(calls)).not.toContain('secret-token-1');
    // The control API gives sms-sandbox's users the same record.
    const read = await route.fetch(`${route.url}/__sandbox/calls`);
    expect([read.status, await read.json()]).toEqual([200, { calls }]);
    // A copy: changing it does not change the record.
    (calls[0]!.body as { operation: string }).operation = 'changed';
    expect(route.sandbox.calls()[0]!.body).toEqual({ operation: 'start' });
  });

  it('clears overrides and calls on reset, in code and through POST /__sandbox/reset', async () => {
    const route = await open();
    const sms = clientOf(route);
    for (const reset of [
      () => route.sandbox.reset(),
      async () => expect((await route.fetch(`${route.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(204),
    ]) {
      route.sandbox.override('start', () => ({ status: 503, body: {} }));
      await sms.tasks.start('ready-1').catch(() => undefined);
      expect(route.sandbox.calls()).toHaveLength(1);
      await reset();
      expect(route.sandbox.calls()).toEqual([]);
      expect(await (await route.fetch(`${route.url}/__sandbox/calls`)).json()).toEqual({ calls: [] });
      await expect(sms.tasks.start('ready-1')).resolves.toMatchObject({ status: 200 });
      route.sandbox.reset();
    }
  });

  it('fails with the reason when an override returns something that is not an answer', async () => {
    const route = await open();
    route.sandbox.override('start', () => undefined as never);
    const failed = await route
      .fetch(`${route.url}/v3/tasks/ready-1/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
        body: '{"operation":"start"}',
      })
      .then(
        async (response) => `${response.status} ${(await response.json()).error_msg}`,
        (error: Error) => error.message,
      );
    expect(failed).toContain('the override of "start" must return { status (200–599), headers?, body? } or null');
  });
});

describe('overrides sit behind the gateway', () => {
  it('refuses a call signed with another SK before an override that would answer 200 sees it', async () => {
    const pair = { ak: 'AK-OVERRIDE', sk: 'sk-the-sandbox-knows' };
    opened = createSandbox({ tasks: TASKS, aksk: pair });
    const seen: string[] = [];
    opened.override('start', async (call) => {
      seen.push(call.taskId);
      return { status: 200, body: {} };
    });
    const client = (sk: string) =>
      createSmsClient({ endpoint: opened!.url, fetch: opened!.fetch, auth: akskAuth({ ...pair, sk }), retry: false });

    const refused = await client('another-sk')
      .tasks.start('ready-1')
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SmsApiError);
    expect((refused as SmsApiError).status).toBe(401);
    expect(seen).toEqual([]);
    await expect(client(pair.sk).tasks.start('ready-1')).resolves.toMatchObject({ status: 200 });
    expect(seen).toEqual(['ready-1']);
    expect(opened.calls().map((call) => call.status)).toEqual([401, 200]);
  });
});
