import type { components } from './generated/schema.js';

type ErrorBody = components['schemas']['ErrorResponse'];
type ErrorDetail = components['schemas']['ErrorDetail'];

/** Base class of every error this client throws: `catch (e) { if (e instanceof SmsError) … }`. */
export class SmsError extends Error {
  override name = 'SmsError';
}

export type ValidationRule = 'required' | 'type' | 'minLength' | 'maxLength' | 'enum' | 'additionalProperties' | 'path' | 'option';

/** Input rejected before anything was sent. Never carries the rejected value itself, which may be a secret. */
export class SmsValidationError extends SmsError {
  override name = 'SmsValidationError';
  constructor(
    /** The field at fault: `task_id`, `X-Auth-Token`, `template_id`, `operation`, `region`, … */
    readonly field: string,
    /** Which rule of the spec (or of the options) the value broke. */
    readonly rule: ValidationRule,
    /** What the value did wrong and what the limit is, in words. */
    problem: string,
    /** The limit from the spec, when there is one (a length, or the allowed values). */
    readonly limit?: number | readonly string[],
  ) {
    super(`${field}: ${problem}`);
  }
}

/** The server answered with a non-2xx status (or a redirect, which the client never follows). */
export class SmsApiError extends SmsError {
  override name = 'SmsApiError';
  /** `SMS.xxxx` or `APIGW.xxxx`, when the body had one. */
  readonly errorCode: string | undefined;
  readonly errorMsg: string | undefined;
  readonly errorParam: string[] | undefined;
  readonly details: ErrorDetail[] | undefined;
  readonly encodedAuthorizationMessage: string | undefined;
  /** From the `X-Request-Id` header (or a gateway body's `request_id`): quote it to Huawei support. */
  readonly requestId: string | undefined;
  constructor(
    readonly status: number,
    body: unknown,
    headers: Headers,
  ) {
    const fields: ErrorBody = body && typeof body === 'object' ? (body as ErrorBody) : {};
    const text = typeof body === 'string' ? summarize(body) : undefined;
    const requestId = headers.get('x-request-id') ?? str(fields.request_id);
    const location = status >= 300 && status < 400 ? headers.get('location') : null;
    const code = str(fields.error_code);
    const msg = str(fields.error_msg);
    super(
      [
        `SMS API ${status || 'redirect'}`,
        code && ` ${code}`,
        ': ',
        msg ?? (location !== null ? `redirect to ${location} not followed` : text || '(empty body)'),
        requestId && ` (request id ${requestId})`,
      ]
        .filter(Boolean)
        .join(''),
    );
    this.errorCode = code;
    this.errorMsg = msg ?? text;
    this.errorParam = Array.isArray(fields.error_param) ? fields.error_param : undefined;
    this.details = Array.isArray(fields.details) ? fields.details : undefined;
    this.encodedAuthorizationMessage = str(fields.encoded_authorization_message);
    this.requestId = requestId;
  }
}

/** The server answered 2xx with a body that breaks the contract; the operation was probably accepted. */
export class SmsResponseError extends SmsError {
  override name = 'SmsResponseError';
  constructor(
    readonly status: number,
    problem: string,
    readonly requestId: string | undefined,
  ) {
    super(`SMS API ${status}: ${problem}; the operation was probably accepted — check the task before repeating it`);
  }
}

/** An attempt took longer than `timeoutMs`. The server may have acted on it. */
export class SmsTimeoutError extends SmsError {
  override name = 'SmsTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms; the server may have acted on the request`);
  }
}

/** The caller's AbortSignal fired. */
export class SmsAbortError extends SmsError {
  override name = 'SmsAbortError';
  constructor(cause: unknown) {
    super('the request was aborted by the caller', { cause });
  }
}

/** The connection failed (refused, reset, DNS, TLS…); `cause` is the transport's error. */
export class SmsNetworkError extends SmsError {
  override name = 'SmsNetworkError';
  /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) when the runtime gives one. */
  readonly code: string | undefined;
  constructor(cause: unknown) {
    const code = errorCode(cause);
    super(`connection failed${code ? ` (${code})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.code = code;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A readable first line of a non-JSON body: the <title> of an HTML page, else its text without tags. */
function summarize(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Node's fetch wraps the socket error as `cause` (sometimes in an AggregateError): find its code. */
export function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = (e.cause ?? e.errors?.[0]) as typeof e;
  }
  return undefined;
}

/** Credentials could not be had: a token provider threw, or (AK/SK) a variable is missing. */
export class SmsAuthError extends SmsError {
  override name = 'SmsAuthError';
  constructor(message: string, cause?: unknown) {
    super(cause === undefined ? message : `${message}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
