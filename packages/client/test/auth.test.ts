import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SmsApiError, SmsAuthError, SmsTimeoutError, SmsValidationError, type Authenticator } from '../src/index.js';
import { createSmsClient } from './entry.js';
import { json, useTestServer } from './server.js';

const server = useTestServer();

const settle = (p: Promise<unknown>) =>
  p.then(
    (v) => v,
    (e: unknown) => e,
  );

function provider() {
  let n = 0;
  const fn = async () => `token-${++n}`;
  return { fn, calls: () => n };
}

describe('token auth', () => {
  it('asks a provider once and reuses its token', async () => {
    const p = provider();
    const sms = createSmsClient({ endpoint: server.url, auth: { token: p.fn } });
    await sms.tasks.start('a');
    await sms.tasks.stop('a');
    expect(p.calls()).toBe(1);
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-1']);
  });

  it('a provider that never answers: the call times out at timeoutMs, saying nothing was sent', async () => {
    const sms = createSmsClient({
      endpoint: server.url,
      auth: { token: () => new Promise<string>(() => {}) },
      retry: false,
      timeoutMs: 100,
    });
    const error = await sms.tasks.start('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, message: 'no credentials within 100 ms; nothing was sent' });
    expect(server.requests).toHaveLength(0);
  });

  it('a provider call that hangs once: the call times out, and the next call asks the provider again and succeeds', async () => {
    let calls = 0;
    const token = () => (++calls === 1 ? new Promise<string>(() => {}) : Promise.resolve('fresh-token'));
    // Only the call meant to time out has a short deadline: a busy CI machine must not fail the others.
    const sms = createSmsClient({ endpoint: server.url, auth: { token }, retry: false });
    await expect(sms.tasks.start('a', {}, { timeoutMs: 100 })).rejects.toMatchObject({
      name: 'SmsTimeoutError',
      message: 'no credentials within 100 ms; nothing was sent',
    });
    await expect(sms.tasks.start('a')).resolves.toMatchObject({ status: 200 });
    expect(calls).toBe(2);
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['fresh-token']);
  });

  it('calls that all waited on one hung provider call time out together, and the next calls share one new provider call', async () => {
    let calls = 0;
    const token = () =>
      ++calls === 1
        ? new Promise<string>(() => {})
        : new Promise<string>((resolve) => setTimeout(() => resolve(`token-${calls}`), 20));
    const sms = createSmsClient({ endpoint: server.url, auth: { token }, retry: false });
    const stuck = await Promise.all(
      Array.from({ length: 5 }, (_, i) => settle(sms.tasks.start(`t${i}`, {}, { timeoutMs: 100 }))),
    );
    expect(stuck.every((e) => e instanceof SmsTimeoutError)).toBe(true);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => sms.tasks.start(`t${i}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(calls).toBe(2);
    expect(new Set(server.requests.map((r) => r.headers['x-auth-token']))).toEqual(new Set(['token-2']));
  });

  it('a call that times out after its token came does not drop the token', async () => {
    const p = provider();
    // By task id, not by arrival: on a busy machine the timed-out request may arrive late, or never.
    server.always((req, res, recorded) =>
      req.url!.includes('/hang/') ? undefined : json(200, {})(req, res, recorded),
    );
    const sms = createSmsClient({ endpoint: server.url, auth: { token: p.fn }, retry: false });
    await expect(sms.tasks.start('hang', {}, { timeoutMs: 100 })).rejects.toMatchObject({
      name: 'SmsTimeoutError',
      message: 'no answer within 100 ms; the server may have acted',
    });
    await expect(sms.tasks.start('a')).resolves.toMatchObject({ status: 200 });
    expect(p.calls()).toBe(1);
  });

  it("a provider that never answers: the caller's signal aborts the call", async () => {
    const sms = createSmsClient({
      endpoint: server.url,
      auth: { token: () => new Promise<string>(() => {}) },
      timeoutMs: Infinity,
    });
    const controller = new AbortController();
    const call = sms.tasks.start('a', undefined, { signal: controller.signal });
    setTimeout(() => controller.abort('enough'), 50);
    await expect(call).rejects.toMatchObject({ name: 'SmsAbortError', cause: 'enough' });
    expect(server.requests).toHaveLength(0);
  });

  it('a custom authenticator that never finishes signing: the call times out, and renew is told which request waited', async () => {
    const applied: Request[] = [];
    const renewed: Request[] = [];
    const stuck: Authenticator = {
      apply: (request) => (applied.push(request), new Promise<void>(() => {})),
      secrets: () => [],
      renew: (request) => (renewed.push(request), false),
    };
    const sms = createSmsClient({ endpoint: server.url, auth: stuck, retry: false, timeoutMs: 100 });
    await expect(sms.tasks.start('a')).rejects.toBeInstanceOf(SmsTimeoutError);
    expect(server.requests).toHaveLength(0);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]).toBe(applied[0]);
  });

  it('shares one pending provider call between concurrent calls', async () => {
    const p = provider();
    const sms = createSmsClient({ endpoint: server.url, auth: { token: p.fn } });
    await Promise.all([sms.tasks.start('a'), sms.tasks.start('b'), sms.tasks.start('c')]);
    expect(p.calls()).toBe(1);
  });

  it('after a 401, gets a fresh token and repeats the request once', async () => {
    const p = provider();
    server.reply(json(401, { error_code: 'APIGW.0301' }));
    const sms = createSmsClient({ endpoint: server.url, auth: { token: p.fn }, retry: false });
    await expect(sms.tasks.start('a')).resolves.toMatchObject({ status: 200 });
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
    await sms.tasks.start('a');
    expect(p.calls()).toBe(2);
  });

  it('after a burst of 401s for the same expired token, asks the provider once and repeats every call with the new token', async () => {
    const p = provider();
    // token-1 has expired; any later token is good.
    server.always((req, res) =>
      (req.headers['x-auth-token'] === 'token-1' ? json(401, { error_code: 'APIGW.0307' }) : json(200, {}))(
        req,
        res,
        undefined as never,
      ),
    );
    const sms = createSmsClient({ endpoint: server.url, auth: { token: p.fn }, retry: false });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => sms.tasks.start(`t${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(p.calls()).toBe(2);
    expect(server.requests.filter((r) => r.headers['x-auth-token'] === 'token-2')).toHaveLength(12);
  });

  it('asks again on the next 401 when the provider handed back the same expired token', async () => {
    const tokens = ['expired-token', 'expired-token', 'good-token'];
    let calls = 0;
    server.always((req, res) =>
      (req.headers['x-auth-token'] === 'expired-token' ? json(401, { error_code: 'APIGW.0307' }) : json(200, {}))(
        req,
        res,
        undefined as never,
      ),
    );
    const sms = createSmsClient({ endpoint: server.url, auth: { token: async () => tokens[calls++]! }, retry: false });
    await expect(sms.tasks.start('a')).rejects.toMatchObject({ status: 401 });
    await expect(sms.tasks.start('a')).resolves.toMatchObject({ status: 200 });
    expect(calls).toBe(3);
    // The first call: 401, one renewal, 401 again. The second: its cached token fails, it is dropped, the provider is asked.
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual([
      'expired-token',
      'expired-token',
      'expired-token',
      'good-token',
    ]);
  });

  it('scrubs from an error the token its own request carried, even after a concurrent call renewed it', async () => {
    const p = provider();
    const echo = (req: IncomingMessage, res: ServerResponse) =>
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error_msg: `denied for ${req.headers['x-auth-token']}` }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    // The first call's answer waits until a second call has renewed the token after a 401.
    server.reply((req, res) => (arrived(), void held.then(() => echo(req, res))), json(401, {}));
    const sms = createSmsClient({
      endpoint: server.url,
      auth: { token: async () => `long-${await p.fn()}` },
      retry: false,
    });
    const slow = settle(sms.tasks.start('slow'));
    await firstArrived;
    await expect(sms.tasks.start('renews')).resolves.toMatchObject({ status: 200 });
    release();
    const error = await slow;
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual([
      'long-token-1',
      'long-token-1',
      'long-token-2',
    ]);
    expect(error).toBeInstanceOf(SmsApiError);
    expect((error as SmsApiError).errorMsg).toBe('denied for [redacted]');
  });

  it('gives up after the second 401', async () => {
    const p = provider();
    server.always(json(401, { error_code: 'APIGW.0301' }));
    const sms = createSmsClient({ endpoint: server.url, auth: { token: p.fn } });
    expect(await settle(sms.tasks.start('a'))).toMatchObject({ status: 401, errorCode: 'APIGW.0301' });
    expect(server.requests).toHaveLength(2);
  });

  it('does not repeat a 401 with a fixed token string', async () => {
    server.always(json(401, {}));
    const error = await settle(createSmsClient({ endpoint: server.url, auth: { token: 'fixed' } }).tasks.start('a'));
    expect(error).toBeInstanceOf(SmsApiError);
    expect(server.requests).toHaveLength(1);
  });

  it('wraps a failing provider in SmsAuthError, sends nothing, and asks again next time', async () => {
    let fail = true;
    const sms = createSmsClient({
      endpoint: server.url,
      auth: {
        token: () => {
          if (fail) throw new Error('vault unreachable');
          return 'ok';
        },
      },
    });
    const error = await settle(sms.tasks.start('a'));
    expect(error).toBeInstanceOf(SmsAuthError);
    expect((error as Error).message).toBe('the token provider failed: vault unreachable');
    expect(server.requests).toHaveLength(0);
    fail = false;
    await expect(sms.tasks.start('a')).resolves.toMatchObject({ status: 200 });
  });
});

describe('the auth option', () => {
  it.each([
    ['a string', 'env'],
    ['AK/SK fields without akskAuth()', { ak: 'AK', sk: 'SK' }],
    ['nothing', undefined],
  ])('refuses %s before anything is sent, pointing to akskAuth()', (_, auth) => {
    const make = () => createSmsClient({ endpoint: server.url, auth: auth as never });
    expect(make).toThrow(SmsValidationError);
    expect(make).toThrow("auth: must be { token } or akskAuth(…) from '@sms-task/client/aksk'");
    expect(server.requests).toHaveLength(0);
  });

  it('lets your own Authenticator read the body it signs, and still sends that body', async () => {
    const custom: Authenticator = {
      async apply(request) {
        const bytes = await request.clone().arrayBuffer();
        const { operation } = (await request.clone().json()) as { operation: string };
        request.headers.set(
          'X-Body-Digest',
          `${operation}:${bytes.byteLength}:${(await request.clone().text()).length}`,
        );
      },
      secrets: () => [],
      renew: () => false,
    };
    await createSmsClient({ endpoint: server.url, auth: custom }).tasks.cloneTest('a', { template_id: 'é' });
    const body = '{"template_id":"é","operation":"clone_test"}';
    expect(server.requests[0]!.body).toBe(body);
    expect(server.requests[0]!.headers['x-body-digest']).toBe(`clone_test:${Buffer.byteLength(body)}:${body.length}`);
  });

  it('takes your own Authenticator: applied on every attempt, renewed after a 401, its secrets scrubbed', async () => {
    let signed = 0;
    let renewals = 0;
    let last = '';
    const custom: Authenticator = {
      apply: (request) => request.headers.set('X-Custom-Sig', (last = `signature-${++signed}`)),
      secrets: () => [last],
      renew: () => ++renewals === 1,
    };
    const echo401 = (req: IncomingMessage, res: ServerResponse) =>
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error_msg: `bad ${req.headers['x-custom-sig']}` }));
    server.reply(echo401, json(503, {}, { 'retry-after': '0' }));
    const sms = createSmsClient({ endpoint: server.url, auth: custom });
    expect((await sms.tasks.start('a')).status).toBe(200);
    expect(server.requests.map((r) => r.headers['x-custom-sig'])).toEqual([
      'signature-1',
      'signature-2',
      'signature-3',
    ]);
    expect(renewals).toBe(1);

    server.always(echo401);
    const error = await settle(sms.tasks.start('a'));
    expect(error).toBeInstanceOf(SmsApiError);
    expect((error as SmsApiError).errorMsg).toBe('bad [redacted]');
    expect(renewals).toBe(2);
  });
});
