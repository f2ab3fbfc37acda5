// Who may call: any X-Auth-Token within the spec's limits, or an SDK-HMAC-SHA256 signature. Given
// an AK/SK pair, the sandbox checks signatures with the client's own signer: it signs the request
// again with the request's X-Sdk-Date and compares.
import { type AkSkCredentials, akskAuth } from '@sms-task/client/aksk';
import type { ApiRules } from './api-rules.js';

export interface SignedRequest {
  method: string;
  url: string;
  header(name: string): string | null;
  body: string;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// Headers the signer adds from its own credentials: never taken from the request.
const ADDED_BY_SIGNER = new Set(['host', 'x-sdk-date', 'x-domain-id', 'x-security-token']);

/** Returns the check of a request's credentials: the reason it is refused, or undefined. */
export function credentialCheck(api: ApiRules, pair?: AkSkCredentials) {
  const signer = pair && akskAuth(pair);
  return async ({ method, url, header, body }: SignedRequest): Promise<string | undefined> => {
    const token = header('x-auth-token');
    if (token !== null) return api.checkToken(token)?.message;
    const authorization = header('authorization');
    if (authorization === null) return 'no credentials: send X-Auth-Token, or sign the request (SDK-HMAC-SHA256)';
    const match = AUTHORIZATION.exec(authorization);
    if (!match) return 'Authorization is not an SDK-HMAC-SHA256 signature';
    const date = SDK_DATE.exec(header('x-sdk-date') ?? '');
    if (!date) return 'X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ';
    if (!signer) return undefined;
    const [, access, signedHeaders] = match;
    if (access !== pair.ak) return 'the signature is made with another access key';
    const signed: Record<string, string> = {};
    for (const name of signedHeaders!.split(';')) {
      if (!ADDED_BY_SIGNER.has(name)) signed[name] = header(name) ?? '';
    }
    const [, y, mo, d, h, mi, s] = date;
    const now = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
    const expected = await signer.sign({ method, url, headers: signed, body }, now);
    return expected.Authorization === authorization ? undefined : 'the signature does not match the request';
  };
}
