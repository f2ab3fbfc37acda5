// `@sms-task/client/aksk`: AK/SK request signing (SDK-HMAC-SHA256) with Web Crypto, for every
// runtime. Node resolves aksk-node.ts instead (export condition `node`), which signs with node:crypto.
import { createAkskAuth, webHashing, type AkSkCredentials, type AkskAuthenticator } from './auth/aksk.js';

export type { AkSkCredentials, AkskAuthenticator, SignInput } from './auth/aksk.js';
export { readAkskEnv } from './auth/aksk.js';
export type { Authenticator } from './auth/types.js';

/**
 * Signs every request with an access key pair: `auth: akskAuth({ ak, sk, domainId })`, or
 * `akskAuth('env')` to read the official SDKs' HUAWEICLOUD_SDK_AK, _SK, _DOMAIN_ID and _SECURITY_TOKEN
 * (as `readAkskEnv()` does).
 */
export function akskAuth(credentials: AkSkCredentials | 'env'): AkskAuthenticator {
  return createAkskAuth(credentials, webHashing);
}
