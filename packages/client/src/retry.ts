// The retry policy. A task action is not idempotent in general (a second `start` can fail with
// SMS.1039, a second `clone_test` can clone twice), so a request is repeated only when the
// server certainly did not act on it:
//   - the connection was never established (refused, DNS failure, unreachable host);
//   - the server answered 429 Too Many Requests or 503 Service Unavailable.
// Never repeated: timeouts, resets after the request was sent, 5xx other than 503, 4xx.
// The reads act on nothing, so they are also repeated after a timeout, any network error and any 5xx.
// Waits use exponential backoff with full jitter; a `Retry-After` header replaces the computed
// wait; no retry starts that could not finish its wait within `maxElapsedMs` of the first try.
import { checkOption, SmsApiError, SmsNetworkError, SmsResponseError, SmsTimeoutError } from './errors.js';

export { parseRetryAfter } from './retry-after.js';

export interface RetryOptions {
  /** Tries in all, the first included (1 = never retry). Default 3. */
  attempts?: number;
  /** Ceiling of the first wait; it doubles with each retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Ceiling of any computed wait. Default 8,000 ms. */
  maxDelayMs?: number;
  /** No retry starts if its wait would end later than this after the first try. Default 60,000 ms. */
  maxElapsedMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxElapsedMs: 60_000 };

const RETRY_STATUSES = new Set([429, 503]);
// Errors raised before a connection exists: the request cannot have reached the server.
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export const isRetryableStatus = (status: number) => RETRY_STATUSES.has(status);

/** Whether a try that failed with `error` may be repeated: the server certainly did not act on it. */
export const shouldRetry = (error: unknown) =>
  error instanceof SmsApiError ? isRetryableStatus(error.status) : neverConnected(error);

/** The connection was never established: the request cannot have reached the server. */
export const neverConnected = (error: unknown) =>
  error instanceof SmsNetworkError && NOT_CONNECTED.has(error.code ?? '');

/** Whether a failed try of a read may be repeated: whenever the service may answer better next time. */
export const shouldRetryRead = (error: unknown) =>
  error instanceof SmsApiError
    ? isRetryableStatus(error.status) || error.status >= 500
    : error instanceof SmsNetworkError || error instanceof SmsResponseError || error instanceof SmsTimeoutError;

/** Full-jitter exponential backoff for the retry after try number `attempt` (1-based). */
export function backoff(attempt: number, policy: RetryPolicy, random = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/**
 * The policy from the caller's options. A bad value (a typo'd key, a string, NaN, a negative
 * wait) would silently change how often a non-idempotent call is repeated, so it is refused
 * at creation. `undefined` keeps the default, as in request bodies.
 */
export function resolveRetry(option: RetryOptions | false | undefined): RetryPolicy {
  if (option === false) return { ...DEFAULT_RETRY, attempts: 1 };
  checkOption(option === undefined || (option && typeof option === 'object'), 'retry', 'must be an object, or false');
  const policy = { ...DEFAULT_RETRY };
  for (const [key, value] of Object.entries(option ?? {})) {
    if (value === undefined) continue;
    const field = `retry.${key}`;
    checkOption(Object.hasOwn(DEFAULT_RETRY, key), field, `is unknown: use ${Object.keys(DEFAULT_RETRY).join(', ')}`);
    const tries = key === 'attempts';
    checkOption(
      typeof value === 'number' && value >= +tries && !(tries && value % 1),
      field,
      `must be ${tries ? 'a whole number ≥ 1' : 'a number of ms ≥ 0'}`,
    );
    policy[key as keyof RetryPolicy] = value;
  }
  return policy;
}

/** Waits `ms`, or less if the signal aborts first (the caller then sees the abort). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/**
 * Runs `makeRequest` until it returns, or it throws an error that `shouldRetry` refuses, or the
 * policy's tries or time run out, or the caller aborts.
 */
export async function retryRequest<T>(
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  makeRequest: () => Promise<T>,
  repeatable: (error: unknown) => boolean = shouldRetry,
): Promise<T> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      return await makeRequest();
    } catch (error) {
      if (!repeatable(error)) throw error;
      // The wait the server asked for (Retry-After) replaces the backoff.
      const wait = (error as SmsApiError).retryAfterMs ?? backoff(tries, policy);
      if (tries >= policy.attempts || Date.now() + wait - started > policy.maxElapsedMs) throw error;
      await sleep(wait, signal);
    }
  }
}
