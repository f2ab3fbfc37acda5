import { describe, expect, it } from 'vitest';
import { SmsAbortError, SmsApiError, SmsNetworkError, SmsTimeoutError, SmsValidationError } from '../src/index.js';
import { createSmsClient } from './entry.js';
import { backoff, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, resolveRetry } from '../src/retry.js';
import { countingAuth, json, useClosedPort, useTestServer } from './server.js';

const server = useTestServer();
const closed = useClosedPort();

const sms = (retry: Parameters<typeof createSmsClient>[0]['retry'] = { baseDelayMs: 1 }, timeoutMs?: number) =>
  createSmsClient({ endpoint: server.url, auth: { token: 't' }, retry, ...(timeoutMs ? { timeoutMs } : {}) });
const settle = (p: Promise<unknown>) =>
  p.then(
    (v) => v,
    (e: unknown) => e,
  );

/** Calls a port nothing listens on (so every try is refused) and returns how many tries went out. */
async function triesAgainstClosedPort(retry: Parameters<typeof createSmsClient>[0]['retry']): Promise<number> {
  let tries = 0;
  const client = createSmsClient({
    endpoint: closed.url,
    auth: { token: 't' },
    retry,
    fetch: (input, init) => (tries++, fetch(input, init)),
  });
  expect(await settle(client.tasks.start('t'))).toMatchObject({ code: 'ECONNREFUSED' });
  return tries;
}

describe('what is retried', () => {
  it.each([429, 503])('repeats a request answered %i, then returns the success', async (status) => {
    server.reply(json(status, { error_code: 'X' }));
    await expect(sms().tasks.start('t')).resolves.toMatchObject({ status: 200 });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body).toBe(server.requests[0]!.body);
  });

  it.each([400, 401, 403, 404, 500, 502, 504])(
    'never repeats a request answered %i (the server may have acted, or it will not change)',
    async (status) => {
      server.always(json(status, { error_code: 'X' }));
      expect(await settle(sms().tasks.start('t'))).toBeInstanceOf(SmsApiError);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('never repeats a request that timed out', async () => {
    server.always(() => {});
    const { auth, tries } = countingAuth();
    const client = createSmsClient({ endpoint: server.url, auth, retry: { baseDelayMs: 1 }, timeoutMs: 50 });
    expect(await settle(client.tasks.start('t'))).toBeInstanceOf(SmsTimeoutError);
    expect(tries()).toBe(1);
  });

  it('never repeats a request whose connection was reset after it was sent', async () => {
    server.always((req) => req.socket.destroy());
    expect(await settle(sms().tasks.start('t'))).toBeInstanceOf(SmsNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('repeats when the connection was refused (nothing was sent), up to `attempts` tries', async () => {
    expect(await triesAgainstClosedPort({ attempts: 4, baseDelayMs: 1 })).toBe(4);
  });
});

describe('how much is retried', () => {
  it('makes `attempts` tries in all (default 3)', async () => {
    server.always(json(503, {}));
    expect(await settle(sms().tasks.start('t'))).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(DEFAULT_RETRY.attempts);
  });

  it('honours a custom attempts count', async () => {
    server.always(json(503, {}));
    await settle(sms({ attempts: 5, baseDelayMs: 1 }).tasks.start('t'));
    expect(server.requests).toHaveLength(5);
  });

  it('makes one try when retry is false', async () => {
    server.always(json(503, {}));
    await settle(sms(false).tasks.start('t'));
    expect(server.requests).toHaveLength(1);
  });

  it("hands the server's Retry-After to a caller who retries on its own", async () => {
    server.always(json(429, {}, { 'retry-after': '7' }));
    expect(await settle(sms(false).tasks.start('t'))).toMatchObject({ status: 429, retryAfterMs: 7000 });
    server.always(json(503, {}));
    expect(await settle(sms(false).tasks.start('t'))).toMatchObject({ status: 503, retryAfterMs: undefined });
  });

  it('honours Retry-After: 0 by retrying at once', async () => {
    server.reply(json(429, {}, { 'retry-after': '0' }));
    await expect(sms({ baseDelayMs: 60_000, maxDelayMs: 60_000 }).tasks.start('t')).resolves.toMatchObject({
      status: 200,
    });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After asks for longer than the maxElapsedMs ceiling', async () => {
    server.always(json(503, { error_code: 'SMS.0503' }, { 'retry-after': '120' }));
    expect(await settle(sms({ maxElapsedMs: 60_000 }).tasks.start('t'))).toMatchObject({
      status: 503,
      errorCode: 'SMS.0503',
      retryAfterMs: 120_000,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('stops waiting between tries when the caller aborts', async () => {
    const controller = new AbortController();
    // The abort comes once the 503 is out, so while the client waits (or, on a busy machine, while
    // it still reads the answer: the outcome is the same).
    server.always((req, res, recorded) => {
      res.once('finish', () => controller.abort());
      json(503, {}, { 'retry-after': '30' })(req, res, recorded);
    });
    const call = settle(sms().tasks.start('t', {}, { signal: controller.signal }));
    expect(await call).toBeInstanceOf(SmsAbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retry options', () => {
  const create = (retry: unknown) => () =>
    createSmsClient({ endpoint: server.url, auth: { token: 't' }, retry: retry as never });
  it.each([
    [{ attempts: 0 }, 'retry.attempts: must be a whole number ≥ 1'],
    [{ attempts: 2.5 }, 'retry.attempts: must be a whole number ≥ 1'],
    [{ attempts: '3' }, 'retry.attempts: must be a whole number ≥ 1'],
    [{ attempts: Number.NaN }, 'retry.attempts: must be a whole number ≥ 1'],
    [{ baseDelayMs: -5 }, 'retry.baseDelayMs: must be a number of ms ≥ 0'],
    [{ maxDelayMs: '1000' }, 'retry.maxDelayMs: must be a number of ms ≥ 0'],
    [{ maxElapsedMs: Number.NaN }, 'retry.maxElapsedMs: must be a number of ms ≥ 0'],
    [{ attempt: 5 }, 'retry.attempt: is unknown: use attempts, baseDelayMs, maxDelayMs, maxElapsedMs'],
    [null, 'retry: must be an object, or false'],
    [true, 'retry: must be an object, or false'],
    [5, 'retry: must be an object, or false'],
  ])('refuses %j at creation, before any call (it would change how often a call is repeated)', (retry, message) => {
    expect(create(retry)).toThrow(SmsValidationError);
    expect(create(retry)).toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it('takes the limits themselves (1 try, 0 ms, no elapsed ceiling), and undefined as the default', () => {
    expect(resolveRetry({ attempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxElapsedMs: Infinity })).toEqual({
      attempts: 1,
      baseDelayMs: 0,
      maxDelayMs: 0,
      maxElapsedMs: Infinity,
    });
    expect(resolveRetry({ attempts: undefined, baseDelayMs: 10 })).toEqual({ ...DEFAULT_RETRY, baseDelayMs: 10 });
  });

  it('an attempts count given as undefined still stops after the default 3 tries', async () => {
    // Before, `tries >= undefined` never held: a refused call was repeated until maxElapsedMs (60 s).
    expect(await triesAgainstClosedPort({ attempts: undefined, baseDelayMs: 1 })).toBe(3);
  });
});

describe('the policy as pure functions', () => {
  it('retries only 429 and 503', () => {
    expect([200, 400, 401, 429, 500, 502, 503, 504].filter(isRetryableStatus)).toEqual([429, 503]);
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', () => {
    const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5].map((n) => backoff(n, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoff(3, policy, () => 0)).toBe(0);
  });

  it('defaults to 3 tries, 500 ms base, 8 s cap and a 60 s ceiling', () => {
    expect(resolveRetry(undefined)).toEqual({ attempts: 3, baseDelayMs: 500, maxDelayMs: 8000, maxElapsedMs: 60000 });
    expect(resolveRetry(false).attempts).toBe(1);
  });
});
