import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { tokenAuth, type TokenSource } from './auth/token.js';
import { SmsAbortError, SmsApiError, SmsError, SmsNetworkError, SmsResponseError, SmsTimeoutError, SmsValidationError } from './errors.js';
import type { components, paths } from './generated/schema.js';
import { OPERATION_PATH, OPERATIONS } from './generated/spec.js';
import { resolveBaseUrl, type RegionId } from './regions.js';
import { backoff, isRetryableError, isRetryableStatus, parseRetryAfter, resolveRetry, sleep, type RetryOptions } from './retry.js';
import { validateBody, validateTaskId } from './validate.js';

export type TaskActionRequest = components['schemas']['TaskActionRequest'];
export type TaskOperation = TaskActionRequest['operation'];
export type TaskActionResponse = components['schemas']['TaskActionResponse'];
export type ErrorResponse = components['schemas']['ErrorResponse'];

export interface SmsClientOptions {
  /** A region id from `REGIONS`; ignored when `endpoint` is given. */
  region?: RegionId | (string & {});
  /** A base URL, e.g. `http://127.0.0.1:4010` for the local mock. Wins over `region`. */
  endpoint?: string;
  auth: { token: TokenSource };
  /** Per attempt, in ms, covering connect, upload and the whole response body. Default 30,000. */
  timeoutMs?: number;
  /** The retry policy (see `RetryOptions`); `false` turns retries off. */
  retry?: RetryOptions | false;
  /** A fetch implementation; read at each call, so a fetch patched later (MSW, tests) is used. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  /** Aborts the call, including waits between retries. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

export interface TaskActionResult {
  /** The response body: `{}` on success. */
  data: TaskActionResponse;
  status: number;
  /** The `X-Request-Id` response header. */
  requestId: string | undefined;
}

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
/** The request variant (of the spec's oneOf) whose `operation` enum contains `Op`. */
type VariantOf<V, Op> = V extends { operation: infer O } ? (Op extends O ? V : never) : never;
/** The body fields an operation takes besides `operation` itself. */
export type OperationFields<Op extends TaskOperation> = Omit<VariantOf<TaskActionRequest, Op>, 'operation'>;
type Helper<Op extends TaskOperation> = {} extends OperationFields<Op>
  ? (taskId: string, fields?: OperationFields<Op>, options?: RequestOptions) => Promise<TaskActionResult>
  : (taskId: string, fields: OperationFields<Op>, options?: RequestOptions) => Promise<TaskActionResult>;

/** One helper per operation of the spec (`start`, `cloneTest`, …) plus `action` for any body. */
export type TaskActions = { readonly [Op in TaskOperation as CamelCase<Op>]: Helper<Op> } & {
  action(taskId: string, body: TaskActionRequest, options?: RequestOptions): Promise<TaskActionResult>;
};

export interface SmsClient {
  readonly tasks: TaskActions;
  /** The underlying openapi-fetch client (with this client's auth and base URL). */
  readonly raw: Client<paths>;
}

const camelCase = (s: string) => s.replace(/_(.)/g, (_, c: string) => c.toUpperCase());

export function createSmsClient(options: SmsClientOptions): SmsClient {
  const baseUrl = resolveBaseUrl(options.region, options.endpoint);
  const auth = tokenAuth(options.auth?.token as TokenSource);
  const policy = resolveRetry(options.retry);
  const clientTimeout = options.timeoutMs ?? 30_000;
  checkTimeout(clientTimeout);

  const raw = createClient<paths>({
    baseUrl,
    headers: options.headers,
    // Read at call time, not captured now.
    fetch: (request) => (options.fetch ?? globalThis.fetch)(request),
  });
  // The token travels per request through this middleware, so `raw` calls are authenticated
  // too and the token is stored in no object a caller can print.
  const tokenOf = new WeakMap<Request, Promise<string>>();
  const authMiddleware: Middleware = {
    async onRequest({ request }) {
      const token = auth.get();
      tokenOf.set(request, token);
      request.headers.set('X-Auth-Token', await token);
      return request;
    },
  };
  raw.use(authMiddleware);

  async function attempt(taskId: string, body: TaskActionRequest, opts: RequestOptions, timeoutMs: number) {
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(opts.signal!.reason);
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let timedOut = false;
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
    let request: Request | undefined;
    try {
      const result = await raw.POST(OPERATION_PATH, {
        params: { path: { task_id: taskId } },
        body,
        headers: opts.headers,
        signal: controller.signal,
        // Redirects are never followed: credentials must not reach another origin.
        redirect: 'manual',
        // Parsed here, so that a non-JSON body becomes a typed error, not a SyntaxError.
        parseAs: 'text',
        middleware: [{ onRequest: (ctx) => void (request = ctx.request) }],
      });
      return { ...result, token: request && tokenOf.get(request) };
    } catch (error) {
      if (error instanceof SmsError) throw error;
      if (timedOut) throw new SmsTimeoutError(timeoutMs);
      if (opts.signal?.aborted) throw new SmsAbortError(opts.signal.reason);
      throw new SmsNetworkError(error);
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function action(taskId: string, body: TaskActionRequest, opts: RequestOptions = {}): Promise<TaskActionResult> {
    validateTaskId(taskId);
    validateBody(body);
    const timeoutMs = opts.timeoutMs ?? clientTimeout;
    checkTimeout(timeoutMs);
    if (opts.signal?.aborted) throw new SmsAbortError(opts.signal.reason);

    const started = Date.now();
    let renewed = false;
    for (let tries = 1; ; tries++) {
      let outcome: Awaited<ReturnType<typeof attempt>>;
      let wait: number | undefined;
      try {
        outcome = await attempt(taskId, body, opts, timeoutMs);
      } catch (error) {
        if (!(error instanceof SmsNetworkError) || !isRetryableError(error.cause) || tries >= policy.attempts) throw error;
        wait = backoff(tries, policy);
        await waitOrThrow(wait, started, error, opts.signal);
        continue;
      }
      const { response, token } = outcome;
      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (response.ok) return { data: parseSuccess(response.status, outcome.data, requestId), status: response.status, requestId };

      const error = new SmsApiError(response.status, outcome.error, response.headers);
      // A 401 means the server did not act: with a token provider, get a fresh token and repeat once.
      if (response.status === 401 && !renewed && token && auth.renew(token)) {
        renewed = true;
        tries--;
        continue;
      }
      if (!isRetryableStatus(response.status) || tries >= policy.attempts) throw error;
      wait = parseRetryAfter(response.headers.get('retry-after')) ?? backoff(tries, policy);
      await waitOrThrow(wait, started, error, opts.signal);
    }
  }

  async function waitOrThrow(ms: number, started: number, error: SmsError, signal: AbortSignal | undefined) {
    if (Date.now() + ms - started > policy.maxElapsedMs) throw error;
    try {
      await sleep(ms, signal);
    } catch (reason) {
      throw new SmsAbortError(reason);
    }
  }

  const tasks: Record<string, unknown> = { action };
  for (const operation of OPERATIONS) {
    tasks[camelCase(operation)] = (taskId: string, fields?: object, opts?: RequestOptions) =>
      action(taskId, { ...fields, operation } as TaskActionRequest, opts);
  }
  return Object.freeze({ tasks: Object.freeze(tasks) as TaskActions, raw });
}

function checkTimeout(ms: number) {
  if (typeof ms !== 'number' || !(ms > 0)) {
    throw new SmsValidationError('timeoutMs', 'option', 'must be a positive number of milliseconds (Infinity for none)');
  }
}

function parseSuccess(status: number, text: unknown, requestId: string | undefined): TaskActionResponse {
  if (text === undefined || text === '') return {};
  try {
    const data: unknown = JSON.parse(text as string);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as TaskActionResponse;
  } catch {}
  throw new SmsResponseError(status, 'the body is not a JSON object', requestId);
}
