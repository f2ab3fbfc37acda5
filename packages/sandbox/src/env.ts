// The AK/SK pair to verify signatures with, from the official SDKs' variables, when both are set.
import type { AkSkCredentials } from '@sms-task/client/aksk';

export function akskFromEnvironment(env: Record<string, string | undefined>): AkSkCredentials | undefined {
  const { HUAWEICLOUD_SDK_AK: ak, HUAWEICLOUD_SDK_SK: sk } = env;
  if (!ak || !sk) return undefined;
  const pair: AkSkCredentials = { ak, sk };
  if (env.HUAWEICLOUD_SDK_DOMAIN_ID) pair.domainId = env.HUAWEICLOUD_SDK_DOMAIN_ID;
  if (env.HUAWEICLOUD_SDK_SECURITY_TOKEN) pair.securityToken = env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
  return pair;
}
