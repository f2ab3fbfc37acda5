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

export interface TaskActionResult {
  /** The response body: `{}` on success. */
  data: TaskActionResponse;
  status: number;
  /** The `X-Request-Id` response header. */
  requestId: string | undefined;
}

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
