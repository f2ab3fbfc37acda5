// Which credentials a run against an endpoint uses, read from the environment (never from the
// command line): the command checks it before it starts, the suite's global setup when it does.
import { readAkskEnv } from '@sms-task/client/aksk';

export const CREDENTIALS_NEEDED =
  'set SMS_CONTRACT_TOKEN to an X-Auth-Token, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK ' +
  '(and HUAWEICLOUD_SDK_DOMAIN_ID) to sign with AK/SK';

/**
 * `token` when SMS_CONTRACT_TOKEN is set, else `aksk` when the official SDKs' AK and SK are (read
 * as the client reads them); else none. Half a pair (an AK without its SK) throws the client's
 * SmsAuthError, which names the missing variable.
 */
export function endpointCredentials(env: Record<string, string | undefined>): 'token' | 'aksk' | undefined {
  if (env.SMS_CONTRACT_TOKEN) return 'token';
  return readAkskEnv(env) ? 'aksk' : undefined;
}
