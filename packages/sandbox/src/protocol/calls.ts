// What the API was sent and what it answered, for a consumer's assertions: the method, the task, the
// operation, the body, the kind of credential (never its value), the status and the error code.

/** How a call proved who sent it: `X-Auth-Token`, an SDK-HMAC-SHA256 signature, or neither. */
export type CredentialKind = 'token' | 'aksk' | 'none';

export interface SandboxCall {
  /** `POST` for a task action, `GET` for a read: a task's (`GET /v3/tasks/{task_id}`) or the list (`GET /v3/tasks`). */
  method: string;
  /** The task id from the path, decoded; absent for the list read. */
  taskId?: string;
  /** The list read's query as sent, name → value. */
  query?: Record<string, string>;
  /** The body's `operation`, when it has one. */
  operation?: string;
  /** The body as JSON; its text when it is not JSON; undefined when it was too large to read. */
  body: unknown;
  credential: CredentialKind;
  /** The status it was answered with; 0 when the connection was dropped. */
  status: number;
  /** The answer's `error_code`, when it has one. */
  errorCode?: string;
}

/** The log keeps the last this many calls, so a long rehearsal's memory stays flat. */
export const CALLS_LIMIT = 10_000;

export class CallLog {
  #calls: SandboxCall[] = [];

  record(call: SandboxCall): void {
    if (this.#calls.push(call) > CALLS_LIMIT) this.#calls.shift();
  }

  /** Copies: a test that changes what it got does not change the log. */
  list = (): SandboxCall[] => this.#calls.map((call) => structuredClone(call));

  clear = () => {
    this.#calls = [];
  };
}
