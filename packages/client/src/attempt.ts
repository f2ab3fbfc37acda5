// One try of a helper call (the action or a read): the request through openapi-fetch, raced against its timeout and the
// caller's signal, and every way it can fail turned into an SmsError that says whether the
// server may have acted.
import type { Client } from 'openapi-fetch';
import type { Authenticator } from './auth/types.js';
import { abortError, networkError, responseError, SmsError, SmsTimeoutError } from './errors.js';
import type { paths } from './generated/schema.js';
import type { RequestOptions, Transport } from './types.js';

/** One request of the spec: the action (a POST with its body) or a read (a GET with its query). */
export interface Call {
  method: 'get' | 'post';
  path: string;
  params: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
}

/**
 * The try's own openapi-fetch middleware: it applies the credentials and records how far the
 * try got, which decides how a failure is reported.
 */
class Attempt {
  /** Made by openapi-fetch; set when its credentials start being applied. */
  declare request?: Request;
  /** The credentials were applied: from here on the request may have been sent. */
  declare authorized?: true;
  /** The response head (status and headers); the body may still fail. */
  declare response?: Response;
  constructor(
    private readonly auth: Authenticator,
    private readonly tries: Tries,
  ) {}

  async onRequest({ request }: { request: Request }) {
    this.request = request;
    await this.auth.apply(request);
    this.authorized = true;
    this.tries.sent++;
    return request;
  }

  onResponse({ response }: { response: Response }) {
    this.response = response;
  }
}

/** What openapi-fetch resolves with, parsed as text. */
interface Sent {
  response: Response;
  data?: unknown;
  error?: unknown;
}

/** The tries of one call that were handed to the transport (its `attempts`). */
export interface Tries {
  sent: number;
}

/**
 * Makes the function that sends one try through `client`, which has no middleware of its own.
 * `transportNow` gives the Request, abort handle and fetch of an attempt (transport/choose.ts).
 */
export const attemptSender =
  (client: Client<paths>, auth: Authenticator, transportNow: () => Transport) =>
  async (call: Call, { signal, headers }: RequestOptions, timeoutMs: number, tries: Tries) => {
    if (signal?.aborted) throw abortError(signal.reason);
    const transport = transportNow();
    const controller = new transport.AbortController();
    // The abort also settles the attempt itself: an authenticator still waiting for credentials (a
    // token provider that hangs) never reaches fetch, which is where the signal is heard. Its
    // rejection carries nothing: the catch below tells a timeout from the caller's abort by the signals.
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
    const tried = new Attempt(auth, tries);
    try {
      const result = await Promise.race([
        // Typed per path by the callers (client.ts); here one path for every call of the spec.
        (client.request as (method: string, path: string, init: object) => Promise<Sent>)(call.method, call.path, {
          params: call.params,
          body: call.body,
          headers,
          middleware: [tried],
          signal: controller.signal as AbortSignal,
          // Parsed here, so that a non-JSON body becomes a typed error, not a SyntaxError.
          parseAs: 'text',
          Request: transport.Request as typeof Request,
          fetch: transport.fetch as typeof fetch,
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
  };
