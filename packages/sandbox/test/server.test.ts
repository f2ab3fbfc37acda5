// The sandbox as a server, over real HTTP through the client: one state change at a time, the
// client's AK/SK signatures verified, faults that rehearse the client's retry policy, the control API.
import { createSmsClient, SmsApiError, SmsNetworkError } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type SandboxServer, type SandboxServerOptions, startSandboxServer } from '../dist/index.js';
import { example, readProblem, responseProblem } from './spec.js';

const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
let server: SandboxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: SandboxServerOptions = {}) {
  server = await startSandboxServer({ tasks: [{ id: TASK, state: 'RUNNING' }], ...options });
  return server;
}
const client = (url: string, retry: false | { baseDelayMs: number } = false) =>
  createSmsClient({ endpoint: url, auth: { token: 't' }, retry });
const control = async (url: string, path: string, method = 'GET', body?: unknown) => {
  const response = await fetch(`${url}/__sandbox${path}`, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
};

describe('one state change at a time', () => {
  it('gives 100 concurrent stops on one RUNNING task exactly one 200 and 99 SMS.1038', async () => {
    const { url, sandbox } = await start();
    const sms = client(url);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () =>
        sms.tasks.stop(TASK).then(
          (result) => String(result.status),
          (error: SmsApiError) => error.errorCode,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === '200')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'SMS.1038')).toHaveLength(99);
    expect(sandbox.task(TASK)!.state).toBe('ABORT');
    expect(sandbox.task(TASK)!.history.filter((entry) => entry.event === 'call')).toHaveLength(100);
  });
});

describe('AK/SK', () => {
  const pair = { ak: 'SANDBOXAK', sk: 'sandbox-secret-key', domainId: 'd0m41n' };
  it('accepts a request signed with its pair, through the client', async () => {
    const { url } = await start({ aksk: pair });
    const sms = createSmsClient({ endpoint: url, auth: akskAuth(pair), retry: false });
    await expect(sms.tasks.stop(TASK)).resolves.toMatchObject({ status: 200 });
  });

  it('answers 401 with the spec example to a wrong secret key, another access key or domain', async () => {
    const { url } = await start({ aksk: pair });
    const { status, value } = example('gateway_auth_failed');
    for (const wrong of [
      { ...pair, sk: 'another-secret-key' },
      { ...pair, ak: 'OTHERAK' },
      { ...pair, domainId: 'other' },
    ]) {
      const sms = createSmsClient({ endpoint: url, auth: akskAuth(wrong), retry: false });
      const error = await sms.tasks.stop(TASK).catch((e: unknown) => e);
      expect(error).toMatchObject({ status, errorCode: value.error_code });
    }
  });

  it('answers 401 to a request with no credentials, and says why in X-Sandbox-Reason', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v3/tasks/${TASK}/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"operation":"stop"}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-sandbox-reason')).toMatch(/no credentials/);
    expect(await response.json()).toEqual(example('gateway_auth_failed').value);
  });
});

describe('faults', () => {
  it('rehearses a 503 with Retry-After: the client waits and repeats it to success, once', async () => {
    const { url, sandbox } = await start();
    sandbox.setFaults([{ task: TASK, status: 503, retryAfter: 0, times: 1 }]);
    await expect(client(url, { baseDelayMs: 1 }).tasks.stop(TASK)).resolves.toMatchObject({ status: 200 });
    const calls = sandbox.task(TASK)!.history.filter((entry) => entry.event === 'call');
    expect(calls.map((call) => call.status)).toEqual([503, 200]);
  });

  it('answers a 500 with the spec example; the client sends it once and the task is untouched', async () => {
    const { url, sandbox } = await start();
    sandbox.setFaults([{ status: 500 }]);
    const error = await client(url, { baseDelayMs: 1 })
      .tasks.stop(TASK)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({ status: 500, errorCode: example('background_exception').value.error_code });
    expect(sandbox.task(TASK)).toMatchObject({ state: 'RUNNING', history: [{ status: 500 }] });
  });

  it('drops the connection: the client reports a network error, and the state is untouched', async () => {
    const { url, sandbox } = await start();
    sandbox.setFaults([{ drop: true, times: 1 }]);
    const error = await client(url)
      .tasks.stop(TASK)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsNetworkError);
    expect(sandbox.task(TASK)!.state).toBe('RUNNING');
    await expect(client(url).tasks.stop(TASK)).resolves.toMatchObject({ status: 200 });
  });

  it('delays the answer, then answers as usual', async () => {
    const { url, sandbox } = await start();
    sandbox.setFaults([{ delayMs: 50 }]);
    const started = Date.now();
    await expect(client(url).tasks.stop(TASK)).resolves.toMatchObject({ status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('memory', () => {
  it("keeps a task's last 1,000 events, so a long rehearsal does not grow without end", async () => {
    const sandbox = createSandbox({ tasks: [{ id: TASK, state: 'READY' }], mode: 'permissive' });
    const sms = createSmsClient({ endpoint: sandbox.url, fetch: sandbox.fetch, auth: { token: 't' } });
    for (let i = 0; i < 1_100; i++) await sms.tasks.networkCheck(TASK);
    const { history } = sandbox.task(TASK)!;
    expect(history).toHaveLength(1_000);
    expect(history.every((entry) => entry.operation === 'network_check')).toBe(true);
  });
});

describe('the control API', () => {
  it('creates and sets tasks, shows their history, settles on advance, and restores the seed', async () => {
    const { url } = await start({ settleMs: 'manual' });
    expect(await control(url, '/tasks/new-task', 'PUT', { state: 'SYNCING' })).toMatchObject({
      status: 200,
      body: { id: 'new-task', state: 'SYNCING' },
    });
    await client(url).tasks.stop('new-task');
    expect((await control(url, '/tasks/new-task')).body.state).toBe('ABORTING');
    expect(await control(url, '/advance', 'POST')).toEqual({
      status: 200,
      body: { settled: 1, now: expect.any(Number) },
    });
    const { body } = await control(url, '/tasks/new-task');
    expect(body).toMatchObject({ state: 'ABORT' });
    expect(body.history.map((entry: { event: string }) => entry.event)).toEqual(['set', 'call', 'settled']);
    expect((await control(url, '/reset', 'POST')).status).toBe(204);
    expect((await control(url, '/tasks')).body).toEqual({ tasks: [{ id: TASK, state: 'RUNNING' }] });
  });

  it('sets faults, and refuses bad control input with a 400 and the reason', async () => {
    const { url } = await start();
    expect(await control(url, '/faults', 'POST', { status: 503, retryAfter: 2 })).toMatchObject({ status: 200 });
    expect((await control(url, '/faults')).body).toEqual({ faults: [{ status: 503, retryAfter: 2 }] });
    for (const [path, method, body, reason] of [
      ['/tasks/x', 'PUT', { state: 'PAUSED' }, /unknown state "PAUSED": use READY, RUNNING/],
      ['/tasks/x', 'PUT', { state: 'READY', extra: 1 }, /task "x" has an unknown field "extra"/],
      ['/tasks/x', 'PUT', { progress: 0.5 }, /\{ "state": "…" \}/],
      ['/tasks/x', 'PUT', { state: 'READY', progress: 0.5 }, /progress goes with a task part-way/],
      ['/advance', 'POST', { seconds: -1 }, /\{ "seconds": n \}/],
      ['/faults', 'POST', { status: 404 }, /status must be one of 500, 503, 429/],
      ['/faults', 'PUT', [{ drop: true, status: 500 }], /fault 0: a fault either drops/],
      ['/faults', 'POST', { retryAfter: 3 }, /retryAfter/],
    ] as const) {
      const answer = await control(url, path, method, body);
      expect(answer.status, path).toBe(400);
      expect(answer.body.error).toMatch(reason);
    }
    const notJson = await fetch(`${url}/__sandbox/tasks/x`, { method: 'PUT', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await control(url, '/nothing')).status).toBe(404);
  });
});

describe('answers the spec declares', () => {
  it('answers an unknown task 404 with the spec example, or creates it with autoCreate', async () => {
    const strict = await start();
    const error = await client(strict.url)
      .tasks.start('unknown')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, errorCode: example('task_not_found').value.error_code });
    await strict.close();
    const { url, sandbox } = await start({ autoCreate: true });
    await expect(client(url).tasks.start('unknown')).resolves.toMatchObject({ status: 200 });
    expect(sandbox.task('unknown')!.state).toBe('RUNNING');
  });

  it('answers a malformed request 400 with the rule that failed, valid against the spec', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v3/tasks/${TASK}/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
      body: '{"operation":"clone_test"}',
    });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body).toEqual(example('sandbox_invalid_request').value);
    expect(responseProblem(400, body)).toBeNull();
  });

  it('answers a wrong Content-Type and a body over the limit with the spec examples', async () => {
    const { url } = await start();
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${url}/v3/tasks/${TASK}/action`, { method: 'POST', headers: { 'x-auth-token': 't', ...headers }, body });
    const wrongType = await post({ 'content-type': 'text/plain' }, '{"operation":"stop"}');
    expect(await wrongType.json()).toEqual(example('content_type_wrong').value);
    const tooLarge = await post(
      { 'content-type': 'application/json' },
      `{"operation":"stop","x":"${'y'.repeat(20_000)}"}`,
    );
    expect(tooLarge.status).toBe(example('body_too_large').status);
    expect(await tooLarge.json()).toEqual(example('body_too_large').value);
  });
});

describe('the task read (GET /v3/tasks/{task_id})', () => {
  const pair = { ak: 'SANDBOXAK', sk: 'sandbox-secret-key', domainId: 'd0m41n' };
  const read = (sms: ReturnType<typeof client>, taskId: string) =>
    sms.raw.GET('/v3/tasks/{task_id}', { params: { path: { task_id: taskId } } });

  it('answers the state an action left, valid against the spec, to a token and to an AK/SK signature', async () => {
    const { url, sandbox } = await start({ aksk: pair });
    const signed = createSmsClient({ endpoint: url, auth: akskAuth(pair), retry: false });
    const before = await read(signed, TASK);
    expect(before.response.status).toBe(200);
    expect(before.data).toMatchObject({ id: TASK, state: 'RUNNING' });
    expect(readProblem(200, before.data)).toBeNull();
    await signed.tasks.stop(TASK);
    const after = await read(client(url), TASK);
    expect(after.data?.state).toMatch(/^ABORT(ING)?$/);
    expect(sandbox.calls().map(({ method, credential, status }) => [method, credential, status])).toEqual([
      ['GET', 'aksk', 200],
      ['POST', 'aksk', 200],
      ['GET', 'token', 200],
    ]);
  });

  it('refuses a wrong signature and an unknown task with the spec examples, and other methods with 405', async () => {
    const { url } = await start({ aksk: pair });
    const wrong = await read(createSmsClient({ endpoint: url, auth: akskAuth({ ...pair, sk: 'wrong' }) }), TASK);
    expect(wrong.response.status).toBe(example('gateway_auth_failed').status);
    expect(wrong.error).toEqual(example('gateway_auth_failed').value);
    const unknown = await read(client(url), 'unknown');
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toEqual(example('task_not_found').value);
    expect(readProblem(404, unknown.error)).toBeNull();
    const tooLong = await read(client(url), 'x'.repeat(37));
    expect(tooLong.response.status).toBe(400);
    expect(readProblem(400, tooLong.error)).toBeNull();
    const deleted = await fetch(`${url}/v3/tasks/${TASK}`, { method: 'DELETE', headers: { 'x-auth-token': 't' } });
    expect([deleted.status, deleted.headers.get('allow')]).toEqual([405, 'GET']);
  });
});
