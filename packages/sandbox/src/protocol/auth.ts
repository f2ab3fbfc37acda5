// Who may call: any X-Auth-Token within the spec's limits, or an SDK-HMAC-SHA256 signature. Given
// an AK/SK pair, the sandbox verifies the signature over the request as it arrived, so any signer
// that signs what it sends passes: the client's, and Huawei's SDKs with project-scoped
// (X-Project-Id), domain-scoped (X-Domain-Id) or temporary (X-Security-Token) credentials.
import { type AkSkCredentials, akskAuth } from '@sms-task/client/aksk';
import type { ApiRules } from './api-rules.js';
import { ALGORITHM, type ArrivedRequest, sameSecret, sha256, signatureMatches, verifyingKey } from './signature.js';

export type SignedRequest = ArrivedRequest;

const AUTHORIZATION = new RegExp(
  `^${ALGORITHM} Access=([^,\\s]+), SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), Signature=([0-9a-f]{64})$`,
);
const SDK_DATE = /^\d{8}T\d{6}Z$/;
/** Without these in the signature, it could be sent to another host, or again at any time. */
const ALWAYS_SIGNED = ['host', 'x-sdk-date'];
/** Whose request it is: when sent, they must be signed. */
const SIGNED_WHEN_SENT = ['x-project-id', 'x-domain-id', 'x-security-token'];
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** `x-sdk-date` → `X-Sdk-Date`, for reasons. */
const display = (name: string) => name.replace(/(^|-)[a-z]/g, (start) => start.toUpperCase());

/** Returns the check of a request's credentials: the reason it is refused, or undefined. */
export function credentialCheck(api: ApiRules, pair?: AkSkCredentials) {
  if (pair) akskAuth(pair); // the client's checks of a pair: non-empty ak and sk, no unknown keys
  const key = pair && verifyingKey(pair.sk);
  key?.catch(() => {}); // surfaced on first use
  const { ak, domainId, securityToken } = pair ?? {};

  return async (request: SignedRequest): Promise<string | undefined> => {
    const { header } = request;
    const token = header('x-auth-token');
    if (token !== null) return api.checkToken(token)?.message;
    const authorization = header('authorization');
    if (authorization === null) return 'no credentials: send X-Auth-Token, or sign the request (SDK-HMAC-SHA256)';
    const match = AUTHORIZATION.exec(authorization);
    if (!match) return 'Authorization is not an SDK-HMAC-SHA256 signature';
    const [, access, signedList = '', signature = ''] = match;
    const date = header('x-sdk-date');
    if (date === null || !SDK_DATE.test(date)) return 'X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ';
    const signed = signedList.split(';');
    const unsigned = ALWAYS_SIGNED.find((name) => !signed.includes(name));
    if (unsigned) return `the signature does not cover ${display(unsigned)}: sign Host and X-Sdk-Date`;
    const sentUnsigned = SIGNED_WHEN_SENT.find((name) => header(name) !== null && !signed.includes(name));
    if (sentUnsigned) return `${display(sentUnsigned)} is sent but not signed`;
    const absent = signed.find((name) => name !== 'host' && header(name) === null);
    if (absent) return `SignedHeaders names ${display(absent)}, which the request does not carry`;
    const payload = header('x-sdk-content-sha256');
    if (payload !== null && payload !== UNSIGNED_PAYLOAD && payload !== (await sha256(request.body))) {
      return "X-Sdk-Content-Sha256 is not the body's SHA-256";
    }
    if (!key) return undefined;

    if (access !== ak) return 'the signature is made with another access key';
    if (!(await signatureMatches(request, { date, headers: signed, signature }, await key))) {
      return 'the signature does not match the request';
    }
    // The signature is good: what is left is whether these credentials may act here.
    const domain = header('x-domain-id');
    if (domainId !== undefined && domain !== null && domain !== domainId) {
      return "the request's X-Domain-Id is not the sandbox's domain";
    }
    if (securityToken !== undefined) {
      const sent = header('x-security-token');
      if (sent === null) return 'the credentials are temporary: send their X-Security-Token';
      if (!(await sameSecret(sent, securityToken))) return "the request's X-Security-Token is not the sandbox's";
    }
    return undefined;
  };
}
