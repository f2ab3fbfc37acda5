// The credentials the suite sends, as the global setup chose them: the X-Auth-Token
// (SMS_CONTRACT_TOKEN, or the mock's), or AK/SK signing from the official SDKs' variables
// (HUAWEICLOUD_SDK_AK, _SK, _DOMAIN_ID, _SECURITY_TOKEN) when no token is given for an endpoint.
import type { SmsClientOptions } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { inject } from 'vitest';
import type { Authenticate } from './http.js';

const token = inject('token');
const signer = inject('credentials') === 'aksk' ? akskAuth('env') : undefined;

/** For raw requests: the token header, or the headers that sign this exact request. */
export const authenticate: Authenticate = async ({ method, url, headers, body }) => {
  if (!signer) return { ...headers, 'x-auth-token': token };
  // The client's own signer, through its public interface: it signs a Request.
  const request = new Request(url, { method, headers, ...(body !== undefined && { body }) });
  await signer.apply(request);
  return Object.fromEntries(request.headers);
};

/** The same credentials as the client's `auth` option. */
export const clientAuth: SmsClientOptions['auth'] = signer ?? { token };
