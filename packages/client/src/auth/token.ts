import { authError } from '../errors.js';
import { setHeaders } from './headers.js';
import { validateToken } from '../validate.js';

/** A token, or a function that returns one (e.g. from IAM, a vault or a cache). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Holds the token of one client. A provider is asked once and its token reused until the server
 * answers 401; then `renew` drops it, so the next `get` asks again. Concurrent calls share one
 * pending provider call, and a burst of 401s for the same token asks the provider once.
 */
export function tokenAuth(source: TokenSource) {
  if (typeof source === 'string') validateToken(source);
  let pending: Promise<string> | undefined;
  // The token a 401 already made us drop: more 401s for it must not drop its successor.
  let stale: string | null | undefined;
  const get = (): Promise<string> =>
    typeof source === 'string'
      ? Promise.resolve(source)
      : (pending ??= ask(source).catch((error) => {
          pending = undefined;
          throw error;
        }));
  return {
    async apply(request: Request) {
      setHeaders(request, { 'X-Auth-Token': await get() });
    },
    /** The token the request carried: a server may echo it back. */
    secrets: (request: Request) => {
      const token = request.headers.get('X-Auth-Token');
      return token ? [token] : [];
    },
    /** After a 401: forgets the token the request carried; true when a new one may be had (only a provider can give one). */
    renew(request: Request): boolean {
      const used = request.headers.get('X-Auth-Token');
      if (used !== stale) {
        stale = used;
        pending = undefined;
      }
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
