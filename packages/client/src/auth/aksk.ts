// AK/SK request signing, algorithm SDK-HMAC-SHA256, as Huawei Cloud's official SDKs do it.
// Hashing is injected: Web Crypto in the default build (browsers, Deno, Bun, edge), node:crypto in
// the `node` one. Either way the secret key is held as a key object, not kept as a string.
// It lives behind its own entry, `@sms-task/client/aksk`, so token-only bundles do not carry it.
import { encodeSegment } from '../encode.js';
import { authError } from '../errors.js';
import { setHeaders } from './headers.js';
import type { Authenticator } from './types.js';

export interface AkSkCredentials {
  /** Access key ID. */
  ak: string;
  /** Secret access key. */
  sk: string;
  /** Account (domain) ID, sent as X-Domain-Id: SMS is a global service. */
  domainId?: string;
  /** For temporary credentials, sent as X-Security-Token. */
  securityToken?: string;
}

const ALGORITHM = 'SDK-HMAC-SHA256';
const CREDENTIAL_KEYS = ['ak', 'sk', 'domainId', 'securityToken'];
const encoder = new TextEncoder();
const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/** The two primitives signing needs, bound to one secret key; hex output. */
export interface Hashing {
  sha256(data: string): string | Promise<string>;
  hmac(data: string): string | Promise<string>;
}
export type HashingFactory = (sk: string) => Hashing;

const webSha256 = async (data: string) => hex(await crypto.subtle.digest('SHA-256', encoder.encode(data)));

/**
 * Web Crypto, for every runtime. The SK is imported as a non-extractable CryptoKey and the string
 * is not kept. (The Node entry passes node:crypto instead: the same results, without the async
 * round trips of crypto.subtle.)
 */
export const webHashing: HashingFactory = (sk) => {
  const key = crypto.subtle.importKey('raw', encoder.encode(sk), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  key.catch(() => {}); // surfaced on first use
  return {
    sha256: webSha256,
    hmac: async (data) => hex(await crypto.subtle.sign('HMAC', await key, encoder.encode(data))),
  };
};

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export const sdkDate = (date: Date) => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

export interface SignInput {
  method: string;
  url: string;
  /** Headers to sign (lower- or mixed-case names); host is taken from the URL. */
  headers: Record<string, string>;
  body: string;
}

/** The canonical request of the official signer, for a request as it goes on the wire. */
export async function canonicalRequest(
  { method, url, headers, body }: SignInput,
  hashing: Pick<Hashing, 'sha256'> = { sha256: webSha256 },
) {
  const { host, pathname, searchParams } = new URL(url);
  // The wire path is already percent-encoded; the official signer encodes it again, segment by segment.
  let path = pathname.split('/').map(encodeSegment).join('/');
  if (!path.endsWith('/')) path += '/';
  // Each key once, its values sorted: a repeated key is listed once, as the official signer does.
  const query = [...new Set(searchParams.keys())]
    .sort()
    .flatMap((k) =>
      searchParams
        .getAll(k)
        .sort()
        .map((v) => `${encodeSegment(k)}=${encodeSegment(v)}`),
    )
    .join('&');
  const all: Record<string, string> = { host };
  for (const [name, value] of Object.entries(headers)) all[name.toLowerCase()] = value;
  const names = Object.keys(all).sort();
  const signedHeaders = names.join(';');
  const lines = [
    method,
    path,
    query,
    names.map((n) => `${n}:${all[n]}\n`).join(''),
    signedHeaders,
    await hashing.sha256(body),
  ];
  return { canonical: lines.join('\n'), signedHeaders };
}

/** The `auth` of a client that signs with AK/SK; `sign` also signs requests sent by other means. */
export interface AkskAuthenticator extends Authenticator {
  /**
   * The headers that sign `request` at `now`: X-Sdk-Date, X-Domain-Id and X-Security-Token when
   * configured, and Authorization. A verifier re-signs a request with its X-Sdk-Date to check it.
   */
  sign(request: SignInput, now?: Date): Promise<Record<string, string>>;
}

/** An AK/SK signer, the `auth` of a client. The entries bind the hashing of their runtime. */
export function createAkskAuth(source: AkSkCredentials | 'env', makeHashing: HashingFactory): AkskAuthenticator {
  const credentials = source === 'env' ? fromProcessEnv() : source;
  for (const key of ['ak', 'sk'] as const) {
    if (typeof credentials?.[key] !== 'string' || !credentials[key])
      throw authError(`auth.${key}`, 'must be a non-empty string');
  }
  // A misspelt or foreign key (domainID, projectId) would leave a header out of every signature.
  for (const [key, value] of Object.entries(credentials)) {
    if (value === undefined) continue;
    if (!CREDENTIAL_KEYS.includes(key)) throw authError(`auth.${key}`, `is unknown: use ${CREDENTIAL_KEYS.join(', ')}`);
    if (typeof value !== 'string') throw authError(`auth.${key}`, 'must be a string');
  }
  const { ak, domainId, securityToken } = credentials;
  const hashing = makeHashing(credentials.sk);

  /** The headers that sign a request: X-Sdk-Date, X-Domain-Id, X-Security-Token, Authorization. */
  const sign = async (request: SignInput, now = new Date()) => {
    const added: Record<string, string> = { 'X-Sdk-Date': sdkDate(now) };
    if (domainId) added['X-Domain-Id'] = domainId;
    if (securityToken) added['X-Security-Token'] = securityToken;
    const { canonical, signedHeaders } = await canonicalRequest(
      { ...request, headers: { ...request.headers, ...added } },
      hashing,
    );
    const signature = await hashing.hmac(`${ALGORITHM}\n${added['X-Sdk-Date']}\n${await hashing.sha256(canonical)}`);
    added.Authorization = `${ALGORITHM} Access=${ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return added;
  };
  return {
    sign,
    /** Signs afresh on every attempt, so a retried request carries a new date and signature. */
    async apply(request: Request) {
      const type = request.headers.get('content-type');
      const headers = await sign({
        method: request.method,
        url: request.url,
        headers: type ? { 'content-type': type } : {},
        body: request.body ? await request.clone().text() : '',
      });
      setHeaders(request, headers);
    },
    /** A 401 cannot be cured by signing again. */
    renew: () => false,
    /** The SK is never sent; the security token is, and a server may echo it. */
    secrets: () => (securityToken ? [securityToken] : []),
  };
}

type Env = Record<string, string | undefined>;
const processEnv = () => (globalThis as { process?: { env?: Env } }).process?.env;
const VARIABLE = 'HUAWEICLOUD_SDK_';

/**
 * The AK/SK credentials in the official SDKs' variables: HUAWEICLOUD_SDK_AK and _SK, with
 * _DOMAIN_ID and _SECURITY_TOKEN when set (an empty value counts as unset). `undefined` when
 * neither AK nor SK is set; an `SmsAuthError` naming the missing one when only one is.
 * HUAWEICLOUD_SDK_PROJECT_ID is not read: SMS is a global service, scoped by X-Domain-Id.
 */
export function readAkskEnv(env: Env | undefined = processEnv()): AkSkCredentials | undefined {
  const [ak, sk, domainId, securityToken] = ['AK', 'SK', 'DOMAIN_ID', 'SECURITY_TOKEN'].map(
    (name) => env?.[VARIABLE + name] || undefined,
  );
  if (!ak && !sk) return undefined;
  if (!ak || !sk) {
    const [missing, given] = ak ? ['SK', 'AK'] : ['AK', 'SK'];
    throw authError('AK/SK from the environment', `${VARIABLE}${missing} is not set, but ${VARIABLE}${given} is`);
  }
  return { ak, sk, ...(domainId && { domainId }), ...(securityToken && { securityToken }) };
}

/** `akskAuth('env')`: the credentials in this process's environment, which must hold them. */
function fromProcessEnv(): AkSkCredentials {
  const credentials = readAkskEnv();
  // In a runtime without process.env (a browser), the same: nothing is set.
  if (!credentials) throw authError("auth: 'env'", `${VARIABLE}AK and ${VARIABLE}SK are not set; or pass { ak, sk }`);
  return credentials;
}
