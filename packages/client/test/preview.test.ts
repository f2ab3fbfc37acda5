// `tasks.preview`: what a call would send, checked like a real call, sent nowhere, without secrets.
import { describe, expect, it } from 'vitest';
import { REGIONS, type RequestOptions, SmsValidationError, type TaskActionRequest } from '../src/index.js';
import { akskAuth, createSmsClient } from './entry.js';
import { useTestServer } from './server.js';

const server = useTestServer();
const SECRET = 'SECRET-preview-token-4b1e-do-not-print';

const settle = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return expect.fail('nothing was thrown');
};

describe('tasks.preview', () => {
  it.each<[string, string, TaskActionRequest, RequestOptions]>([
    ['a plain id and operation', '7a9a9540-ff28-4869-b9e4-855fbe12xxxx', { operation: 'stop' }, {}],
    [
      'an id to encode, fields and headers',
      "a b/ü!'()*",
      { operation: 'clone_test', template_id: 'tpl', switch_hce: true },
      { headers: { 'X-Trace': 'call-1' } },
    ],
  ])('equals what the server receives from the real call: %s', async (_, taskId, body, options) => {
    const sms = createSmsClient({ endpoint: `${server.url}/`, auth: { token: 't' }, headers: { 'X-Team': 'ops' } });
    const preview = sms.tasks.preview(taskId, body, options);
    expect(server.requests).toHaveLength(0);
    await sms.tasks.action(taskId, body, options);
    const [received] = server.requests;
    expect(preview.method).toBe(received!.method);
    expect(preview.url).toBe(server.url + received!.url);
    expect(preview.body).toBe(received!.body);
    expect(Object.keys(preview.headers)).toEqual(
      ['content-type', 'x-team', ...(options.headers ? ['x-trace'] : [])].sort(),
    );
    for (const [name, value] of Object.entries(preview.headers)) expect(received!.headers[name]).toBe(value);
  });

  it("builds a region's URL from the region table", () => {
    const [region, base] = Object.entries(REGIONS)[0]!;
    const sms = createSmsClient({ region, auth: { token: 't' } });
    const { url } = sms.tasks.preview('id-1', { operation: 'start' });
    expect(url.startsWith(`${base}/`)).toBe(true);
    expect(new URL(url).pathname.split('/')).toContain('id-1');
  });

  it('throws the same SmsValidationError as the real call, with attempts 0, and sends nothing', async () => {
    const sms = createSmsClient({ endpoint: server.url, auth: { token: 't' } });
    const cases: Array<[string, unknown, RequestOptions | undefined]> = [
      ['x'.repeat(37), { operation: 'start' }, undefined],
      ['..', { operation: 'start' }, undefined],
      ['t', { operation: 'clone_test' }, undefined],
      ['t', { operation: 'cutover' }, undefined],
      ['t', { operation: 'start', force: true }, undefined],
      ['t', 'start', undefined],
      ['t', { operation: 'start' }, { timeoutMs: 0 }],
      ['t', { operation: 'start' }, { signal: 'soon' as never }],
      ['t', { operation: 'start' }, { headers: { 'bad name': 'x' } }],
    ];
    for (const [taskId, body, options] of cases) {
      const fromPreview = thrown(() => sms.tasks.preview(taskId, body as TaskActionRequest, options));
      const fromCall = await settle(sms.tasks.action(taskId, body as TaskActionRequest, options));
      expect(fromPreview).toBeInstanceOf(SmsValidationError);
      expect(fromPreview).toEqual(fromCall);
      expect(fromPreview).toMatchObject({ attempts: 0 });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('never asks a token provider or an authenticator for credentials', () => {
    let asked = 0;
    const provider = createSmsClient({ endpoint: server.url, auth: { token: () => (asked++, SECRET) } });
    provider.tasks.preview('t', { operation: 'start' });
    const custom = createSmsClient({
      endpoint: server.url,
      auth: { apply: () => void asked++, secrets: () => [], renew: () => false },
    });
    custom.tasks.preview('t', { operation: 'start' });
    expect(asked).toBe(0);
  });

  it('holds no credential: not the token, no AK/SK signature, and none given as a header', () => {
    const withToken = createSmsClient({
      endpoint: server.url,
      auth: { token: SECRET },
      headers: { Authorization: `Bearer ${SECRET}`, 'X-Auth-Token': SECRET, Cookie: `s=${SECRET}` },
    });
    const signed = createSmsClient({
      endpoint: server.url,
      auth: akskAuth({ ak: 'AK', sk: SECRET, domainId: 'd', securityToken: SECRET }),
    });
    for (const sms of [withToken, signed]) {
      const preview = sms.tasks.preview('t', { operation: 'start' }, { headers: { 'X-Security-Token': SECRET } });
      expect(JSON.stringify(preview)).not.toContain(SECRET);
      expect(Object.keys(preview.headers)).toEqual(['content-type']);
    }
  });
});
