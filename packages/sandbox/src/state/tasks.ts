// The tasks the sandbox holds: each one's state, the state it is settling to, and the history of
// everything that happened to it. Every change happens synchronously, so concurrent calls on one
// task see one change at a time.
import { decide, type TaskState, type TransitionalState } from './transitions.js';

export interface HistoryEntry {
  /** ISO time of the event. */
  at: string;
  /** `call` (an API call), `settled` (a transitional state ended), `set` (the control API). */
  event: 'call' | 'settled' | 'set';
  operation?: string;
  /** The HTTP status the call was answered with. */
  status?: number;
  error_code?: string;
  from?: TaskState;
  to: TaskState;
}

export interface TaskView {
  id: string;
  state: TaskState;
  history: HistoryEntry[];
}

export interface SeedTask {
  id: string;
  state: TaskState;
}

/** A task keeps its last this many events, so a long rehearsal's memory stays flat. */
export const HISTORY_LIMIT = 1000;

/** When transitional states end: at once, after `ms`, or only on `advance()`. */
export type Settle = number | 'manual';

interface Task {
  id: string;
  state: TaskState;
  /** Where a transitional state goes when it settles. */
  settlesTo?: TaskState;
  timer?: ReturnType<typeof setTimeout>;
  history: HistoryEntry[];
}

export type CallResult = { accepted: true; from: TaskState; to: TaskState } | { accepted: false; refusal: string };

export class TaskStore {
  readonly #tasks = new Map<string, Task>();

  constructor(
    private seed: readonly SeedTask[],
    private readonly settle: Settle,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reset();
  }

  /** Back to the seed: every task as it was given, with no history, nothing settling. */
  reset(): void {
    for (const task of this.#tasks.values()) clearTimeout(task.timer);
    this.#tasks.clear();
    for (const { id, state } of this.seed) this.#tasks.set(id, { id, state, history: [] });
  }

  has = (id: string) => this.#tasks.has(id);

  get(id: string): TaskView | undefined {
    const task = this.#tasks.get(id);
    return task && { id: task.id, state: task.state, history: task.history.map((entry) => ({ ...entry })) };
  }

  list(): { id: string; state: TaskState }[] {
    return [...this.#tasks.values()].map(({ id, state }) => ({ id, state }));
  }

  /** Creates the task, or moves it to `state` (dropping any settling in progress). */
  set(id: string, state: TaskState): TaskView {
    let task = this.#tasks.get(id);
    if (!task) this.#tasks.set(id, (task = { id, state, history: [] }));
    clearTimeout(task.timer);
    const from = task.state;
    Object.assign(task, { state, settlesTo: undefined, timer: undefined });
    this.#push(task, { at: this.#at(), event: 'set', from, to: state });
    return this.get(id)!;
  }

  delete = (id: string) => {
    clearTimeout(this.#tasks.get(id)?.timer);
    return this.#tasks.delete(id);
  };

  /**
   * Applies `operation` to the task: the table's move, or its refusal. `permissive` accepts every
   * operation, and moves the task only where the table would.
   */
  call(id: string, operation: string, permissive: boolean): CallResult {
    const task = this.#tasks.get(id)!;
    const decision = decide(task.state, operation);
    const from = task.state;
    if (!decision.accepted) return permissive ? { accepted: true, from, to: from } : decision;
    if (decision.via) this.#startSettling(task, decision.via, decision.to);
    else task.state = decision.to;
    return { accepted: true, from, to: task.state };
  }

  /** Records the answer a call got. */
  record(id: string, entry: Omit<HistoryEntry, 'at' | 'event' | 'to'>): void {
    const task = this.#tasks.get(id);
    if (task) this.#push(task, { at: this.#at(), event: 'call', ...entry, to: task.state });
  }

  /** Ends every transitional state now; returns how many tasks settled. */
  advance(): number {
    let settled = 0;
    for (const task of this.#tasks.values()) if (this.#settle(task)) settled++;
    return settled;
  }

  close(): void {
    for (const task of this.#tasks.values()) clearTimeout(task.timer);
  }

  #startSettling(task: Task, via: TransitionalState, to: TaskState) {
    task.state = via;
    task.settlesTo = to;
    if (this.settle === 'manual') return;
    if (this.settle <= 0) {
      // Recorded after the call that caused it, so the history reads in order.
      queueMicrotask(() => this.#settle(task));
      return;
    }
    task.timer = setTimeout(() => this.#settle(task), this.settle);
    task.timer.unref?.();
  }

  #settle(task: Task): boolean {
    if (!task.settlesTo || this.#tasks.get(task.id) !== task) return false;
    const from = task.state;
    task.state = task.settlesTo;
    clearTimeout(task.timer);
    Object.assign(task, { settlesTo: undefined, timer: undefined });
    this.#push(task, { at: this.#at(), event: 'settled', from, to: task.state });
    return true;
  }

  #at = () => this.now().toISOString();

  #push(task: Task, entry: HistoryEntry) {
    if (task.history.push(entry) > HISTORY_LIMIT) task.history.shift();
  }
}
