import { authError } from '../errors.js';
import { setHeaders } from './headers.js';
import { validateToken } from '../validate.js';

/** A token, or a function that returns one (e.g. from IAM, a vault or a cache). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Holds the token of one client. A provider is asked once and its token reused until the server
 * answers 401; then `renew` drops it, so the next `get` asks again. Concurrent calls share one
 * pending provider call.
 */
export function tokenAuth(source: TokenSource) {
  if (typeof source === 'string') validateToken(source);
  let pending: Promise<string> | undefined;
  let last: string | undefined;
  const get = (): Promise<string> =>
    typeof source === 'string'
      ? Promise.resolve(source)
      : (pending ??= ask(source).catch((error) => {
          pending = undefined;
          throw error;
        }));
  return {
    async apply(request: Request) {
      setHeaders(request, { 'X-Auth-Token': (last = await get()) });
    },
    /** Values to scrub from anything the server sends back (a server may echo headers). */
    secrets: () => (last ? [last] : []),
    /** After a 401: forgets the token; true when a new one may be had (only a provider can give one). */
    renew(): boolean {
      pending = undefined;
      return typeof source !== 'string';
    },
  };
}

async function ask(provider: () => string | Promise<string>): Promise<string> {
  let token: unknown;
  try {
    token = await provider();
  } catch (cause) {
    throw authError('the token provider failed', cause);
  }
  validateToken(token);
  return token;
}
