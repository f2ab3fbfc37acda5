// Per-test overrides of the API's answers. An override of one operation gets the call and `next`,
// the sandbox's own stateful answer, and returns what to answer instead: that answer patched, one
// of its own, or null to drop the connection. The newest override of an operation runs first; its
// `next` runs the one before it, and the oldest one's `next` runs the sandbox.
import type { TaskOperation } from '@sms-task/client';
import type { CredentialKind } from './calls.js';
import { type Answer, requestId } from './messages.js';

export interface ApiCall<Op extends TaskOperation = TaskOperation> {
  /** The task id from the path, decoded. */
  taskId: string;
  operation: Op;
  /** The body as sent: not yet checked against the spec. */
  body: { operation: Op; [field: string]: unknown };
  credential: CredentialKind;
  /** A request header's value, by lower-case name; null when absent. */
  header(name: string): string | null;
}

/** An answer as an override sees it, with the body parsed from JSON. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * What an override answers. `body` is sent as JSON, except a string with a `content-type` header
 * that is not JSON, which is sent as it is. Headers it leaves out are not added, but for
 * `content-type` (JSON), `x-request-id` and `date` (the sandbox's clock).
 */
export interface OverrideReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** `next()` gives the sandbox's own answer (null: it drops the connection); calling it acts on the task. */
export type Override<Op extends TaskOperation = TaskOperation> = (
  call: ApiCall<Op>,
  next: () => Promise<Reply | null>,
) => OverrideReply | null | Promise<OverrideReply | null>;

export interface OverrideOptions {
  /** Answer one call, then go. */
  once?: boolean;
}

interface Entry {
  operation: string;
  override: Override<any>;
  once: boolean;
}

const isJson = (type: string | undefined) => type !== undefined && /^application\/json\s*(;|$)/i.test(type);

function toReply(answer: Answer): Reply | null {
  if (!answer) return null;
  const { status, headers, body } = answer;
  return {
    status,
    headers: { ...headers },
    body: body === '' ? undefined : isJson(headers['content-type']) ? JSON.parse(body) : body,
  };
}

function toAnswer(operation: string, reply: OverrideReply | null | undefined): Answer {
  if (reply === null) return null;
  const status = reply?.status;
  if (!reply || typeof reply !== 'object' || !Number.isInteger(status) || status! < 200 || status! > 599) {
    throw new TypeError(`the override of "${operation}" must return { status (200–599), headers?, body? } or null`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = String(value);
  headers['x-request-id'] ??= requestId();
  if (reply.body === undefined) return { status: status!, headers, body: '' };
  if (typeof reply.body === 'string' && headers['content-type'] && !isJson(headers['content-type'])) {
    return { status: status!, headers, body: reply.body };
  }
  headers['content-type'] ??= 'application/json';
  return { status: status!, headers, body: JSON.stringify(reply.body) };
}

export class OverrideList {
  #entries: Entry[] = [];

  /** Adds an override; returns the function that removes it. */
  add(operation: string, override: Override<any>, once: boolean): () => void {
    const entry = { operation, override, once };
    this.#entries.push(entry);
    return () => this.#remove(entry);
  }

  clear = () => {
    this.#entries = [];
  };

  /** The answer to `call`: through its operation's overrides, newest first, down to `sandbox()`. */
  async answer(call: ApiCall | undefined, sandbox: () => Promise<Answer>): Promise<Answer> {
    const chain = call ? this.#entries.filter((entry) => entry.operation === call.operation).reverse() : [];
    const step = async (index: number): Promise<Answer> => {
      const entry = chain[index];
      if (!entry) return sandbox();
      // Removed meanwhile, or a `once` that a concurrent call has taken.
      if (!this.#entries.includes(entry)) return step(index + 1);
      if (entry.once) this.#remove(entry);
      let below: Promise<Answer> | undefined;
      // Called twice, next() still acts on the task once.
      const next = async () => toReply(await (below ??= step(index + 1)));
      return toAnswer(call!.operation, await entry.override(call!, next));
    };
    return step(0);
  }

  #remove(entry: Entry) {
    this.#entries = this.#entries.filter((other) => other !== entry);
  }
}
