// `@sms-task/client/aksk` on Node (export condition `node`): the same signer with node:crypto,
// synchronous, so a signature costs microseconds instead of three async Web Crypto round trips.
import { createAkskAuth, type AkSkCredentials, type AkskAuthenticator } from './auth/aksk.js';
import { nodeHashing } from './auth/node-hashing.js';

export type { AkSkCredentials, AkskAuthenticator, SignInput } from './auth/aksk.js';
export { readAkskEnv } from './auth/aksk.js';
export type { Authenticator } from './auth/types.js';

/**
 * Signs every request with an access key pair: `auth: akskAuth({ ak, sk, domainId })`, or
 * `akskAuth('env')` to read the official SDKs' HUAWEICLOUD_SDK_AK, _SK, _DOMAIN_ID and _SECURITY_TOKEN
 * (as `readAkskEnv()` does).
 */
export function akskAuth(credentials: AkSkCredentials | 'env'): AkskAuthenticator {
  return createAkskAuth(credentials, nodeHashing);
}
