import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsError } from '../src/index.js';
import { createSmsClient } from './entry.js';
import { closedPort, json, startServer, type TestServer } from './server.js';

const TOKEN = 'SECRET-TOKEN-7f3a9c-do-not-print';
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function expectNoSecret(value: unknown) {
  const views = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? '', String(value)];
  if (value instanceof Error) views.push(value.message, value.stack ?? '', inspect(value.cause, { depth: 10 }));
  for (const view of views) expect(view).not.toContain(TOKEN);
}

describe('the token never shows', () => {
  it('in util.inspect or JSON of the client', () => {
    const sms = createSmsClient({ endpoint: server.url, auth: { token: TOKEN } });
    expectNoSecret(sms);
    expectNoSecret(sms.tasks);
  });

  it('in any error the client throws', async () => {
    const port = await closedPort();
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['api error', () => (server.always(json(403, { error_code: 'SMS.9004' })), createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('t'))],
      ['echoing server', () => (server.always((req, res) => res.writeHead(500).end(JSON.stringify(req.headers))), createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('t'))],
      ['network', () => createSmsClient({ endpoint: `http://127.0.0.1:${port}`, auth: { token: TOKEN }, retry: false }).tasks.start('t')],
      ['timeout', () => (server.always(() => {}), createSmsClient({ endpoint: server.url, auth: { token: TOKEN }, timeoutMs: 30 }).tasks.start('t'))],
      ['validation', () => createSmsClient({ endpoint: server.url, auth: { token: TOKEN } }).tasks.start('x'.repeat(40))],
      ['token too long', () => createSmsClient({ endpoint: server.url, auth: { token: async () => TOKEN.repeat(1000) } }).tasks.start('t')],
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
