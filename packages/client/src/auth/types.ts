/**
 * How a client authenticates its requests: `{ token }` builds one, `akskAuth()` (from
 * `@sms-task/client/aksk`) another; your own works too.
 */
export interface Authenticator {
  /**
   * Adds credentials to a request about to be sent — on every attempt, so retries are signed afresh.
   * On Node the request is the transport's light Request: `url`, `method`, `headers` (a real
   * `Headers`), `body`, `clone()`, `text()`, `arrayBuffer()` and `json()`.
   */
  apply(request: Request): void | Promise<void>;
  /** Credential values a server might echo back in its answer to `request`; they are scrubbed from errors. */
  secrets(request: Request): string[];
  /**
   * Called after `request` got a 401, or timed out while `apply` was still getting its
   * credentials: drop the credentials it carried or waited for if they are still cached, so the
   * next request gets fresh ones; true when another attempt may succeed (only read after a 401).
   */
  renew(request: Request): boolean;
}
