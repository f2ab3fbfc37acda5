// createSandbox: the sandbox in process, for a consumer's tests: `sandbox.fetch` answers as the
// service would, with no port; `sandbox.task(id)` shows a task's state and history, `calls()` what
// was sent; `override()` changes an operation's answers for one test.
import type { TaskOperation } from '@sms-task/client';
import type { AkSkCredentials } from '@sms-task/client/aksk';
import { type ApiRules, loadApiRules } from '../protocol/api-rules.js';
import { credentialCheck } from '../protocol/auth.js';
import { CallLog, type SandboxCall } from '../protocol/calls.js';
import { createHandler } from '../protocol/handler.js';
import type { Answer, SandboxRequest } from '../protocol/messages.js';
import { type Override, OverrideList, type OverrideOptions } from '../protocol/overrides.js';
import { type Fault, FaultList, faultProblem } from '../state/faults.js';
import { type SeedTask, type Settle, TaskStore, type TaskView } from '../state/tasks.js';
import { isState, STATES, type TaskState } from '../state/transitions.js';
import { fromWebRequest, toWebResponse } from './web.js';

export interface SandboxOptions {
  /** The tasks it starts with (and returns to on reset). */
  tasks?: SeedTask[];
  /** `strict` (default) enforces the state rules; `permissive` accepts every valid operation in any state. */
  mode?: 'strict' | 'permissive';
  /** Unknown task ids become READY tasks instead of a 404. */
  autoCreate?: boolean;
  /** When transitional states (ABORTING, SKIPPING, DELETING, RESETING) end: ms, or 'manual' (advance()). Default 0. */
  settleMs?: Settle;
  /** Verify SDK-HMAC-SHA256 signatures made with this pair; without it any well-formed signature passes. */
  aksk?: AkSkCredentials;
  /** The base URL the in-process sandbox answers on. Default `http://sandbox.local`. */
  url?: string;
}

export interface Sandbox {
  /** The base URL for `createSmsClient({ endpoint })`. */
  readonly url: string;
  /** The largest request body it reads (the spec's `x-sms-max-body-bytes`). */
  readonly maxBodyBytes: number;
  /** A `fetch` that answers as the service would; a dropped connection rejects as a network error. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** One request in, the answer out (`null`: the connection is dropped). What the server runs. */
  handle(request: SandboxRequest): Promise<Answer>;
  /** A task's state and history, or undefined. */
  task(id: string): TaskView | undefined;
  tasks(): { id: string; state: TaskState }[];
  /** Creates the task, or sets its state. */
  setTask(id: string, state: TaskState): TaskView;
  /** Ends every transitional state now; returns how many tasks settled. */
  advance(): number;
  /** Replaces the faults (none: `setFaults([])`). */
  setFaults(faults: Fault[]): void;
  /**
   * Answers `operation`'s calls with `override(call, next)`: `next()` is the sandbox's own answer
   * (it acts on the task). Newest first; `once` answers one call. Returns the function that removes it.
   */
  override<Op extends TaskOperation>(operation: Op, override: Override<Op>, options?: OverrideOptions): () => void;
  /** The API calls so far, oldest first (the last 10,000): task, operation, body, credential kind, status, error code. */
  calls(): SandboxCall[];
  /** Back to the seed, with no faults, no overrides and no calls. */
  reset(): void;
  /** Stops its timers. */
  close(): void;
}

/** Refuses a bad seed or option with the reason. */
export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
}

export function createSandbox(options: SandboxOptions = {}, api: ApiRules = loadApiRules()): Sandbox {
  const seed = checkSeed(options.tasks ?? [], api);
  const mode = options.mode ?? 'strict';
  if (mode !== 'strict' && mode !== 'permissive') throw new SandboxConfigError('mode must be strict or permissive');
  const settle = options.settleMs ?? 0;
  if (settle !== 'manual' && !(Number.isInteger(settle) && settle >= 0)) {
    throw new SandboxConfigError("settleMs must be a whole number of ms ≥ 0, or 'manual'");
  }
  const url = (options.url ?? 'http://sandbox.local').replace(/\/+$/, '');
  const store = new TaskStore(seed, settle);
  const faults = new FaultList();
  const overrides = new OverrideList();
  const calls = new CallLog();
  const reset = () => {
    store.reset();
    faults.clear();
    overrides.clear();
    calls.clear();
  };
  const handle = createHandler({
    api,
    store,
    faults,
    checkCredentials: credentialCheck(api, options.aksk),
    permissive: mode === 'permissive',
    autoCreate: options.autoCreate ?? false,
    overrides,
    calls,
    reset,
  });

  return {
    url,
    maxBodyBytes: api.maxBodyBytes,
    handle,
    async fetch(input, init) {
      const answer = await handle(await fromWebRequest(new Request(input, init), api.maxBodyBytes));
      if (answer) return toWebResponse(answer);
      // What fetch reports when the server closes the connection without an answer.
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }),
      });
    },
    task: (id) => store.get(id),
    tasks: () => store.list(),
    setTask(id, state) {
      if (!isState(state)) throw new SandboxConfigError(`unknown state "${state}": use ${STATES.join(', ')}`);
      return store.set(id, state);
    },
    advance: () => store.advance(),
    setFaults(list) {
      list.forEach((fault, index) => {
        const problem = faultProblem(fault);
        if (problem) throw new SandboxConfigError(`fault ${index}: ${problem}`);
      });
      faults.replace(list);
    },
    override(operation, override, { once = false } = {}) {
      if (!api.operations.includes(operation)) {
        throw new SandboxConfigError(`unknown operation "${operation}": use ${api.operations.join(', ')}`);
      }
      if (typeof override !== 'function') throw new SandboxConfigError('an override must be a function');
      return overrides.add(operation, override, once);
    },
    calls: calls.list,
    reset,
    close: () => store.close(),
  };
}

/** The seed's tasks, or the reason (with the task's position) that one cannot be used. */
function checkSeed(tasks: unknown, api: ApiRules): SeedTask[] {
  if (!Array.isArray(tasks)) throw new SandboxConfigError('tasks must be an array of { id, state }');
  const seen = new Set<string>();
  return tasks.map((task, index) => {
    const where = `tasks[${index}]`;
    if (!task || typeof task !== 'object') throw new SandboxConfigError(`${where} must be { "id": "…", "state": "…" }`);
    const { id, state, ...rest } = task as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra) throw new SandboxConfigError(`${where} has an unknown field "${extra}": use id and state`);
    if (typeof id !== 'string') throw new SandboxConfigError(`${where}: id must be a string`);
    const idProblem = api.checkTaskId(id);
    if (idProblem) throw new SandboxConfigError(`${where}: the id breaks the spec: ${idProblem.message}`);
    if (seen.has(id)) throw new SandboxConfigError(`${where}: the id "${id}" is given twice`);
    seen.add(id);
    if (!isState(state)) {
      throw new SandboxConfigError(`${where}: unknown state ${JSON.stringify(state)}: use ${STATES.join(', ')}`);
    }
    return { id, state };
  });
}
