// The client's public types. The request and response shapes come from the spec's generated schema.
import type { Client } from 'openapi-fetch';
import type { TokenSource } from './auth/token.js';
import type { Authenticator } from './auth/types.js';
import type { components, paths } from './generated/schema.js';
import type { RegionId } from './regions.js';
import type { RetryOptions } from './retry.js';

export type TaskActionRequest = components['schemas']['TaskActionRequest'];
export type TaskOperation = TaskActionRequest['operation'];
export type TaskActionResponse = components['schemas']['TaskActionResponse'];
export type ErrorResponse = components['schemas']['ErrorResponse'];
/** A task as `tasks.read` returns it (the spec's `Task`, the SDKs' `ShowTaskResponse`). */
export type Task = components['schemas']['Task'];
/** A task as a page of `tasks.list` holds it. */
export type TaskListItem = components['schemas']['TaskListItem'];
export type TaskList = components['schemas']['TaskList'];
export type SubTask = components['schemas']['SubTask'];
/** The states the spec lists, and any other string: the list is open, as in the official SDKs. */
export type TaskState = typeof import('./generated/spec-facts.js').TASK_STATES[number] | (string & {});
/** The list read's query (`GET /v3/tasks`); the client checks it against the spec before sending. */
export type ListTasksQuery = NonNullable<paths['/v3/tasks']['get']['parameters']['query']>;

export interface SmsClientOptions {
  /** A region id from `REGIONS`; ignored when `endpoint` is given. */
  region?: RegionId | (string & {});
  /** A base URL, e.g. `http://127.0.0.1:4010` for the local mock. Wins over `region`. */
  endpoint?: string;
  /**
   * `{ token }` (X-Auth-Token: a string, or a function that returns one), or
   * `akskAuth({ ak, sk, domainId })` / `akskAuth('env')` from `@sms-task/client/aksk`
   * (SDK-HMAC-SHA256 request signing).
   */
  auth: { token: TokenSource } | Authenticator;
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

/** A 2xx answer of a read: its parsed body, status, request id and tries. */
export interface ReadResult<T> {
  data: T;
  status: number;
  requestId: string | undefined;
  attempts: number;
  /** The answer's `Date` header in ms: the service's clock at the read (for `judgeLostCall`). */
  date: number | undefined;
}
export type TaskReadResult = ReadResult<Task>;
export type TaskListResult = ReadResult<TaskList>;

export interface TaskActionResult {
  /** The response body: `{}` on success. */
  data: TaskActionResponse;
  status: number;
  /** The `X-Request-Id` response header. */
  requestId: string | undefined;
  /** Tries made for the call (see `SmsError.attempts`): 1 when the first try succeeded. */
  attempts: number;
}

/**
 * What a call would send (`tasks.preview`), without the credentials: no `X-Auth-Token`, and none
 * of the AK/SK signature headers (`Authorization`, `X-Sdk-Date`, `X-Domain-Id`, `X-Security-Token`).
 */
export interface RequestPreview {
  method: 'POST';
  /** The URL the call would go to, built by the same code as a real call's (base URL, encoded task id). */
  url: string;
  /**
   * The headers the client sets: `Content-Type` and your `headers` (the client's and the call's),
   * names in lower case. Left out: credentials, also if given in `headers` (`Authorization`,
   * `Proxy-Authorization`, `X-Auth-Token`, `X-Security-Token`, `Cookie`), and what the transport
   * adds itself (`Host`, `Content-Length`, `Accept-Encoding`, `User-Agent`…).
   */
  headers: Record<string, string>;
  /** The JSON body, exactly as it would be sent. */
  body: string;
}

/** One task's call of a prepared body (`tasks.prepare(body)(taskId)`): its id and body are checked already. */
export interface PreparedCall {
  /** Sends it; only `options` are checked (an `SmsValidationError` with `attempts: 0` when bad). */
  send(options?: RequestOptions): Promise<TaskActionResult>;
  /** What `send` would send, as `tasks.preview` says it. */
  preview(options?: RequestOptions): RequestPreview;
}

/** A body checked once, for many tasks: each task's call, its id checked (throws `SmsValidationError`). */
export type PreparedAction = (taskId: string) => PreparedCall;

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
/** The request variant (of the spec's oneOf) whose `operation` enum contains `Op`. */
type VariantOf<V, Op> = V extends { operation: infer O } ? (Op extends O ? V : never) : never;
/** The body fields an operation takes besides `operation` itself. */
export type OperationFields<Op extends TaskOperation> = Omit<VariantOf<TaskActionRequest, Op>, 'operation'>;
type Helper<Op extends TaskOperation> =
  {} extends OperationFields<Op>
    ? (taskId: string, fields?: OperationFields<Op>, options?: RequestOptions) => Promise<TaskActionResult>
    : (taskId: string, fields: OperationFields<Op>, options?: RequestOptions) => Promise<TaskActionResult>;

/** One helper per operation of the spec (`start`, `cloneTest`, …) plus `action` for any body. */
export type TaskActions = { readonly [Op in TaskOperation as CamelCase<Op>]: Helper<Op> } & {
  action(taskId: string, body: TaskActionRequest, options?: RequestOptions): Promise<TaskActionResult>;
  /**
   * Checks a call exactly as `action` does (the same `SmsValidationError`, thrown here, with
   * `attempts: 0`) and returns what it would send, without sending anything or asking for
   * credentials: no token provider or signer is called, and no credential is in the result.
   */
  preview(taskId: string, body: TaskActionRequest, options?: RequestOptions): RequestPreview;
  /**
   * One body for many tasks (a wave), each thing checked once: the body here (throws its
   * `SmsValidationError`, `attempts: 0`), each task's id when its call is made, and a send checks
   * only its options. `action(id, body)` is `prepare(body)(id).send()`.
   */
  prepare(body: TaskActionRequest): PreparedAction;
  /**
   * Reads one task (`GET /v3/tasks/{task_id}`). A read acts on nothing, so it is repeated after a
   * timeout, a network error or a 5xx as well as a 429/503 (within the retry policy).
   */
  read(taskId: string, options?: RequestOptions): Promise<TaskReadResult>;
  /** One page of the account's tasks (`GET /v3/tasks`); the query is checked against the spec first. */
  list(query?: ListTasksQuery, options?: RequestOptions): Promise<TaskListResult>;
  /**
   * Every page of `list(query)`, from its `offset`, one call a page of `limit` tasks (the spec's
   * largest page unless given), until the page that reaches `count`.
   */
  pages(query?: ListTasksQuery, options?: RequestOptions): AsyncGenerator<TaskListResult>;
};

export interface SmsClient {
  readonly tasks: TaskActions;
  /** The underlying openapi-fetch client (with this client's auth and base URL). */
  readonly raw: Client<paths>;
}

/** How calls leave the client when the caller gives no `fetch`: the Node entry passes its own. */
export interface Transport {
  fetch: (
    request: any,
  ) => Promise<Response | { ok: boolean; status: number; headers: Headers; text(): Promise<string> }>;
  Request: new (url: string, init: any) => unknown;
  /** A lighter per-attempt abort handle that the transport's Request and fetch understand. */
  AbortController: new () => { abort(): void; readonly signal: { readonly aborted: boolean } };
}
