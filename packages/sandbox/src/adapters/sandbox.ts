// createSandbox: the sandbox in process, for a consumer's tests: `sandbox.fetch` answers as the
// service would, with no port; `sandbox.task(id)` shows a task's state and history, `calls()` what
// was sent; `override()` changes an operation's answers for one test; `advance()` settles states or
// moves the sandbox's clock.
import type { TaskOperation } from '@sms-task/client';
import type { AkSkCredentials } from '@sms-task/client/aksk';
import { type ApiRules, loadApiRules } from '../protocol/api-rules.js';
import { credentialCheck } from '../protocol/auth.js';
import { CallLog, type SandboxCall } from '../protocol/calls.js';
import { createHandler } from '../protocol/handler.js';
import type { Answer, SandboxRequest } from '../protocol/messages.js';
import { type Override, OverrideList, type OverrideOptions } from '../protocol/overrides.js';
import { advanceMs, checkTimeScale, createClock } from '../state/clock.js';
import { type Fault, FaultList, faultProblem } from '../state/faults.js';
import { InputError } from '../state/input-error.js';
import { type CheckedSeed, checkSeed, checkSeedTask, type SeedTask } from '../state/seed.js';
import { type Settle, TaskStore, type TaskView } from '../state/tasks.js';
import type { TaskState } from '../state/transitions.js';
import { fromWebRequest, toWebResponse } from './web.js';

export interface SandboxOptions {
  /** The tasks it starts with (and returns to on reset): `{ id, state }` and the optional fields of `SeedTask`. */
  tasks?: SeedTask[];
  /** `strict` (default) enforces the state rules; `permissive` accepts every valid operation in any state. */
  mode?: 'strict' | 'permissive';
  /** Unknown task ids become READY tasks instead of a 404. */
  autoCreate?: boolean;
  /** When transitional states (ABORTING, SKIPPING…) end: ms, or 'manual' (advance()). Default 0. */
  settleMs?: Settle;
  /**
   * How fast the sandbox's clock runs against real time: 3600 makes a real second a sandbox hour; 0
   * stops it, so only `advance({ seconds })` moves it. Default 1.
   */
  timeScale?: number;
  /** Verify SDK-HMAC-SHA256 signatures made with this pair; without it any well-formed signature passes. */
  aksk?: AkSkCredentials;
  /** The base URL the in-process sandbox answers on. Default `http://sandbox.local`. */
  url?: string;
}

/** A task's fields for `setTask`: a state, or a seed task without its id. */
export type TaskSetting = TaskState | Omit<SeedTask, 'id'>;

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
  /**
   * Creates the task, or builds it again as a seed with these fields would be, now: a state, or
   * `{ state, progress, … }`. Fields it leaves out keep what the task was, but for `progress` and
   * a failure to come (`fail_at`, `fail_after_s`).
   */
  setTask(id: string, setting: TaskSetting): TaskView;
  /** The sandbox's clock: Unix ms. */
  now(): number;
  /**
   * With no argument, ends every transitional state now and returns how many tasks settled. With
   * `{ seconds }`, moves the clock that far and returns how many tasks it moved to another state.
   */
  advance(by?: { seconds: number }): number;
  /** Replaces the faults (none: `setFaults([])`). */
  setFaults(faults: Fault[]): void;
  /**
   * Answers `operation`'s calls with `override(call, next)`: `next()` is the sandbox's own answer
   * (it acts on the task). Newest first; `once` answers one call. Returns the function that removes it.
   */
  override<Op extends TaskOperation>(operation: Op, override: Override<Op>, options?: OverrideOptions): () => void;
  /** The API calls so far, oldest first (the last 10,000): task, operation, body, credential kind, status, error code. */
  calls(): SandboxCall[];
  /** Back to the seed (as of now on its clock), with no faults, no overrides and no calls. */
  reset(): void;
  /** Stops its timers. */
  close(): void;
}

/** Refuses a bad seed or option with the reason. */
export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
}

/** `work()`, with an InputError told as a SandboxConfigError. */
function configured<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InputError) throw new SandboxConfigError(error.message);
    throw error;
  }
}

// The rules of the bundled spec, compiled on first use and shared by every sandbox of the process:
// they hold no state, and compiling them is most of what making a sandbox costs.
let bundledRules: ApiRules | undefined;
const specRules = () => (bundledRules ??= loadApiRules());

export function createSandbox(options: SandboxOptions = {}, api: ApiRules = specRules()): Sandbox {
  return prepareSandbox(options, api)((options.url ?? 'http://sandbox.local').replace(/\/+$/, ''));
}

/**
 * Checks every option and the seed, and returns what makes the sandbox once its URL is known: the
 * server checks before it listens, so a bad seed never leaves a port open.
 */
export function prepareSandbox(
  options: Omit<SandboxOptions, 'url'> = {},
  api: ApiRules = specRules(),
): (url: string) => Sandbox {
  const checkId = (id: string) => api.checkTaskId(id)?.message;
  const seed = configured(() => checkSeed(options.tasks ?? [], checkId));
  const mode = options.mode ?? 'strict';
  if (mode !== 'strict' && mode !== 'permissive') throw new SandboxConfigError('mode must be strict or permissive');
  const settle = options.settleMs ?? 0;
  if (settle !== 'manual' && !(Number.isInteger(settle) && settle >= 0)) {
    throw new SandboxConfigError("settleMs must be a whole number of ms ≥ 0, or 'manual'");
  }
  const timeScale = configured(() => checkTimeScale(options.timeScale ?? 1));
  const checkCredentials = credentialCheck(api, options.aksk);
  return (url) =>
    build({ api, url, seed, mode, settle, timeScale, checkCredentials, autoCreate: !!options.autoCreate });
}

interface Checked {
  api: ApiRules;
  url: string;
  seed: CheckedSeed[];
  mode: 'strict' | 'permissive';
  settle: Settle;
  timeScale: number;
  checkCredentials: ReturnType<typeof credentialCheck>;
  autoCreate: boolean;
}

function build({ api, url, seed, mode, settle, timeScale, checkCredentials, autoCreate }: Checked): Sandbox {
  const clock = createClock(timeScale);
  const store = new TaskStore(seed, settle, clock);
  const faults = new FaultList();
  const overrides = new OverrideList();
  const calls = new CallLog();
  const reset = () => {
    store.reset();
    faults.clear();
    overrides.clear();
    calls.clear();
  };
  /** A setting checked for task `id`: what it leaves out, the task keeps. */
  const checkTask = (fields: unknown, id: string) =>
    checkSeedTask(fields, `task "${id}"`, (given) => api.checkTaskId(given)?.message, store.config(id));
  const handle = createHandler({
    api,
    clock,
    store,
    faults,
    checkTask,
    checkCredentials,
    permissive: mode === 'permissive',
    autoCreate,
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
    setTask(id, setting) {
      const fields = typeof setting === 'string' ? { state: setting } : setting;
      if (fields && typeof fields === 'object' && 'id' in fields) {
        throw new SandboxConfigError("setTask's fields have no id: the task's id is the first argument");
      }
      return store.set(configured(() => checkTask({ id, ...fields }, id)));
    },
    now: () => clock.now(),
    advance: (by) => (by === undefined ? store.advance() : store.advanceClock(configured(() => advanceMs(by)))),
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
