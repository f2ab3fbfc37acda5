// The control API is the sandbox's keys: whoever reaches it sets every task's state. Bound beyond
// loopback, the server needs a token and answers control calls only with `Authorization: Bearer`
// and that token; on loopback a token is optional, and enforced when given.
import { isIPv4 } from 'node:net';
import { CONTROL_PREFIX } from '../protocol/messages.js';
import { sameSecret } from '../protocol/signature.js';

/** The environment variable `sms-sandbox` reads the token from when no file is given. */
export const CONTROL_TOKEN_ENV = 'SMS_SANDBOX_CONTROL_TOKEN';
const MIN_LENGTH = 16;

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.replace(/^::ffff:/, '');
  return isIPv4(v4) && v4.startsWith('127.');
}

/** Why the server cannot start on `host` with this token, or undefined. */
export function controlTokenProblem(host: string, token: string | undefined): string | undefined {
  if (token === undefined) {
    return isLoopback(host)
      ? undefined
      : `the host ${host} is beyond loopback: the control API (${CONTROL_PREFIX}) needs a token ` +
          `(--control-token-file FILE, or ${CONTROL_TOKEN_ENV})`;
  }
  if (token.length < MIN_LENGTH) {
    return `the control token must be at least ${MIN_LENGTH} characters (e.g. openssl rand -hex 32)`;
  }
  if (/\s/.test(token)) return 'the control token must not contain spaces or line breaks';
  return undefined;
}

/** Whether an Authorization header carries the token, compared in constant time. */
export async function hasControlToken(authorization: string | undefined, token: string): Promise<boolean> {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match !== null && (await sameSecret(match[1]!, token));
}

/** The control API's 401: what to send, never the token. */
export const controlRefusal = {
  status: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="sms-sandbox control API"' },
  body: JSON.stringify({ error: 'the control API needs its token: send Authorization: Bearer <token>' }),
};
