// createSmsClient: resolve the options, build the openapi-fetch clients, and run each helper call
// as validate → try (attempt.ts) → read the answer (makeRequest) → repeat while the policy allows (retry.ts).
import createClient, { createFinalURL, defaultBodySerializer, mergeHeaders, removeTrailingSlash } from 'openapi-fetch';
import { attemptSender, type Tries } from './attempt.js';
import { encodeSegment } from './encode.js';
import { apiError, redact, responseError, withAttempts } from './errors.js';
import { OPERATION_PATH } from './generated/spec-facts.js';
import { chooseTransport } from './transport/choose.js';
import type { paths } from './generated/schema.js';
import { taskHelpers } from './helpers.js';
import {
  checkClientOptions,
  checkHeaders,
  checkRequestOptions,
  checkTimeout,
  DEFAULT_TIMEOUT_MS,
  resolveAuth,
} from './options.js';
import { resolveBaseUrl } from './regions.js';
import { resolveRetry, retryRequest } from './retry.js';
import type {
  RequestOptions,
  RequestPreview,
  SmsClient,
  SmsClientOptions,
  TaskActionRequest,
  TaskActionResponse,
  TaskActionResult,
  Transport,
} from './types.js';
import { validateBody, validateTaskId } from './validate.js';

export function createSmsClient(options: SmsClientOptions): SmsClient {
  return createClientWith(options);
}

export function createClientWith(options: SmsClientOptions, transport?: Transport): SmsClient {
  checkClientOptions(options);
  const auth = resolveAuth(options.auth);
  const policy = resolveRetry(options.retry);
  const clientTimeout = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const clientOptions = {
    baseUrl: resolveBaseUrl(options.region, options.endpoint),
    headers: checkHeaders(options.headers),
    // Redirects are never followed, on raw calls too: fetch would carry X-Auth-Token (and the
    // AK/SK headers) to whatever origin a 3xx names.
    redirect: 'manual' as const,
    pathSerializer,
    // Raw calls make their Request with the transport of the client's creation, and are sent
    // with the one chosen at the call (helper calls choose both at each attempt).
    Request: chooseTransport(options, transport).Request as typeof Request,
    fetch: (request: Request) => chooseTransport(options, transport).fetch(request) as Promise<Response>,
  };
  // Credentials are applied per request, so every retry is signed afresh and no secret sits on an
  // object a caller can print: on `raw` calls by a middleware, on helper calls by their attempt.
  const raw = createClient<paths>(clientOptions);
  raw.use({ onRequest: async ({ request }) => (await auth.apply(request), request) });
  const sendAttempt = attemptSender(createClient<paths>(clientOptions), auth, () =>
    chooseTransport(options, transport),
  );

  /** One try and what its answer means: a result, or the SmsError to throw (retry.ts decides on a repeat). */
  async function makeRequest(
    taskId: string,
    body: TaskActionRequest,
    opts: RequestOptions,
    timeoutMs: number,
    tries: Tries,
    renewed = false,
  ): Promise<TaskActionResult> {
    // The failed answer is tied to its own request, so that the scrubbing and the renewal concern
    // the credentials that request carried, not whatever a concurrent call holds now.
    const { response, data, error, request } = await sendAttempt(taskId, body, opts, timeoutMs, tries);
    const { status, headers } = response;
    if (response.ok) {
      const requestId = headers.get('x-request-id') ?? undefined;
      return { data: parseSuccess(status, data, headers), status, requestId, attempts: tries.sent };
    }
    // A 401 means the server did not act: with a token provider, get a fresh token and repeat once.
    if (status === 401 && !renewed && auth.renew(request))
      return makeRequest(taskId, body, opts, timeoutMs, tries, true);
    // A server may echo request headers: no credential it was sent may come back in an error.
    throw apiError(status, redact(error, auth.secrets(request)), headers);
  }

  /** The checks of a call, before anything is sent; returns its timeout. */
  function check(taskId: string, body: TaskActionRequest, opts: RequestOptions): number {
    validateTaskId(taskId);
    validateBody(body);
    return checkRequestOptions(opts, clientTimeout);
  }

  async function action(taskId: string, body: TaskActionRequest, opts: RequestOptions = {}): Promise<TaskActionResult> {
    const tries: Tries = { sent: 0 };
    try {
      const timeoutMs = check(taskId, body, opts);
      return await retryRequest(policy, opts.signal, () => makeRequest(taskId, body, opts, timeoutMs, tries));
    } catch (error) {
      throw withAttempts(error, tries.sent);
    }
  }

  /** What `action` would send, from openapi-fetch's own URL, header and body functions. */
  function preview(taskId: string, body: TaskActionRequest, opts: RequestOptions = {}): RequestPreview {
    try {
      check(taskId, body, opts);
    } catch (error) {
      throw withAttempts(error, 0);
    }
    const headers = mergeHeaders({ 'Content-Type': 'application/json' }, clientOptions.headers, opts.headers);
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    return {
      method: 'POST',
      url: createFinalURL(OPERATION_PATH, {
        baseUrl: removeTrailingSlash(clientOptions.baseUrl),
        params: { path: { task_id: taskId } },
        querySerializer: () => '',
        pathSerializer,
      }),
      headers: Object.fromEntries(headers),
      // The headers too, as openapi-fetch passes them (its typings name only the body).
      body: (defaultBodySerializer as (body: unknown, headers: Headers) => string)(body, headers),
    };
  }

  return Object.freeze({ tasks: taskHelpers(action, preview), raw });
}

// Strict RFC 3986 encoding of path parameters (also !'()*), so the wire path, the AK/SK canonical
// URI and every URL parser agree on it.
const pathSerializer = (path: string, params: Record<string, unknown>) =>
  path.replace(PATH_PARAM, (_, name: string) => encodeSegment(String(params[name])));
const PATH_PARAM = /\{(\w+)\}/g;
// Headers that may carry a secret, left out of a preview even when the caller set them.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'x-auth-token', 'x-security-token', 'cookie'];

function parseSuccess(status: number, text: unknown, headers: Headers): TaskActionResponse {
  if (!text) return {};
  try {
    const data: unknown = JSON.parse(text as string);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as TaskActionResponse;
  } catch {}
  throw responseError(status, headers, 'the body is not a JSON object');
}
