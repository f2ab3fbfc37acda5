import type { components } from './generated/schema.js';
import { parseRetryAfter } from './retry-after.js';

type ErrorBody = components['schemas']['ErrorResponse'];
type ErrorDetail = components['schemas']['ErrorDetail'];

/**
 * Base class of every error this client throws: `catch (e) { if (e instanceof SmsError) … }`.
 * Errors carry only what the server or the input said about itself — never a token or a key.
 */
export class SmsError extends Error {
  override name = 'SmsError';
  /**
   * On an error thrown by a call (`tasks.*`): the tries it made, every request handed to the
   * transport counted — retries, and the repeat after a 401 with a token provider, included; a
   * refused connection counts too. 0 when nothing was sent (bad input, a signal aborted before,
   * credentials that never came). Not set on errors thrown by `createSmsClient` or `akskAuth`.
   */
  declare readonly attempts?: number;
  /** @internal errors are made by the client; their extra fields arrive as `fields`. */
  constructor(message: string, fields?: object, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }
}

export type ValidationRule =
  | 'required'
  | 'type'
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'enum'
  | 'additionalProperties'
  | 'path'
  | 'option';

/** Input rejected before anything was sent. Never carries the rejected value itself, which may be a secret. */
export class SmsValidationError extends SmsError {
  override name = 'SmsValidationError';
  /** The field at fault: `task_id`, `X-Auth-Token`, `template_id`, `operation`, `region`, … */
  declare readonly field: string;
  /** Which rule of the spec (or of the options) the value broke. */
  declare readonly rule: ValidationRule;
  /** The limit from the spec, when there is one (a length, or the allowed values). */
  declare readonly limit?: number | readonly string[];
}

/** The server answered with a non-2xx status (or a redirect, which the client never follows). */
export class SmsApiError extends SmsError {
  override name = 'SmsApiError';
  declare readonly status: number;
  /** `SMS.xxxx` or `APIGW.xxxx`, when the body had one. */
  declare readonly errorCode: string | undefined;
  declare readonly errorMsg: string | undefined;
  declare readonly errorParam: string[] | undefined;
  declare readonly details: ErrorDetail[] | undefined;
  declare readonly encodedAuthorizationMessage: string | undefined;
  /** From the `X-Request-Id` header (or a gateway body's `request_id`): quote it to Huawei support. */
  declare readonly requestId: string | undefined;
  /** The wait the server asked for before another try, from a `Retry-After` header, in ms. */
  declare readonly retryAfterMs: number | undefined;
}

/**
 * The server answered, but its answer cannot be used: a 2xx body that is not a JSON object, or a
 * body that could not be read (the connection dropped mid-body, a corrupt Content-Encoding). After
 * a 2xx the operation was probably accepted.
 */
export class SmsResponseError extends SmsError {
  override name = 'SmsResponseError';
  declare readonly status: number;
  declare readonly requestId: string | undefined;
}

/**
 * An attempt took longer than `timeoutMs`. The server may have acted on it, unless the message
 * says that nothing was sent (the credentials never came).
 */
export class SmsTimeoutError extends SmsError {
  override name = 'SmsTimeoutError';
  declare readonly timeoutMs: number;
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. */
export class SmsAbortError extends SmsError {
  override name = 'SmsAbortError';
}

/**
 * No valid answer came: the connection failed (refused, reset before the status line, DNS, TLS…),
 * or what came back is not HTTP (`HPE_…`, `UND_ERR_…`); `cause` is the transport's error.
 */
export class SmsNetworkError extends SmsError {
  override name = 'SmsNetworkError';
  /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) when the runtime gives one. */
  declare readonly code: string | undefined;
}

/** Credentials could not be had: a token provider threw, or (AK/SK) a variable is missing. */
export class SmsAuthError extends SmsError {
  override name = 'SmsAuthError';
}

/**
 * `error` with the tries of the call that throws it. An error shared by concurrent calls (one failed
 * token provider call) is copied, so that each call reports its own count.
 */
export function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof SmsError)) return error;
  const own: { attempts?: number } = Object.hasOwn(error, 'attempts')
    ? Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error))
    : error;
  own.attempts = attempts;
  return own;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const arr = <T>(v: T[] | undefined) => (Array.isArray(v) ? v : undefined);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const validationError = (
  field: string,
  rule: ValidationRule,
  problem: string,
  limit?: number | readonly string[],
) => new SmsValidationError(`${field}: ${problem}`, { field, rule, limit });

/** Throws the SmsValidationError of a bad option unless `ok`. */
export function checkOption(ok: unknown, field: string, problem: string): void {
  if (!ok) throw validationError(field, 'option', problem);
}

/**
 * Replaces each secret in a server's answer (a string, or the string values of parsed JSON) with
 * [redacted]. Values under 8 characters are not real credentials and would mangle ordinary text.
 */
export function redact<T>(value: T, secrets: string[]): T {
  const found = secrets.filter((secret) => secret.length >= 8);
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? found.reduce((text, secret) => text.split(secret).join('[redacted]'), v)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return found.length ? (walk(value) as T) : value;
}

export function apiError(status: number, body: unknown, headers: Headers): SmsApiError {
  const b: ErrorBody = body && typeof body === 'object' ? body : {};
  const requestId = headers.get('x-request-id') ?? str(b.request_id);
  const code = str(b.error_code);
  const location = headers.get('location');
  const msg = str(b.error_msg) ?? (typeof body === 'string' ? summarize(body) : undefined);
  // Status 0 is a browser's opaque answer to a redirect that was not followed.
  const what =
    msg ||
    (location || !status
      ? `redirect${location ? ` to ${location}` : ''} not followed`
      : typeof body === 'string' || body == null
        ? '(empty body)'
        : summarize(JSON.stringify(body)));
  return new SmsApiError(
    `SMS API ${status}${code ? ` ${code}` : ''}: ${what}${requestId ? ` (request id ${requestId})` : ''}`,
    {
      status,
      errorCode: code,
      errorMsg: msg,
      errorParam: arr(b.error_param),
      details: arr(b.details),
      encodedAuthorizationMessage: str(b.encoded_authorization_message),
      requestId,
      retryAfterMs: parseRetryAfter(headers.get('retry-after')),
    },
  );
}

export const responseError = (status: number, headers: Headers, problem: string, cause?: unknown) =>
  new SmsResponseError(
    `SMS API ${status}: ${problem}${status < 300 ? '; the operation was probably accepted' : ''}`,
    { status, requestId: headers.get('x-request-id') ?? undefined },
    cause,
  );

export const abortError = (reason: unknown) => new SmsAbortError('aborted by the caller', {}, reason);

export const networkError = (cause: unknown) => {
  const code = errorCode(cause);
  return new SmsNetworkError(`connection failed${code ? ` (${code})` : ''}: ${messageOf(cause)}`, { code }, cause);
};

export const authError = (message: string, cause: unknown) =>
  new SmsAuthError(`${message}: ${messageOf(cause)}`, {}, cause);

/** A readable first line of a non-JSON body: the <title> of an HTML page, else its text without tags. */
function summarize(text: string): string {
  const plain = (/<title>([^<]*)/i.exec(text)?.[1] ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Node's fetch wraps the socket error as `cause` (sometimes in an AggregateError): find its code. */
export function errorCode(error: any): string | undefined {
  for (let depth = 0; error && depth < 4; depth++) {
    if (typeof error.code === 'string') return error.code;
    error = error.cause ?? error.errors?.[0];
  }
}
