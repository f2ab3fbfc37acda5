import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalRequest, createAkskAuth, sdkDate, webHashing } from '../src/auth/aksk.js';
import { encodeSegment } from '../src/encode.js';
import { nodeHashing } from '../src/auth/node-hashing.js';
import * as fetchAksk from '../src/aksk.js';
import * as nodeAksk from '../src/aksk-node.js';
import { OPERATIONS, SmsAuthError, SmsError } from '../src/index.js';
import { akskAuth, createSmsClient, transport } from './entry.js';

// Web Crypto in the fetch project, node:crypto in the node-transport project: both must match.
const hashing = transport === 'fetch' ? webHashing : nodeHashing;
import { officialAuthorization } from './official-signer.js';
import { json, type Recorded, useTestServer } from './server.js';

const AK = 'HPUAEXAMPLEAK0000001';
const SK = 'SECRET-SK-9b1c2d-never-print-me';
const VECTORS = JSON.parse(readFileSync(new URL('./vectors/aksk.json', import.meta.url), 'utf8')) as Array<{
  name: string;
  ak: string;
  sk: string;
  date: string;
  domainId?: string;
  securityToken?: string;
  url: string;
  body: string;
  authorization: string;
}>;

/** Signs like the client does for a task-action call, returning the wire headers. */
async function ourHeaders(input: {
  url: string;
  body: string;
  date: Date;
  domainId?: string;
  securityToken?: string;
  ak?: string;
  sk?: string;
}) {
  const { sign } = createAkskAuth(
    {
      ak: input.ak ?? AK,
      sk: input.sk ?? SK,
      ...(input.domainId ? { domainId: input.domainId } : {}),
      ...(input.securityToken ? { securityToken: input.securityToken } : {}),
    },
    hashing,
  );
  return sign(
    { method: 'POST', url: input.url, headers: { 'content-type': 'application/json' }, body: input.body },
    input.date,
  );
}

/** What the official signer says for the same wire request. */
function officialFor(url: string, body: string, headers: Record<string, string>, ak = AK, sk = SK) {
  const { Authorization: _, ...sent } = headers;
  return officialAuthorization(
    { method: 'POST', url, body, headers: { 'Content-Type': 'application/json', ...sent } },
    ak,
    sk,
  );
}

const taskUrl = (id: string, base = 'https://sms.ap-southeast-3.myhuaweicloud.com') =>
  `${base}/v3/tasks/${encodeSegment(id)}/action`;

describe('the signer matches the official Huawei signer', () => {
  it('on the committed vectors', async () => {
    expect(VECTORS.length).toBeGreaterThanOrEqual(6);
    for (const v of VECTORS) {
      const headers = await ourHeaders({ ...v, date: new Date(v.date) });
      expect(headers.Authorization, v.name).toBe(v.authorization);
    }
  });

  it('on generated requests: task ids that need encoding, every operation, optional headers, many dates', async () => {
    let cases = 0;
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    await fc.assert(
      fc.asyncProperty(
        // '.' and '..' are dot segments that URL parsing removes; the client refuses them before signing.
        fc
          .oneof(
            fc.string({ minLength: 1, maxLength: 36 }),
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
            fc.string({
              unit: fc.constantFrom('/', '?', '#', '%', ' ', "'", '(', '*', '!', '~', 'é', '😀', '+', '&', '.'),
              minLength: 1,
              maxLength: 20,
            }),
          )
          .filter((id) => id !== '.' && id !== '..'),
        fc.constantFrom(...OPERATIONS),
        fc.option(fc.string({ minLength: 1, maxLength: 255 }), { nil: undefined }),
        fc.option(fc.stringMatching(/^[0-9a-f]{32}$/), { nil: undefined }),
        fc.option(
          fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() === s && !/[\r\n\0]/.test(s)),
          { nil: undefined },
        ),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true }),
        async (id, operation, templateId, domainId, securityToken, date) => {
          cases++;
          const url = taskUrl(id);
          const body = JSON.stringify(
            templateId === undefined ? { operation } : { operation, template_id: templateId },
          );
          const headers = await ourHeaders({
            url,
            body,
            date,
            ...(domainId ? { domainId } : {}),
            ...(securityToken ? { securityToken } : {}),
          });
          expect(headers.Authorization).toBe(officialFor(url, body, headers));
        },
      ),
      { numRuns: 300, seed },
    );
    console.log(`AK/SK differential: ${cases} requests signed identically (seed ${seed})`);
  });

  it('lists a repeated query key once, with its values sorted, as the official signer does', async () => {
    const { canonical } = await canonicalRequest({
      method: 'POST',
      url: 'https://sms.cn-north-4.myhuaweicloud.com/v3/tasks/t/action?b=2&a=1&a=0',
      headers: { 'X-Sdk-Date': '20260101T000000Z' },
      body: '',
    });
    expect(canonical.split('\n')[2]).toBe('a=0&a=1&b=2');
  });

  it('builds the canonical request the facts describe (double-encoded path, trailing slash, sorted headers)', async () => {
    const { canonical, signedHeaders } = await canonicalRequest({
      method: 'POST',
      url: 'https://sms.cn-north-4.myhuaweicloud.com/v3/tasks/a%2Fb/action',
      headers: { 'X-Sdk-Date': '20260101T000000Z', 'Content-Type': 'application/json' },
      body: '',
    });
    expect(signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(canonical).toBe(
      [
        'POST',
        '/v3/tasks/a%252Fb/action/',
        '',
        'content-type:application/json\nhost:sms.cn-north-4.myhuaweicloud.com\nx-sdk-date:20260101T000000Z\n',
        'content-type;host;x-sdk-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(sdkDate(new Date('2026-11-27T01:02:03.456Z'))).toBe('20261127T010203Z');
  });
});

describe('the client with AK/SK', () => {
  const server = useTestServer();
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** Verifies a received request with the official signer, as a server would. */
  function verify(req: Recorded) {
    const url = `${server.url}${req.url}`;
    const sent: Record<string, string> = {
      'Content-Type': req.headers['content-type'] as string,
      'X-Sdk-Date': req.headers['x-sdk-date'] as string,
    };
    if (req.headers['x-domain-id']) sent['X-Domain-Id'] = req.headers['x-domain-id'] as string;
    if (req.headers['x-security-token']) sent['X-Security-Token'] = req.headers['x-security-token'] as string;
    expect(req.headers.authorization).toBe(
      officialAuthorization({ method: req.method, url, headers: sent, body: req.body }, AK, SK),
    );
  }

  it('signs each request so that the official signer verifies it, with X-Domain-Id and X-Security-Token', async () => {
    const sms = createSmsClient({
      endpoint: server.url,
      auth: akskAuth({ ak: AK, sk: SK, domainId: 'd0m41n', securityToken: 'temp-token' }),
    });
    await sms.tasks.cloneTest("a b/'c", { template_id: 'tpl' });
    const [req] = server.requests;
    expect(req!.headers).toMatchObject({ 'x-domain-id': 'd0m41n', 'x-security-token': 'temp-token' });
    expect(req!.headers['x-auth-token']).toBeUndefined();
    const signedHeaders = 'content-type;host;x-domain-id;x-sdk-date;x-security-token';
    expect(req!.headers.authorization).toMatch(
      new RegExp(
        `^SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=${signedHeaders}, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(req!.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    verify(req!);
  });

  it('signs every retry afresh', async () => {
    server.reply(json(503, {}, { 'retry-after': '1' }));
    const sms = createSmsClient({ endpoint: server.url, auth: akskAuth({ ak: AK, sk: SK }), retry: { attempts: 2 } });
    await sms.tasks.start('t');
    expect(server.requests).toHaveLength(2);
    server.requests.forEach(verify);
    expect(server.requests[1]!.headers['x-sdk-date']).not.toBe(server.requests[0]!.headers['x-sdk-date']);
  });

  it('does not repeat a 401: signing again cannot cure it', async () => {
    server.always(json(401, { error_code: 'APIGW.0301' }));
    await expect(
      createSmsClient({ endpoint: server.url, auth: akskAuth({ ak: AK, sk: SK }) }).tasks.start('t'),
    ).rejects.toMatchObject({ status: 401 });
    expect(server.requests).toHaveLength(1);
  });

  it("reads the official SDKs' environment variables with auth: akskAuth('env')", async () => {
    vi.stubEnv('HUAWEICLOUD_SDK_AK', AK);
    vi.stubEnv('HUAWEICLOUD_SDK_SK', SK);
    vi.stubEnv('HUAWEICLOUD_SDK_DOMAIN_ID', 'env-domain');
    vi.stubEnv('HUAWEICLOUD_SDK_SECURITY_TOKEN', 'env-sts');
    await createSmsClient({ endpoint: server.url, auth: akskAuth('env') }).tasks.stop('t');
    expect(server.requests[0]!.headers).toMatchObject({ 'x-domain-id': 'env-domain', 'x-security-token': 'env-sts' });
    verify(server.requests[0]!);
  });

  it.each(['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'])('names a missing %s', (missing) => {
    vi.stubEnv('HUAWEICLOUD_SDK_AK', AK);
    vi.stubEnv('HUAWEICLOUD_SDK_SK', SK);
    vi.stubEnv(missing, '');
    expect(() => createSmsClient({ endpoint: server.url, auth: akskAuth('env') })).toThrow(SmsAuthError);
    expect(() => createSmsClient({ endpoint: server.url, auth: akskAuth('env') })).toThrow(`${missing} is not set`);
  });

  it("names both variables when neither is set, for akskAuth('env')", () => {
    vi.stubEnv('HUAWEICLOUD_SDK_AK', '');
    vi.stubEnv('HUAWEICLOUD_SDK_SK', undefined);
    expect(() => akskAuth('env')).toThrow(
      new SmsAuthError("auth: 'env': HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set; or pass { ak, sk }"),
    );
  });

  it('refuses empty credentials', () => {
    expect(() => createSmsClient({ endpoint: server.url, auth: akskAuth({ ak: AK, sk: '' }) })).toThrow(SmsAuthError);
  });

  it.each([
    [{ projectId: 'p1' }, 'auth.projectId: is unknown: use ak, sk, domainId, securityToken'],
    [{ domainID: 'd1' }, 'auth.domainID: is unknown: use ak, sk, domainId, securityToken'],
    [{ domainId: 42 }, 'auth.domainId: must be a string'],
    [{ securityToken: Buffer.from('STS-SECRET-77') }, 'auth.securityToken: must be a string'],
  ])(
    'refuses the credential field %j, which would leave a header out of every signature, before anything is sent',
    (extra, message) => {
      const make = () => akskAuth({ ak: AK, sk: SK, ...(extra as object) });
      expect(make).toThrow(SmsAuthError);
      expect(make).toThrow(message);
      expect(server.requests).toHaveLength(0);
    },
  );

  it('takes a credential field given as undefined as not given', async () => {
    const sms = createSmsClient({
      endpoint: server.url,
      auth: akskAuth({ ak: AK, sk: SK, domainId: undefined, securityToken: undefined }),
    });
    await expect(sms.tasks.start('t')).resolves.toMatchObject({ status: 200 });
    expect(server.requests[0]!.headers['x-domain-id']).toBeUndefined();
  });

  it('never shows the secret key or security token', async () => {
    const sms = createSmsClient({
      endpoint: server.url,
      auth: akskAuth({ ak: AK, sk: SK, securityToken: 'STS-SECRET-77' }),
      timeoutMs: 50,
    });
    server.always(() => {});
    const error = await sms.tasks.start('t').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsError);
    for (const view of [
      inspect(sms, { depth: 10, showHidden: true }),
      JSON.stringify(sms),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      (error as Error).stack ?? '',
    ]) {
      expect(view).not.toContain(SK);
      expect(view).not.toContain('STS-SECRET-77');
    }
  });

  describe('readAkskEnv, the one reader of AK/SK credentials from the environment', () => {
    const { readAkskEnv } = fetchAksk;
    const ALL = {
      HUAWEICLOUD_SDK_AK: AK,
      HUAWEICLOUD_SDK_SK: SK,
      HUAWEICLOUD_SDK_DOMAIN_ID: 'env-domain',
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'env-sts',
      HUAWEICLOUD_SDK_PROJECT_ID: 'env-project',
    };

    it('is exported by both entries of @sms-task/client/aksk', () => {
      expect(nodeAksk.readAkskEnv).toBe(readAkskEnv);
    });

    it("reads the official SDKs' variables from the object given, and not the project id", () => {
      expect(readAkskEnv(ALL)).toEqual({ ak: AK, sk: SK, domainId: 'env-domain', securityToken: 'env-sts' });
      expect(readAkskEnv({ ...ALL, HUAWEICLOUD_SDK_DOMAIN_ID: '', HUAWEICLOUD_SDK_SECURITY_TOKEN: undefined })).toEqual(
        {
          ak: AK,
          sk: SK,
        },
      );
    });

    it('reads process.env by default', () => {
      vi.stubEnv('HUAWEICLOUD_SDK_AK', AK);
      vi.stubEnv('HUAWEICLOUD_SDK_SK', SK);
      vi.stubEnv('HUAWEICLOUD_SDK_DOMAIN_ID', 'process-domain');
      expect(readAkskEnv()).toMatchObject({ ak: AK, sk: SK, domainId: 'process-domain' });
    });

    it('gives undefined when neither AK nor SK is set (or both are empty)', () => {
      expect(readAkskEnv({})).toBeUndefined();
      expect(
        readAkskEnv({ HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '', HUAWEICLOUD_SDK_DOMAIN_ID: 'd' }),
      ).toBeUndefined();
    });

    it.each([
      ['HUAWEICLOUD_SDK_SK', { HUAWEICLOUD_SDK_AK: AK }, 'HUAWEICLOUD_SDK_AK'],
      ['HUAWEICLOUD_SDK_AK', { HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_AK: '' }, 'HUAWEICLOUD_SDK_SK'],
    ])('refuses half a pair with an SmsAuthError naming the missing %s, without any value', (missing, env, given) => {
      let error: unknown;
      try {
        readAkskEnv(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SmsAuthError);
      expect((error as Error).message).toBe(`AK/SK from the environment: ${missing} is not set, but ${given} is`);
      expect(inspect(error, { showHidden: true, depth: 5 })).not.toContain(SK);
    });

    it('gives credentials that akskAuth signs with', async () => {
      await createSmsClient({ endpoint: server.url, auth: akskAuth(readAkskEnv(ALL)!) }).tasks.stop('t');
      expect(server.requests[0]!.headers).toMatchObject({ 'x-domain-id': 'env-domain', 'x-security-token': 'env-sts' });
      verify(server.requests[0]!);
    });
  });
});
