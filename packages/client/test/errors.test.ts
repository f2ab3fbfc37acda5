import { spec } from '@sms-task/spec';
import { describe, expect, it } from 'vitest';
import {
  SmsAbortError,
  SmsApiError,
  SmsError,
  SmsNetworkError,
  SmsResponseError,
  SmsTimeoutError,
  type Authenticator,
} from '../src/index.js';
import { createSmsClient } from './entry.js';
import { useClosedPort, json, recordingServer, type Handler, useTestServer } from './server.js';

// The reference page's 403 example, as the bundled spec holds it.
const REFERENCE_403 = spec.examples.get('permission_denied')!.value as {
  error_code: string;
  error_msg: string;
  error_param: string[];
  details: unknown[];
};

const server = useTestServer();
const closed = useClosedPort();

const sms = (extra: Partial<Parameters<typeof createSmsClient>[0]> = {}) =>
  createSmsClient({ endpoint: server.url, auth: { token: 't' }, retry: { baseDelayMs: 1 }, ...extra });

async function failure(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

const raw =
  (status: number, body: string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

describe('non-2xx answers become SmsApiError', () => {
  it('maps every field of the error body and the X-Request-Id header', async () => {
    server.always(json(403, REFERENCE_403, { 'x-request-id': 'req-403' }));
    const error = await failure(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsApiError);
    expect(error).toMatchObject({
      status: 403,
      errorCode: REFERENCE_403.error_code,
      errorMsg: REFERENCE_403.error_msg,
      encodedAuthorizationMessage: 'XXXXXX',
      errorParam: REFERENCE_403.error_param,
      details: REFERENCE_403.details,
      requestId: 'req-403',
    });
    expect(error.message).toBe(
      `SMS API 403 ${REFERENCE_403.error_code}: ${REFERENCE_403.error_msg} (request id req-403)`,
    );
  });

  it('takes the request id of a gateway error from its body', async () => {
    server.always(
      json(401, {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information.',
        request_id: 'gw-1',
      }),
    );
    expect(await failure(sms().tasks.start('t'))).toMatchObject({
      status: 401,
      errorCode: 'APIGW.0301',
      requestId: 'gw-1',
    });
  });

  it('gives an HTML error page a readable message', async () => {
    server.always(
      raw(502, '<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>', {
        'content-type': 'text/html',
      }),
    );
    const error = await failure(sms().tasks.start('t'));
    expect(error).toMatchObject({ status: 502, errorCode: undefined, errorMsg: '502 Bad Gateway' });
    expect(error.message).toBe('SMS API 502: 502 Bad Gateway');
  });

  it('handles an empty error body', async () => {
    server.always(raw(500, ''));
    const error = await failure(sms().tasks.start('t'));
    expect(error).toMatchObject({ status: 500, errorCode: undefined });
    expect(error.message).toBe('SMS API 500: (empty body)');
  });

  it('shows a JSON error body of another shape (a proxy, a gateway) in the message, not "empty"', async () => {
    // What Prism's validation proxy answers when the upstream is down.
    server.always(
      json(500, {
        type: 'FetchError',
        title: 'request to http://upstream/ failed, reason: connect ECONNREFUSED',
        status: 500,
        detail: '',
      }),
    );
    const error = await failure(sms().tasks.start('t'));
    expect(error).toMatchObject({ status: 500, errorCode: undefined, errorMsg: undefined });
    const body = '{"type":"FetchError","title":"request to http://upstream/ failed, reason: connect ECONNREFUSED",';
    expect(error.message).toBe(`SMS API 500: ${body}"status":500,"detail":""}`);
  });

  it('cuts a long JSON error body of another shape to 200 characters, with the token it echoes redacted', async () => {
    server.always((req, res, recorded) =>
      json(403, { message: `denied for ${req.headers['x-auth-token']}`, trace: 'x'.repeat(500) })(req, res, recorded),
    );
    const error = await failure(sms({ auth: { token: 'errors-test-secret-token' } }).tasks.start('t'));
    expect(error.message).toBe(
      `SMS API 403: ${JSON.stringify({ message: 'denied for [redacted]', trace: 'x'.repeat(500) }).slice(0, 200)}…`,
    );
  });

  it('handles a plain-text body, cut to 200 characters', async () => {
    server.always(raw(500, `oops ${'x'.repeat(500)}`, { 'content-type': 'text/plain' }));
    const error = (await failure(sms().tasks.start('t'))) as SmsApiError;
    expect(error.errorMsg).toHaveLength(201);
    expect(error.errorMsg!.startsWith('oops x')).toBe(true);
  });

  it('never follows a redirect, so the token cannot reach another origin', async () => {
    const other = await recordingServer();
    try {
      server.always(raw(307, '', { location: `${other.url}/v3/tasks/t/action` }));
      const error = await failure(sms().tasks.start('t'));
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error.message).toBe(`SMS API 307: redirect to ${other.url}/v3/tasks/t/action not followed`);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('never follows a redirect on raw calls either: the token stays with the API host', async () => {
    const other = await recordingServer();
    try {
      server.always(raw(307, '', { location: `${other.url}/v3/tasks/t/action` }));
      const { response } = await sms().raw.POST('/v3/tasks/{task_id}/action', {
        params: { path: { task_id: 't' } },
        body: { operation: 'start' },
      });
      expect(response.status).toBe(307);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('2xx answers', () => {
  it('treats an empty 200 body as {}', async () => {
    server.always(raw(200, ''));
    await expect(sms().tasks.start('t')).resolves.toEqual({ data: {}, status: 200, requestId: undefined, attempts: 1 });
  });

  it('rejects a 200 whose body is not JSON with SmsResponseError, saying the operation probably ran', async () => {
    server.always(raw(200, '{not json', { 'content-type': 'application/json', 'x-request-id': 'r' }));
    const error = await failure(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsResponseError);
    expect(error).toMatchObject({ status: 200, requestId: 'r' });
    expect(error.message).toMatch(/probably accepted/);
  });
});

describe('transport failures', () => {
  it('turns a refused connection into SmsNetworkError with the cause', async () => {
    const error = await failure(
      createSmsClient({ endpoint: closed.url, auth: { token: 't' }, retry: false }).tasks.start('t'),
    );
    expect(error).toBeInstanceOf(SmsNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('turns a connection reset into SmsNetworkError', async () => {
    server.always((req) => req.socket.destroy());
    const error = await failure(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsNetworkError);
  });

  it('times out an attempt that gets no answer with SmsTimeoutError', async () => {
    server.always(() => {});
    const error = await failure(sms({ timeoutMs: 100 }).tasks.start('t'));
    expect(error).toBeInstanceOf(SmsTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100 });
  });

  it('times out a body that never ends (the timer covers the whole response)', async () => {
    server.always((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    });
    expect(await failure(sms({ timeoutMs: 100 }).tasks.start('t'))).toBeInstanceOf(SmsTimeoutError);
  });

  it('lets a per-call timeoutMs override the client one', async () => {
    server.always(() => {});
    expect(await failure(sms({ timeoutMs: 60_000 }).tasks.start('t', {}, { timeoutMs: 50 }))).toMatchObject({
      timeoutMs: 50,
    });
  });

  it('rejects with SmsAbortError when the caller aborts mid-request', async () => {
    server.always(() => {});
    const controller = new AbortController();
    const call = sms().tasks.start('t', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    const error = await failure(call);
    expect(error).toBeInstanceOf(SmsAbortError);
    expect((error.cause as Error).message).toBe('user gave up');
  });

  it('gives an authenticator a real AbortSignal on the request, aborted when the attempt times out', async () => {
    server.always(() => {});
    const seen: Request[] = [];
    const auth: Authenticator = { apply: (request) => void seen.push(request), secrets: () => [], renew: () => false };
    const signalAtApply: AbortSignal[] = [];
    const reading: Authenticator = { ...auth, apply: (request) => void signalAtApply.push(request.signal) };
    expect(await failure(sms({ auth: reading, timeoutMs: 50 }).tasks.start('t'))).toBeInstanceOf(SmsTimeoutError);
    expect(signalAtApply[0]).toBeInstanceOf(AbortSignal);
    expect(signalAtApply[0]!.aborted).toBe(true);
    // Read only after the attempt was aborted: the signal is born aborted.
    expect(await failure(sms({ auth, timeoutMs: 50 }).tasks.start('t'))).toBeInstanceOf(SmsTimeoutError);
    expect(seen[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(seen[0]!.signal.aborted).toBe(true);
  });

  it("aborts a raw call with the caller's own signal", async () => {
    server.always(() => {});
    const controller = new AbortController();
    const call = sms().raw.POST('/v3/tasks/{task_id}/action', {
      params: { path: { task_id: 't' } },
      body: { operation: 'start' },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('user gave up')), 20);
    await expect(call).rejects.toThrow('user gave up');
    await expect(
      sms().raw.POST('/v3/tasks/{task_id}/action', {
        params: { path: { task_id: 't' } },
        body: { operation: 'start' },
        signal: AbortSignal.abort(new Error('too late')),
      }),
    ).rejects.toThrow('too late');
  });

  it('sends nothing when the signal is already aborted', async () => {
    const error = await failure(sms().tasks.start('t', {}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(SmsAbortError);
    expect(server.requests).toHaveLength(0);
  });
});
