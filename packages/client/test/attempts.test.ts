// `attempts`: every result and every error of a call says how many tries it made, counted as the
// requests handed to the transport (retries and the repeat after a 401 renewal included).
import { describe, expect, it } from 'vitest';
import {
  SmsAbortError,
  SmsApiError,
  SmsAuthError,
  SmsNetworkError,
  SmsTimeoutError,
  SmsValidationError,
} from '../src/index.js';
import { createSmsClient } from './entry.js';
import { json, useClosedPort, useTestServer } from './server.js';

const server = useTestServer();
const closed = useClosedPort();

const sms = (endpoint = server.url, extra: Partial<Parameters<typeof createSmsClient>[0]> = {}) =>
  createSmsClient({ endpoint, auth: { token: 't' }, retry: { baseDelayMs: 1 }, ...extra });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('the call succeeded'),
    (e: unknown) => e,
  );

describe('attempts on a result', () => {
  it('is 1 when the first try succeeded', async () => {
    await expect(sms().tasks.start('t')).resolves.toEqual({ data: {}, status: 200, requestId: undefined, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('counts the retries: 503, then 200 is 2 tries', async () => {
    server.reply(json(503, { error_code: 'SMS.0503' }));
    await expect(sms().tasks.stop('t')).resolves.toMatchObject({ status: 200, attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('counts the repeat after a 401 renewed the token', async () => {
    let asked = 0;
    server.reply(json(401, { error_code: 'APIGW.0301' }));
    const client = sms(server.url, { auth: { token: () => `token-${++asked}` } });
    await expect(client.tasks.start('t')).resolves.toMatchObject({ status: 200, attempts: 2 });
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
  });
});

describe('attempts on an error', () => {
  it('is 0 on a validation error: nothing was sent', async () => {
    const error = await failure(sms().tasks.start('x'.repeat(37)));
    expect(error).toBeInstanceOf(SmsValidationError);
    expect(error).toMatchObject({ field: 'task_id', attempts: 0 });
    const badOption = await failure(sms().tasks.start('t', {}, { timeoutMs: -1 }));
    expect(badOption).toMatchObject({ field: 'timeoutMs', attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('is the number of tries on an API error that is not retried (1) and on one retried until the end (3)', async () => {
    server.reply(json(400, { error_code: 'SMS.1038' }));
    expect(await failure(sms().tasks.stop('t'))).toMatchObject({ status: 400, attempts: 1 });
    server.always(json(503, { error_code: 'SMS.0503' }));
    const error = await failure(sms(server.url, { retry: { attempts: 3, baseDelayMs: 1 } }).tasks.stop('t'));
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(server.requests).toHaveLength(4);
  });

  it('counts each refused connection as a try', async () => {
    const error = await failure(sms(closed.url, { retry: { attempts: 4, baseDelayMs: 1 } }).tasks.start('t'));
    expect(error).toBeInstanceOf(SmsNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 4 });
    expect(await failure(sms(closed.url, { retry: false }).tasks.start('t'))).toMatchObject({ attempts: 1 });
  });

  it('is 1 on a timeout (a server that never answers)', async () => {
    server.always(() => {});
    const error = await failure(sms(server.url, { timeoutMs: 100 }).tasks.start('t'));
    expect(error).toBeInstanceOf(SmsTimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
  });

  it('is 0 on a timeout while the token provider never answers', async () => {
    const client = sms(server.url, { timeoutMs: 100, auth: { token: () => new Promise<string>(() => {}) } });
    const error = await failure(client.tasks.start('t'));
    expect(error).toMatchObject({ name: 'SmsTimeoutError', attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('is 1 on an abort once the request arrived, and 0 with a signal aborted before the call', async () => {
    const controller = new AbortController();
    server.always(() => controller.abort());
    const error = await failure(sms().tasks.start('t', {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(SmsAbortError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(await failure(sms().tasks.start('t', {}, { signal: AbortSignal.abort() }))).toMatchObject({
      name: 'SmsAbortError',
      attempts: 0,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('is each call’s own count when concurrent calls share one failed token provider call', async () => {
    let fail!: (error: Error) => void;
    let asked!: () => void;
    const askedAgain = new Promise<void>((resolve) => (asked = resolve));
    let calls = 0;
    const provider = () => (++calls === 1 ? 'token-1' : (asked(), new Promise<string>((_, reject) => (fail = reject))));
    server.reply(json(401, { error_code: 'APIGW.0307' }));
    const client = sms(server.url, { auth: { token: provider } });
    // The first call is sent, gets a 401 and waits on the provider's second call; the second call
    // starts then, and waits on the same provider call.
    const first = failure(client.tasks.start('a'));
    await askedAgain;
    const second = failure(client.tasks.start('b'));
    fail(new Error('IAM is down'));
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBeInstanceOf(SmsAuthError);
    expect(b).toBeInstanceOf(SmsAuthError);
    expect(a).toMatchObject({ message: 'the token provider failed: IAM is down', attempts: 1 });
    expect(b).toMatchObject({ message: 'the token provider failed: IAM is down', attempts: 0 });
    expect(calls).toBe(2);
  });
});
