import { authError } from '../errors.js';
import { setHeaders } from './headers.js';
import { validateToken } from '../validate.js';

/** A token, or a function that returns one (e.g. from IAM, a vault or a cache). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Holds the token of one client. A provider is asked once and its token reused until the server
 * answers 401, or until a call times out still waiting for it (a provider call that hangs must
 * not hold every later call too); then `renew` drops it, so the next `get` asks again.
 * Concurrent calls share one pending provider call, and a burst of 401s (or timeouts) for the
 * same provider call asks the provider once more, not once per call.
 */
export function tokenAuth(source: TokenSource) {
  if (typeof source === 'string') validateToken(source);
  let pending: Promise<string> | undefined;
  // The provider call each request took its token from: only a failure of the current one drops it.
  const tokenOf = new WeakMap<Request, Promise<string>>();
  const get = (): Promise<string> =>
    typeof source === 'string'
      ? Promise.resolve(source)
      : (pending ??= ask(source).catch((error) => {
          pending = undefined;
          throw error;
        }));
  return {
    async apply(request: Request) {
      const token = get();
      // A fixed token is never dropped: only a provider call is worth remembering.
      if (typeof source !== 'string') tokenOf.set(request, token);
      setHeaders(request, { 'X-Auth-Token': await token });
    },
    /** The token the request carried: a server may echo it back. */
    secrets: (request: Request) => {
      const token = request.headers.get('X-Auth-Token');
      return token ? [token] : [];
    },
    /** The request failed for its token: forgets that token; true when a new one may be had (only a provider can give one). */
    renew(request: Request): boolean {
      if (pending === tokenOf.get(request)) pending = undefined;
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
