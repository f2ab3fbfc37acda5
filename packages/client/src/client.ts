import createClient from 'openapi-fetch';
import { tokenAuth } from './auth/token.js';
import type { Authenticator } from './auth/types.js';
import { encodeSegment } from './encode.js';
import {
  apiError,
  checkOption,
  networkError,
  redact,
  responseError,
  SmsAbortError,
  SmsError,
  SmsNetworkError,
  SmsTimeoutError,
  validationError,
} from './errors.js';
import type { paths } from './generated/schema.js';
import { OPERATION_PATH, OPERATIONS } from './generated/spec.js';
import { resolveBaseUrl } from './regions.js';
import { backoff, isRetryableError, isRetryableStatus, parseRetryAfter, resolveRetry, sleep } from './retry.js';
import type {
  RequestOptions,
  SmsClient,
  SmsClientOptions,
  TaskActionRequest,
  TaskActionResponse,
  TaskActionResult,
  TaskActions,
  Transport,
} from './types.js';
import { validateBody, validateTaskId } from './validate.js';

export function createSmsClient(options: SmsClientOptions): SmsClient {
  return createClientWith(options);
}

export function createClientWith(options: SmsClientOptions, transport?: Transport): SmsClient {
  checkOption(options && typeof options === 'object', 'options', 'must be an object: { region or endpoint, auth }');
  checkOption(options.fetch === undefined || typeof options.fetch === 'function', 'fetch', 'must be a function');
  const baseUrl = resolveBaseUrl(options.region, options.endpoint);
  const auth = resolveAuth(options.auth);
  const policy = resolveRetry(options.retry);
  const clientTimeout = checkTimeout(options.timeoutMs ?? 30_000);

  const raw = createClient<paths>({
    baseUrl,
    headers: checkHeaders(options.headers),
    // Redirects are never followed, on raw calls too: fetch would carry X-Auth-Token (and the
    // AK/SK headers) to whatever origin a 3xx names.
    redirect: 'manual',
    // Strict RFC 3986 encoding of path parameters (also !'()*), so the wire path, the AK/SK
    // canonical URI and every URL parser agree on it.
    pathSerializer: (path, params) =>
      path.replace(PATH_PARAM, (_, name: string) => encodeSegment(String(params[name]))),
    // A fetch passed by the caller wins, and gets real Requests; it is read at call time.
    ...(transport && !options.fetch ? { Request: transport.Request as typeof Request } : {}),
    fetch: (request) => (options.fetch ?? (transport?.fetch as typeof fetch | undefined) ?? globalThis.fetch)(request),
  });
  // Credentials are applied per request by this middleware, so `raw` calls are authenticated
  // too, every retry is signed afresh, and no secret sits on an object a caller can print.
  raw.use({
    async onRequest({ request, params }) {
      const tried = params instanceof Attempt ? params : undefined;
      if (tried) tried.request = request;
      await auth.apply(request);
      if (tried) tried.authorized = true;
      return request;
    },
    onResponse({ response, params }) {
      if (params instanceof Attempt) params.response = response;
    },
  });

  async function attempt(
    taskId: string,
    body: TaskActionRequest,
    { signal, headers }: RequestOptions,
    timeoutMs: number,
  ) {
    // The transport's own Request and abort handle, unless calls go to a fetch the caller gave.
    const viaTransport = transport && !options.fetch;
    const controller = new (viaTransport ? transport.AbortController : AbortController)();
    // The abort also settles the attempt itself: an authenticator still waiting for credentials
    // (a token provider that hangs) never reaches fetch, which is where the signal is heard.
    // Its rejection carries nothing: the catch below tells a timeout from the caller's abort by the signals.
    let abort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      abort = () => {
        controller.abort();
        reject();
      };
    });
    signal?.addEventListener('abort', abort);
    // Timers hold 31 bits: a longer timeout would fire at once, so it means no timer at all.
    const timer = timeoutMs <= 2 ** 31 - 1 ? setTimeout(abort, timeoutMs) : undefined;
    const tried = new Attempt({ task_id: taskId });
    try {
      const result = await Promise.race([
        raw.POST(OPERATION_PATH, {
          params: tried,
          body,
          headers,
          signal: controller.signal as AbortSignal,
          // Parsed here, so that a non-JSON body becomes a typed error, not a SyntaxError.
          parseAs: 'text',
          Request: (viaTransport ? transport.Request : globalThis.Request) as typeof Request,
        }),
        aborted,
      ]);
      return { ...result, request: tried.request! };
    } catch (error) {
      if (error instanceof SmsError) throw error;
      if (signal?.aborted) throw abortError(signal.reason);
      if (controller.signal.aborted) {
        // Credentials that never came: a provider call that hangs must not hold the next calls too.
        // (openapi-fetch makes the request and calls the middleware before its first await.)
        if (!tried.authorized) auth.renew(tried.request!);
        throw new SmsTimeoutError(
          tried.authorized
            ? `no answer within ${timeoutMs} ms; the server may have acted`
            : `no credentials within ${timeoutMs} ms; nothing was sent`,
          { timeoutMs },
        );
      }
      // The status came but not the body (dropped mid-body, a corrupt Content-Encoding): the
      // server's answer is broken, and its status says whether it acted, where "connection
      // failed" would suggest that nothing happened.
      const { response } = tried;
      throw response
        ? responseError(response.status, response.headers, 'the body could not be read', error)
        : networkError(error);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  async function action(taskId: string, body: TaskActionRequest, opts: RequestOptions = {}): Promise<TaskActionResult> {
    validateTaskId(taskId);
    validateBody(body);
    checkOption(opts && typeof opts === 'object', 'options', 'must be an object');
    // Anything else would fail inside the call as a TypeError, after the checks that promise a typed error.
    checkOption(
      opts.signal == null || typeof opts.signal.addEventListener === 'function',
      'signal',
      'must be an AbortSignal',
    );
    const timeoutMs = checkTimeout(opts.timeoutMs ?? clientTimeout);
    checkHeaders(opts.headers);
    const started = Date.now();
    let renewed = false;
    for (let tries = 1; ; tries++) {
      if (opts.signal?.aborted) throw abortError(opts.signal.reason);
      let error: SmsError;
      let wait: number | undefined;
      try {
        // The failed answer is tied to its own request, so that the scrubbing and the renewal concern
        // the credentials that request carried, not whatever a concurrent call holds now.
        const { response, data, error: errorBody, request } = await attempt(taskId, body, opts, timeoutMs);
        const { status, headers } = response;
        const requestId = headers.get('x-request-id') ?? undefined;
        if (response.ok) return { data: parseSuccess(status, data, headers), status, requestId };
        // A server may echo request headers: no credential it was sent may come back in an error.
        error = apiError(status, redact(errorBody, auth.secrets(request)), headers);
        // A 401 means the server did not act: with a token provider, get a fresh token and repeat once.
        if (status === 401 && !renewed && auth.renew(request)) {
          renewed = true;
          tries--;
          continue;
        }
        if (!isRetryableStatus(status)) throw error;
        wait = parseRetryAfter(headers.get('retry-after'));
      } catch (thrown) {
        if (!(thrown instanceof SmsNetworkError) || !isRetryableError(thrown.cause)) throw thrown;
        error = thrown;
      }
      wait ??= backoff(tries, policy);
      if (tries >= policy.attempts || Date.now() + wait - started > policy.maxElapsedMs) throw error;
      await sleep(wait, opts.signal);
    }
  }

  const tasks: Record<string, unknown> = { action };
  for (const operation of OPERATIONS) {
    // Fields that are not an object go to the body check as they are: spread, a string would
    // become the unknown fields "0", "1"…
    tasks[operation.replace(/_(.)/g, (_, c: string) => c.toUpperCase())] = (
      taskId: string,
      fields?: object,
      opts?: RequestOptions,
    ) =>
      action(
        taskId,
        (typeof fields === 'object' || fields === undefined ? { ...fields, operation } : fields) as TaskActionRequest,
        opts,
      );
  }
  return Object.freeze({ tasks: Object.freeze(tasks) as TaskActions, raw });
}

/**
 * One try of a helper call. It goes to openapi-fetch as the call's `params` (it carries the
 * `path`), and the middleware records on it how far the try got.
 */
class Attempt {
  /** Made by openapi-fetch; set when its credentials start being applied. */
  declare request?: Request;
  /** The credentials were applied: from here on the request may have been sent. */
  declare authorized?: true;
  /** The response head (status and headers); the body may still fail. */
  declare response?: Response;
  constructor(readonly path: { task_id: string }) {}
}

function resolveAuth(auth: SmsClientOptions['auth'] | undefined): Authenticator {
  if (auth && typeof auth === 'object') {
    if ('token' in auth) return tokenAuth(auth.token);
    if (typeof auth.apply === 'function') return auth;
  }
  throw validationError('auth', 'option', "must be { token } or akskAuth(…) from '@sms-task/client/aksk'");
}

const PATH_PARAM = /\{(\w+)\}/g;

const abortError = (reason: unknown) => new SmsAbortError('aborted by the caller', {}, reason);

/** Headers a fetch would refuse (bad names or values) are input errors, not network errors. */
function checkHeaders<T>(headers: T): T {
  if (headers === undefined) return headers;
  try {
    new Headers(headers as HeadersInit | undefined);
  } catch {
    throw validationError('headers', 'option', 'must be valid HTTP headers');
  }
  return headers;
}

function checkTimeout(ms: number): number {
  checkOption(ms > 0, 'timeoutMs', 'must be a positive number of ms (Infinity for none)');
  return ms;
}

function parseSuccess(status: number, text: unknown, headers: Headers): TaskActionResponse {
  if (!text) return {};
  try {
    const data: unknown = JSON.parse(text as string);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as TaskActionResponse;
  } catch {}
  throw responseError(status, headers, 'the body is not a JSON object');
}
