// CORS for the server, so that a page on another origin (the docs' console, an app under test in a
// browser) can call it: pages served from this machine by default, other origins by option. An
// allowed origin has its preflight answered and every answer made readable, errors and the control
// API included. A request from an origin that is not allowed is refused before it acts: a form
// post needs no preflight, and a web page elsewhere must not drive the sandbox.
import { isLoopback } from './control-token.js';
import { SandboxConfigError } from './sandbox.js';

export interface CorsOptions {
  /**
   * Origins allowed besides pages served from this machine (`http://localhost:*`, `http://127.0.0.1:*`,
   * `http://[::1]:*`, and the same with https), e.g. `['http://app.test:3000']`; `'null'` for a page
   * opened from a file; `'*'` for any origin.
   */
  origins: '*' | string[];
}

/** What the server does with a request's `Origin`. */
export type CorsVerdict =
  /** No Origin: not a browser's cross-origin call; nothing to add. */
  | { kind: 'none' }
  /** Refused before it acts, and never made readable. */
  | { kind: 'refused'; status: number; headers: Record<string, string>; body: string }
  /** A preflight, answered here. */
  | { kind: 'preflight'; headers: Record<string, string> }
  /** An allowed call: its answer gets these headers. */
  | { kind: 'allowed'; headers: Record<string, string> };

/** The answer headers a page may read besides the CORS-safelisted ones (Content-Type…). */
export const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'Date', 'X-Sandbox-Reason', 'Allow', 'WWW-Authenticate'];
// A browser keeps a preflight's answer this long, so a console's calls are not each preceded by one.
const MAX_AGE_S = 600;

/** The origins as the browser sends them (`http://Example.com:80` → `http://example.com`), or a config error. */
function normalise(origins: CorsOptions['origins']): '*' | Set<string> {
  if (origins === '*') return '*';
  if (!Array.isArray(origins)) throw new SandboxConfigError("cors.origins must be a list of origins, or '*'");
  if (origins.includes('*')) return '*';
  return new Set(
    origins.map((given) => {
      if (given === 'null') return given;
      let url: URL | undefined;
      try {
        url = new URL(given);
      } catch {}
      if (!url || !/^https?:$/.test(url.protocol) || given.replace(/\/$/, '') !== `${url.protocol}//${url.host}`) {
        throw new SandboxConfigError(
          `cors origin "${given}" is not an origin: give scheme://host[:port] (no path), 'null' or '*'`,
        );
      }
      return url.origin;
    }),
  );
}

/** Whether `origin` names a page served from this machine. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return /^https?:$/.test(url.protocol) && url.origin === origin && isLoopback(url.hostname);
  } catch {
    return false;
  }
}

/** Checks the option (before the server listens) and returns the server's judgement of each request. */
export function corsPolicy(options: CorsOptions | undefined) {
  const extra = options === undefined ? new Set<string>() : normalise(options.origins);
  const allows = (origin: string) => extra === '*' || extra.has(origin) || isLoopbackOrigin(origin);

  return function judge(method: string, header: (name: string) => string | undefined): CorsVerdict {
    const origin = header('origin');
    if (origin === undefined) return { kind: 'none' };
    const preflight = method === 'OPTIONS' && header('access-control-request-method') !== undefined;
    if (!allows(origin)) {
      const error_msg =
        `The origin ${origin} may not call this sandbox: start it with --cors-origin ${origin}` +
        ' (cors: { origins: [...] } from code).';
      return {
        kind: 'refused',
        status: 403,
        headers: {
          'content-type': 'application/json',
          vary: 'Origin',
          'x-sandbox-reason': `origin ${origin} not allowed`,
        },
        body: JSON.stringify({ error_code: 'SANDBOX.0403', error_msg }),
      };
    }
    const allowed = { 'access-control-allow-origin': origin, vary: 'Origin' };
    if (!preflight)
      return { kind: 'allowed', headers: { ...allowed, 'access-control-expose-headers': EXPOSED_HEADERS.join(', ') } };
    // As Prism does, the method and headers asked for are allowed: the sandbox's own answer (a 405
    // naming the path's method, a 401 for missing credentials) then reaches the page, where a
    // refused preflight would only say "CORS".
    const headers: Record<string, string> = {
      ...allowed,
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'access-control-allow-methods': header('access-control-request-method')!,
      'access-control-max-age': String(MAX_AGE_S),
      'content-length': '0',
    };
    const asked = header('access-control-request-headers');
    if (asked) headers['access-control-allow-headers'] = asked;
    return { kind: 'preflight', headers };
  };
}

export type CorsJudge = ReturnType<typeof corsPolicy>;
