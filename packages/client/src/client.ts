// createSmsClient: resolve the options, build the openapi-fetch clients, and run each helper call
// as validate → try (attempt.ts) → read the answer (makeRequest) → repeat while the policy allows (retry.ts).
// The action and the two reads share that path; they differ in what may be repeated (retry.ts).
import createClient, { createFinalURL, defaultBodySerializer, mergeHeaders, removeTrailingSlash } from 'openapi-fetch';
import { attemptSender, type Call, type Tries } from './attempt.js';
import { encodeSegment } from './encode.js';
import { apiError, redact, responseError, withAttempts } from './errors.js';
import { LIST_PATH, OPERATION_PATH, READ_PATH } from './generated/spec-facts.js';
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
import { resolveRetry, retryRequest, shouldRetry, shouldRetryRead } from './retry.js';
import type {
  ListTasksQuery,
  PreparedAction,
  RequestOptions,
  RequestPreview,
  SmsClient,
  SmsClientOptions,
  TaskActionRequest,
  TaskListResult,
  TaskReadResult,
  Transport,
} from './types.js';
import { validateBody, validateListQuery, validateTaskId } from './validate.js';

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
  async function makeRequest<T>(
    call: Call,
    opts: RequestOptions,
    timeoutMs: number,
    tries: Tries,
    parse: Parse<T>,
    renewed = false,
  ): Promise<Result<T>> {
    // The failed answer is tied to its own request, so that the scrubbing and the renewal concern
    // the credentials that request carried, not whatever a concurrent call holds now.
    const { response, data, error, request } = await sendAttempt(call, opts, timeoutMs, tries);
    const { status, headers } = response;
    if (response.ok) {
      const requestId = headers.get('x-request-id') ?? undefined;
      const result = { data: parse(status, data, headers), status, requestId, attempts: tries.sent };
      // A read's Date header is the service's clock at the read: it tells when what the read shows happened.
      return call.method === 'get' ? { ...result, date: parseDate(headers.get('date')) } : result;
    }
    // A 401 means the server did not act: with a token provider, get a fresh token and repeat once.
    if (status === 401 && !renewed && auth.renew(request))
      return makeRequest(call, opts, timeoutMs, tries, parse, true);
    // A server may echo request headers: no credential it was sent may come back in an error.
    throw apiError(status, redact(error, auth.secrets(request)), headers);
  }

  /** Runs a checked call through the retry loop; every error thrown carries the tries it made. */
  async function run<T>(
    check: () => number,
    call: Call,
    opts: RequestOptions,
    parse: Parse<T>,
    repeatable: (error: unknown) => boolean,
  ): Promise<Result<T>> {
    const tries: Tries = { sent: 0 };
    try {
      const timeoutMs = check();
      return await retryRequest(
        policy,
        opts.signal,
        () => makeRequest(call, opts, timeoutMs, tries, parse),
        repeatable,
      );
    } catch (error) {
      throw withAttempts(error, tries.sent);
    }
  }

  /**
   * The action of one body for one task at a time: the body is checked here, once, and each task's
   * id once, in `forTask`; its send and preview check only their own options. A wave (many tasks,
   * one body) checks each thing once; `action` and `preview` are the one-task case of it.
   */
  function prepare(body: TaskActionRequest): PreparedAction {
    unsent(validateBody, body);
    return (taskId) => {
      unsent(validateTaskId, taskId);
      const call: Call = { method: 'post', path: OPERATION_PATH, params: { path: { task_id: taskId } }, body };
      return {
        send: (opts = {}) =>
          run(() => checkRequestOptions(opts, clientTimeout), call, opts, parseObject(true), shouldRetry),
        preview: (opts = {}) => (unsent(checkRequestOptions, opts, clientTimeout), previewOf(taskId, body, opts)),
      };
    };
  }

  // Async, so that a bad id or body rejects the promise as every other failure of a call does.
  const action = async (taskId: string, body: TaskActionRequest, opts?: RequestOptions) =>
    prepare(body)(taskId).send(opts);

  // The reads act on nothing: a timeout, a reset or a 5xx may be repeated (retry.ts).
  const read = (taskId: string, opts: RequestOptions = {}): Promise<TaskReadResult> =>
    run(
      () => (validateTaskId(taskId), checkRequestOptions(opts, clientTimeout)),
      { method: 'get', path: READ_PATH, params: { path: { task_id: taskId } } },
      opts,
      parseObject(false),
      shouldRetryRead,
    ) as Promise<TaskReadResult>;

  const list = (query: ListTasksQuery = {}, opts: RequestOptions = {}): Promise<TaskListResult> =>
    run(
      () => (validateListQuery(query), checkRequestOptions(opts, clientTimeout)),
      { method: 'get', path: LIST_PATH, params: { query: { ...query } } },
      opts,
      parseObject(false),
      shouldRetryRead,
    ) as Promise<TaskListResult>;

  /** What a call would send, from openapi-fetch's own URL, header and body functions. */
  function previewOf(taskId: string, body: TaskActionRequest, opts: RequestOptions): RequestPreview {
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

  const preview = (taskId: string, body: TaskActionRequest, opts?: RequestOptions) =>
    prepare(body)(taskId).preview(opts);

  return Object.freeze({ tasks: taskHelpers({ action, preview, prepare, read, list }), raw });
}

/** A check before anything is sent: its error says so (`attempts: 0`). */
function unsent<A extends unknown[]>(check: (...args: A) => unknown, ...args: A): void {
  try {
    check(...args);
  } catch (error) {
    throw withAttempts(error, 0);
  }
}

// Strict RFC 3986 encoding of path parameters (also !'()*), so the wire path, the AK/SK canonical
// URI and every URL parser agree on it.
const pathSerializer = (path: string, params: Record<string, unknown>) =>
  path.replace(PATH_PARAM, (_, name: string) => encodeSegment(String(params[name])));
const PATH_PARAM = /\{(\w+)\}/g;
// Headers that may carry a secret, left out of a preview even when the caller set them.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'x-auth-token', 'x-security-token', 'cookie'];

type Result<T> = { data: T; status: number; requestId: string | undefined; attempts: number; date?: number };

const parseDate = (value: string | null) => {
  const ms = value === null ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};
type Parse<T> = (status: number, text: unknown, headers: Headers) => T;

/** A 2xx body must be a JSON object; the action's may also be empty (`{}`), a read's may not. */
const parseObject =
  (emptyOk: boolean): Parse<any> =>
  (status, text, headers) => {
    if (!text && emptyOk) return {};
    try {
      const data: unknown = JSON.parse(text as string);
      if (data && typeof data === 'object' && !Array.isArray(data)) return data;
    } catch {}
    throw responseError(status, headers, 'the body is not a JSON object');
  };
