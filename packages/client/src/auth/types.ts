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
  /** Credential values a server might echo back; they are scrubbed from errors. */
  secrets(): string[];
  /** Called after a 401: drop cached credentials; true when another attempt may succeed. */
  renew(): boolean;
}
