// @sms-task/sandbox/msw: the sandbox as MSW request handlers, for tests of code that calls the API
// (setupServer in Node, setupWorker in a browser). The handlers adapt the one request handler the
// server and the in-process fetch use: same table, checks, examples, faults, overrides and calls.
import { REGIONS } from '@sms-task/client';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { type Sandbox, SandboxConfigError } from './sandbox.js';
import { fromWebRequest, toWebResponse } from './web.js';

export interface HandlersOptions {
  /** More origins to answer on (`http://sms.test:8080`), besides every region's and `sandbox.url`. */
  endpoints?: string[];
}

/**
 * Handlers that answer every request to a region's endpoint (the spec's servers), to `sandbox.url`
 * and to `endpoints` with the sandbox. A dropped connection (a fault) is a network error.
 */
export function handlersFor(sandbox: Sandbox, options: HandlersOptions = {}): HttpHandler[] {
  const given = options.endpoints ?? [];
  if (!Array.isArray(given)) throw new SandboxConfigError('endpoints must be an array of URLs');
  const origins = new Set([...Object.values(REGIONS), sandbox.url, ...given].map(originOf));
  const answer = async ({ request }: { request: Request }) => {
    const reply = await sandbox.handle(await fromWebRequest(request, sandbox.maxBodyBytes));
    return reply ? toWebResponse(reply) : HttpResponse.error();
  };
  return [...origins].map((origin) => http.all(`${origin}/*`, answer));
}

/** The endpoint's origin; the API's paths start at it, so an endpoint with a path is refused. */
function originOf(endpoint: unknown): string {
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    throw new SandboxConfigError(`endpoint ${JSON.stringify(endpoint)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SandboxConfigError(`endpoint ${url.href} must be http: or https:`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new SandboxConfigError(`endpoint ${url.href} must be an origin (scheme, host, port) without a path`);
  }
  return url.origin;
}
