// Checks of the caller's options: every bad value is an SmsValidationError before anything is sent.
import { tokenAuth } from './auth/token.js';
import type { Authenticator } from './auth/types.js';
import { checkOption, validationError } from './errors.js';
import type { RequestOptions, SmsClientOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export function checkClientOptions(options: SmsClientOptions): void {
  checkOption(options && typeof options === 'object', 'options', 'must be an object: { region or endpoint, auth }');
  checkOption(options.fetch === undefined || typeof options.fetch === 'function', 'fetch', 'must be a function');
}

export function resolveAuth(auth: SmsClientOptions['auth'] | undefined): Authenticator {
  if (auth && typeof auth === 'object') {
    if ('token' in auth) return tokenAuth(auth.token);
    if (typeof auth.apply === 'function') return auth;
  }
  throw validationError('auth', 'option', "must be { token } or akskAuth(…) from '@sms-task/client/aksk'");
}

/** Checks one call's options and returns its timeout. */
export function checkRequestOptions(opts: RequestOptions, clientTimeout: number): number {
  checkOption(opts && typeof opts === 'object', 'options', 'must be an object');
  // Anything else would fail inside the call as a TypeError, after the checks that promise a typed error.
  checkOption(
    opts.signal == null || typeof opts.signal.addEventListener === 'function',
    'signal',
    'must be an AbortSignal',
  );
  checkHeaders(opts.headers);
  return checkTimeout(opts.timeoutMs ?? clientTimeout);
}

/** Headers a fetch would refuse (bad names or values) are input errors, not network errors. */
export function checkHeaders<T>(headers: T): T {
  if (headers === undefined) return headers;
  try {
    new Headers(headers as HeadersInit | undefined);
  } catch {
    throw validationError('headers', 'option', 'must be valid HTTP headers');
  }
  return headers;
}

export function checkTimeout(ms: number): number {
  checkOption(ms > 0, 'timeoutMs', 'must be a positive number of ms (Infinity for none)');
  return ms;
}
