// Fault injection with a real server on 127.0.0.1: each misbehaviour gives the documented typed
// error (or success), promptly, retried only as the policy says. Runs on both transports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsApiError, SmsError, SmsNetworkError, SmsResponseError, SmsTimeoutError } from '../src/index.js';
import { akskAuth, createSmsClient } from './entry.js';
import { countingAuth, cutMidBody, recordingServer, type Handler, useTestServer } from './server.js';

const server = useTestServer();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

const sms = (timeoutMs = 30_000) =>
  createSmsClient({ endpoint: server.url, auth: { token: 't' }, timeoutMs, retry: { baseDelayMs: 1 } });
const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => v,
    (e: unknown) => e,
  );

/** Writes `text` one byte every `everyMs`. */
const dribble =
  (text: string, everyMs: number, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (i < text.length) res.write(text[i++]);
      else {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
  };

describe('a server that misbehaves', () => {
  it('resets the connection mid-body after a 200: SmsResponseError saying the operation was probably accepted, not retried', async () => {
    server.always(cutMidBody(200, { 'x-request-id': 'cut' }));
    const error = await outcome(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsResponseError);
    expect(error).toMatchObject({
      status: 200,
      requestId: 'cut',
      message: 'SMS API 200: the body could not be read; the operation was probably accepted',
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it('resets the connection mid-body after a 503: SmsResponseError with that status, not retried (the body never said why)', async () => {
    server.always(cutMidBody(503));
    const error = await outcome(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsResponseError);
    expect(error).toMatchObject({ status: 503, message: 'SMS API 503: the body could not be read' });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [200, 'SMS API 200: the body could not be read; the operation was probably accepted'],
    [403, 'SMS API 403: the body could not be read'],
  ])(
    'sends a %i body that its Content-Encoding cannot decode: SmsResponseError, not a network error',
    async (status, message) => {
      server.always((_req, res) =>
        res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end('{"not":"gzip"}'),
      );
      const error = await outcome(sms().tasks.start('t'));
      expect(error).toBeInstanceOf(SmsResponseError);
      expect(error).toMatchObject({ status, message });
      expect(server.requests).toHaveLength(1);
    },
  );

  it('closes the connection before any status line: still SmsNetworkError (no answer came)', async () => {
    server.always((req) => req.socket.destroy());
    expect(await outcome(sms().tasks.start('t'))).toBeInstanceOf(SmsNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['something that is not HTTP (an SSH banner)', 'SSH-2.0-OpenSSH_9.6\r\n'],
    ['a header line with no colon', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nBad Header\r\n\r\n{}'],
    [
      "headers over Node's 16 KiB limit",
      `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`,
    ],
  ])(
    "answers with %s: SmsNetworkError with the parser's reason, not retried (the request was sent)",
    async (_, answer) => {
      server.always((_req, res) => {
        res.socket!.end(answer);
      });
      const error = await outcome(sms().tasks.start('t'));
      expect(error).toBeInstanceOf(SmsNetworkError);
      expect((error as Error).message).toMatch(/^connection failed\b/);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('switches protocols (101) although nothing asked it to: SmsNetworkError, not retried, not a hang', async () => {
    server.always((_req, res) => {
      res.socket!.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n');
    });
    const error = await outcome(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('answers slowly, byte by byte, within the timeout: success', async () => {
    server.always(dribble('{ }', 20));
    await expect(sms().tasks.start('t')).resolves.toMatchObject({ status: 200, data: {} });
  });

  it('answers byte by byte for longer than the timeout: SmsTimeoutError, not retried', async () => {
    server.always(dribble(`{"x":"${'y'.repeat(200)}"}`, 10));
    const { auth, tries } = countingAuth();
    const client = createSmsClient({ endpoint: server.url, auth, timeoutMs: 150, retry: { baseDelayMs: 1 } });
    const error = await outcome(client.tasks.start('t'));
    expect(error).toBeInstanceOf(SmsTimeoutError);
    expect(error).toMatchObject({ message: 'no answer within 150 ms; the server may have acted' });
    expect(tries()).toBe(1);
  });

  it('sends a 10 MB error body: SmsApiError with a short message', async () => {
    server.always((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(`<html><body>${'x'.repeat(10 * 1024 * 1024)}</body></html>`);
    });
    const error = await outcome(sms().tasks.start('t'));
    expect(error).toBeInstanceOf(SmsApiError);
    expect((error as Error).message.length).toBeLessThan(300);
  });

  it('sends a 10 MB JSON success body: resolves with it', async () => {
    server.always((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ big: 'x'.repeat(10 * 1024 * 1024) }));
    });
    const result = (await sms().tasks.start('t')) as { data: { big?: string } };
    expect(result.data.big).toHaveLength(10 * 1024 * 1024);
  });

  it('labels a JSON body with the wrong Content-Type: still parsed', async () => {
    server.always((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('{}'));
    await expect(sms().tasks.start('t')).resolves.toMatchObject({ data: {} });
  });

  it('answers 200 with an HTML page: SmsResponseError', async () => {
    server.always((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'));
    expect(await outcome(sms().tasks.start('t'))).toBeInstanceOf(SmsResponseError);
  });

  it('answers 200 with a JSON array: SmsResponseError', async () => {
    server.always((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    expect(await outcome(sms().tasks.start('t'))).toBeInstanceOf(SmsResponseError);
  });

  it('redirects an AK/SK request to another host: nothing reaches it', async () => {
    const other = await recordingServer();
    try {
      server.always((_req, res) => res.writeHead(302, { location: `${other.url}/steal` }).end());
      const error = await outcome(
        createSmsClient({
          endpoint: server.url,
          auth: akskAuth({ ak: 'AK', sk: 'SK', securityToken: 'STS' }),
        }).tasks.start('t'),
      );
      expect(error).toBeInstanceOf(SmsApiError);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('caused no unhandled rejection', () => {
    expect(unhandled).toEqual([]);
  });
});

describe('every failure is an SmsError', () => {
  it('including invalid header options', async () => {
    expect(() => createSmsClient({ endpoint: server.url, auth: { token: 't' }, headers: { 'bad name': 'x' } })).toThrow(
      SmsError,
    );
    const error = await outcome(
      createSmsClient({ endpoint: server.url, auth: { token: 't' } }).tasks.start(
        't',
        {},
        { headers: { 'x-ok': 'line\nbreak' } },
      ),
    );
    expect(error).toMatchObject({ name: 'SmsValidationError', field: 'headers' });
  });
});
