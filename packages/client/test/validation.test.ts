import { describe, expect, it } from 'vitest';
import { SmsValidationError, type TaskActionRequest } from '../src/index.js';
import * as fetchEntry from '../src/index.js';
import * as nodeEntry from '../src/node.js';
import { akskAuth, createSmsClient } from './entry.js';
import { useTestServer } from './server.js';

const server = useTestServer();

const sms = () => createSmsClient({ endpoint: server.url, auth: { token: 't' } });
const chars = (n: number) => 'x'.repeat(n);

/** Expects a SmsValidationError for `field`/`rule`, and that nothing reached the server. */
async function rejects(call: () => Promise<unknown>, field: string, rule: string, limit?: unknown) {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsValidationError);
  expect(error).toMatchObject({ field, rule, ...(limit === undefined ? {} : { limit }) });
  expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
  expect(server.requests).toHaveLength(0);
}

describe('task_id (length 1–36)', () => {
  it.each([1, 36])('accepts %i characters', async (n) => {
    await expect(sms().tasks.start(chars(n))).resolves.toMatchObject({ status: 200 });
  });
  it('rejects 0 characters and says what is allowed', async () => {
    await rejects(() => sms().tasks.start(''), 'task_id', 'minLength', 1);
    await expect(sms().tasks.start('')).rejects.toThrow('task_id: must be 1–36 characters long, got 0');
  });
  it('rejects 37 characters and says what is allowed', async () => {
    await rejects(() => sms().tasks.start(chars(37)), 'task_id', 'maxLength', 36);
    await expect(sms().tasks.start(chars(37))).rejects.toThrow('task_id: must be 1–36 characters long, got 37');
  });
  it('counts code points, not UTF-16 units, as JSON Schema does', async () => {
    await expect(sms().tasks.start('😀'.repeat(36))).resolves.toMatchObject({ status: 200 });
    server.requests.length = 0;
    await rejects(() => sms().tasks.start('😀'.repeat(37)), 'task_id', 'maxLength', 36);
  });
  it('rejects a non-string', () => rejects(() => sms().tasks.start(42 as unknown as string), 'task_id', 'type'));
  it.each(['.', '..'])('rejects the dot segment %j, which would change the path', (id) =>
    rejects(() => sms().tasks.start(id), 'task_id', 'path'),
  );
  it.each(['ab\uD800cd', '\uDC00', 'x\uDBFF'])(
    'rejects a lone surrogate (%j), which no URL can carry, as input and not a network error',
    async (id) => {
      await rejects(() => sms().tasks.start(id), 'task_id', 'path');
      await expect(sms().tasks.start(id)).rejects.toThrow('task_id: has a lone surrogate, which no URL can carry');
    },
  );
  it('accepts a surrogate pair (one code point)', async () => {
    await expect(sms().tasks.start('a😀b')).resolves.toMatchObject({ status: 200 });
    expect(server.requests[0]!.url).toBe('/v3/tasks/a%F0%9F%98%80b/action');
  });
});

describe('template_id (length 0–255)', () => {
  it.each([0, 255])('accepts %i characters', async (n) => {
    await expect(sms().tasks.cloneTest('t', { template_id: chars(n) })).resolves.toMatchObject({ status: 200 });
  });
  it('rejects 256 characters', () =>
    rejects(() => sms().tasks.cloneTest('t', { template_id: chars(256) }), 'template_id', 'maxLength', 255));
  it('rejects 256 characters on other operations too', () =>
    rejects(() => sms().tasks.start('t', { template_id: chars(256) }), 'template_id', 'maxLength', 255));
  it('is required for clone_test', () =>
    rejects(
      () => sms().tasks.action('t', { operation: 'clone_test' } as TaskActionRequest),
      'template_id',
      'required',
    ));
  it('rejects a non-string', () =>
    rejects(() => sms().tasks.cloneTest('t', { template_id: 1 as unknown as string }), 'template_id', 'type'));
});

describe('X-Auth-Token (length 1–16384)', () => {
  it('accepts 16384 characters', async () => {
    const client = createSmsClient({ endpoint: server.url, auth: { token: chars(16384) } });
    await expect(client.tasks.start('t')).resolves.toMatchObject({ status: 200 });
    expect(server.requests[0]!.headers['x-auth-token']).toHaveLength(16384);
  });
  it('rejects 16385 characters when the client is created', () => {
    expect(() => createSmsClient({ endpoint: server.url, auth: { token: chars(16385) } })).toThrow(
      expect.objectContaining({ field: 'X-Auth-Token', rule: 'maxLength', limit: 16384 }),
    );
  });
  it('rejects an empty token', () => {
    expect(() => createSmsClient({ endpoint: server.url, auth: { token: '' } })).toThrow(SmsValidationError);
  });
  it('rejects a provider token of 16385 characters before sending', () =>
    rejects(
      () => createSmsClient({ endpoint: server.url, auth: { token: async () => chars(16385) } }).tasks.start('t'),
      'X-Auth-Token',
      'maxLength',
      16384,
    ));
  it.each(['line\nbreak', 'ünïcödé-😀'])('rejects a token no header can carry: %j', (token) =>
    rejects(
      () => createSmsClient({ endpoint: server.url, auth: { token: async () => token } }).tasks.start('t'),
      'X-Auth-Token',
      'type',
    ),
  );
  it('rejects an AK no header can carry', () =>
    rejects(
      () =>
        createSmsClient({ endpoint: server.url, auth: akskAuth({ ak: 'AK\r\nX-Evil: 1', sk: 'secret' }) }).tasks.start(
          't',
        ),
      'Authorization',
      'type',
    ));
  it('rejects a provider that returns a non-string', () =>
    rejects(
      () =>
        createSmsClient({
          endpoint: server.url,
          auth: { token: async () => undefined as unknown as string },
        }).tasks.start('t'),
      'X-Auth-Token',
      'type',
    ));
});

describe('the body', () => {
  it('rejects an unknown operation and lists the allowed ones', async () => {
    await rejects(
      () => sms().tasks.action('t', { operation: 'cutover' } as unknown as TaskActionRequest),
      'operation',
      'enum',
    );
    await expect(sms().tasks.action('t', { operation: 'cutover' } as unknown as TaskActionRequest)).rejects.toThrow(
      'must be one of start, stop, test, clone_test, restart, network_check, clear, skip, migration_test',
    );
  });
  it('rejects a missing operation', () =>
    rejects(() => sms().tasks.action('t', {} as TaskActionRequest), 'operation', 'required'));
  it('rejects an unknown field', () =>
    rejects(
      () => sms().tasks.action('t', { operation: 'start', force: true } as TaskActionRequest),
      'force',
      'additionalProperties',
    ));
  it('rejects a non-boolean switch_hce', () =>
    rejects(() => sms().tasks.start('t', { switch_hce: 'yes' as unknown as boolean }), 'switch_hce', 'type'));
  it('rejects a non-boolean is_need_consistency_check', () =>
    rejects(
      () => sms().tasks.start('t', { is_need_consistency_check: null as unknown as boolean }),
      'is_need_consistency_check',
      'type',
    ));
  it.each(['constructor', 'toString', '__proto__'])(
    'rejects the inherited name %j as an unknown field, not a bad type',
    (field) =>
      rejects(
        () => sms().tasks.action('t', JSON.parse(`{"operation":"start","${field}":"x"}`)),
        field,
        'additionalProperties',
      ),
  );
  it.each(['constructor', 'toString', '__proto__'])('rejects the inherited name %j as an operation', (operation) =>
    rejects(() => sms().tasks.action('t', { operation } as unknown as TaskActionRequest), 'operation', 'enum'),
  );
  it.each([null, [], 'start'])('rejects a body that is not an object: %j', (body) =>
    rejects(() => sms().tasks.action('t', body as unknown as TaskActionRequest), 'body', 'type'),
  );
  it.each(['x', 42, true])(
    'rejects helper fields that are not an object (%j) as such, not as unknown fields "0", "1"…',
    (fields) => rejects(() => sms().tasks.start('t', fields as never), 'body', 'type'),
  );
  it('takes null helper fields as none', async () => {
    await expect(sms().tasks.start('t', null as never)).resolves.toMatchObject({ status: 200 });
  });
});

describe('options', () => {
  it.each([undefined, null, 'cn-north-4'])(
    'rejects options that are not an object (%j) with a typed error, on both entries',
    (options) => {
      for (const create of [fetchEntry.createSmsClient, nodeEntry.createSmsClient]) {
        expect(() => create(options as never)).toThrow(
          expect.objectContaining({ name: 'SmsValidationError', field: 'options', rule: 'option' }),
        );
        expect(() => create(options as never)).toThrow('options: must be an object: { region or endpoint, auth }');
      }
    },
  );
  it('rejects an unknown region, listing the known ones', () => {
    expect(() => createSmsClient({ region: 'mars-1', auth: { token: 't' } })).toThrow(
      /region: "mars-1" is unknown: use one of cn-north-4, ap-southeast-3, my-kualalumpur-1, ru-moscow-1, .*, or an endpoint/,
    );
  });
  it.each(['constructor', 'toString', '__proto__'])('does not take the object property %j for a region', (region) => {
    expect(() => createSmsClient({ region, auth: { token: 't' } })).toThrow(
      expect.objectContaining({ field: 'region', rule: 'enum' }),
    );
  });
  it('needs a region or an endpoint', () => {
    expect(() => createSmsClient({ auth: { token: 't' } })).toThrow(
      expect.objectContaining({ field: 'region', rule: 'required' }),
    );
  });
  it.each(['not a url', 'ftp://example.test'])('rejects the endpoint %j', (endpoint) => {
    expect(() => createSmsClient({ endpoint, auth: { token: 't' } })).toThrow(
      expect.objectContaining({ field: 'endpoint' }),
    );
  });
  it('treats a timeout beyond what timers hold (2^31 ms) as none, instead of firing at once', async () => {
    await expect(
      createSmsClient({ endpoint: server.url, auth: { token: 't' }, timeoutMs: 2 ** 40 }).tasks.start('t'),
    ).resolves.toMatchObject({ status: 200 });
  });
  it.each(['fetch', 42, {}])(
    'rejects a fetch option that is not a function (%j), instead of failing each call as a network error',
    (fetch) => {
      expect(() => createSmsClient({ endpoint: server.url, auth: { token: 't' }, fetch: fetch as never })).toThrow(
        'fetch: must be a function',
      );
    },
  );
  it.each(['abort', {}, 1])(
    'rejects a per-call signal that is not an AbortSignal (%j) with a typed error, not a TypeError',
    (signal) => rejects(() => sms().tasks.start('t', {}, { signal: signal as never }), 'signal', 'option'),
  );
  it('rejects per-call options that are not an object', () =>
    rejects(() => sms().tasks.start('t', {}, null as never), 'options', 'option'));
  it('takes a per-call signal given as null or undefined as none', async () => {
    await expect(sms().tasks.start('t', {}, { signal: undefined })).resolves.toMatchObject({ status: 200 });
    await expect(sms().tasks.start('t', {}, { signal: null as never })).resolves.toMatchObject({ status: 200 });
  });
  it.each([0, -1, Number.NaN])('rejects timeoutMs %d', (timeoutMs) => {
    expect(() => createSmsClient({ endpoint: server.url, auth: { token: 't' }, timeoutMs })).toThrow(
      expect.objectContaining({ field: 'timeoutMs' }),
    );
    expect(() => createSmsClient({ endpoint: server.url, auth: { token: 't' }, timeoutMs })).toThrow(
      'timeoutMs: must be a positive number of ms (Infinity for none)',
    );
  });
});
