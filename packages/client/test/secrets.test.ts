import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SmsError } from '../src/index.js';
import { akskAuth, createSmsClient } from './entry.js';
import { useClosedPort, json, useTestServer } from './server.js';

const TOKEN = 'SECRET-TOKEN-7f3a9c-do-not-print';
const server = useTestServer();
const closed = useClosedPort();

function expectNoSecret(value: unknown) {
  const views = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) views.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  for (const view of views) expect(view).not.toContain(TOKEN);
}

const SK = 'SECRET-SK-31d4-do-not-print';
const STS = 'SECRET-STS-88aa-do-not-print';

describe('the secret key and security token never show', () => {
  it('in the client, or in any error, even from a server that echoes every header', async () => {
    const aksk = (endpoint = server.url, extra = {}) =>
      createSmsClient({ endpoint, auth: akskAuth({ ak: 'AK', sk: SK, securityToken: STS }), retry: false, ...extra });
    const cases: Array<[string, () => Promise<unknown>]> = [
      [
        'echo as text',
        () => (
          server.always((req, res) =>
            res.writeHead(500, { 'content-type': 'text/plain' }).end(JSON.stringify(req.headers)),
          ),
          aksk().tasks.start('t')
        ),
      ],
      [
        'echo as JSON',
        () => (
          server.always((req, res) =>
            res.writeHead(403, { 'content-type': 'application/json' }).end(
              JSON.stringify({
                error_msg: String(req.headers['x-security-token']),
                error_param: [String(req.headers['x-security-token'])],
              }),
            ),
          ),
          aksk().tasks.start('t')
        ),
      ],
      ['network', () => aksk(closed.url).tasks.start('t')],
      ['timeout', () => (server.always(() => {}), aksk(server.url, { timeoutMs: 30 }).tasks.start('t'))],
      ['validation', () => aksk().tasks.cloneTest('t', { template_id: 'x'.repeat(300) })],
      ['bad response', () => (server.always((_req, res) => res.writeHead(200).end('<html>')), aksk().tasks.start('t'))],
    ];
    for (const view of [inspect(aksk(), { depth: 10, showHidden: true }), JSON.stringify(aksk())]) {
      expect(view).not.toContain(SK);
      expect(view).not.toContain(STS);
    }
    for (const [name, run] of cases) {
      const error = await run().then(
        () => new Error(`${name}: no error`),
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(SmsError);
      const e = error as Error;
      for (const view of [e.message, e.stack ?? '', JSON.stringify(e), inspect(e, { depth: 10, showHidden: true })]) {
        expect(view, name).not.toContain(SK);
        expect(view, name).not.toContain(STS);
      }
    }
  });
});

describe('the token never shows', () => {
  it('even when the server echoes it: the error says [redacted]', async () => {
    server.always((req, res) =>
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error_code: 'SMS.0400', error_msg: `bad token ${String(req.headers['x-auth-token'])}` })),
    );
    const error = await createSmsClient({ endpoint: server.url, auth: { token: TOKEN } })
      .tasks.start('t')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errorCode: 'SMS.0400', errorMsg: 'bad token [redacted]' });
  });

  it('in util.inspect or JSON of the client', () => {
    const sms = createSmsClient({ endpoint: server.url, auth: { token: TOKEN } });
    expectNoSecret(sms);
    expectNoSecret(sms.tasks);
  });

  it('in any error the client throws', async () => {
    const cases: Array<[string, () => Promise<unknown>]> = [
      [
        'api error',
        () => (
          server.always(json(403, { error_code: 'SMS.9004' })),
          createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('t')
        ),
      ],
      [
        'echoing server',
        () => (
          server.always((req, res) => res.writeHead(500).end(JSON.stringify(req.headers))),
          createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('t')
        ),
      ],
      [
        'server echoing headers as text',
        () => (
          server.always((req, res) =>
            res.writeHead(502, { 'content-type': 'text/plain' }).end(`bad gateway: ${JSON.stringify(req.headers)}`),
          ),
          createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('t')
        ),
      ],
      [
        'server echoing headers in error_msg',
        () => (
          server.always((req, res) =>
            res.writeHead(400, { 'content-type': 'application/json' }).end(
              JSON.stringify({
                error_code: 'X',
                error_msg: String(req.headers['x-auth-token']),
                details: [{ error_msg: String(req.headers['x-auth-token']) }],
              }),
            ),
          ),
          createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('t')
        ),
      ],
      [
        'network',
        () => createSmsClient({ endpoint: closed.url, auth: { token: TOKEN }, retry: false }).tasks.start('t'),
      ],
      [
        'timeout',
        () => (
          server.always(() => {}),
          createSmsClient({ endpoint: server.url, auth: { token: TOKEN }, timeoutMs: 30 }).tasks.start('t')
        ),
      ],
      [
        'validation',
        () => createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('x'.repeat(40)),
      ],
      [
        'token too long',
        () =>
          createSmsClient({ endpoint: server.url, auth: { token: async () => TOKEN.repeat(1000) } }).tasks.start('t'),
      ],
    ];
    for (const [name, run] of cases) {
      const error = await run().then(
        () => new Error(`${name}: no error`),
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(SmsError);
      expectNoSecret(error);
    }
  });
});
