// The tasks the sandbox holds: each one's state, the state it is settling to, its migration and the
// history of everything that happened to it. Every change happens synchronously, so concurrent
// calls on one task see one change at a time. What the clock does to a running task (its full
// replication ends, or fails) is worked out when the task is next looked at, dated when it happened.
import type { Clock } from './clock.js';
import {
  type Migration,
  type MigrationConfig,
  migrationAt,
  nextEvent,
  pause,
  listItem as pageItem,
  rewind,
  run,
  taskRead,
} from './migration.js';
import { type CheckedSeed, checkSeedTask } from './seed.js';
import { decide, type TaskState, type TransitionalState } from './transitions.js';

export interface HistoryEntry {
  /** ISO time of the event, on the sandbox's clock. */
  at: string;
  /**
   * `call` (an API call), `settled` (a transitional state ended), `set` (the control API), `clock`
   * (the migration ended or failed as the clock ran).
   */
  event: 'call' | 'settled' | 'set' | 'clock';
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

/** A task as the list read's filters see it. */
export interface ListedTask {
  id: string;
  state: TaskState;
  config: MigrationConfig;
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
  migration: Migration;
  /** Dated in clock ms; a view writes the ISO time. */
  history: Stored[];
}

type Stored = Omit<HistoryEntry, 'at'> & { at: number };

export type CallResult = { accepted: true; from: TaskState; to: TaskState } | { accepted: false; refusal: string };

export class TaskStore {
  readonly #tasks = new Map<string, Task>();

  constructor(
    private readonly seed: readonly CheckedSeed[],
    private readonly settle: Settle,
    private readonly clock: Clock,
  ) {
    this.reset();
  }

  /** Back to the seed, as of now on the clock: every task as it was given, with no history, nothing settling. */
  reset(): void {
    for (const task of this.#tasks.values()) clearTimeout(task.timer);
    this.#tasks.clear();
    const now = this.clock.now();
    for (const { id, state, config, progress } of this.seed) {
      this.#tasks.set(id, { id, state, migration: migrationAt(config, state, progress, now), history: [] });
    }
  }

  has = (id: string) => this.#tasks.has(id);

  /** What the task was built from, for setting it again. */
  config = (id: string) => this.#tasks.get(id)?.migration.config;

  get(id: string): TaskView | undefined {
    const task = this.#current(id);
    const history = task?.history.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() }));
    return task && { id: task.id, state: task.state, history: history! };
  }

  /** The task as `GET /v3/tasks/{task_id}` answers it. */
  read(id: string): Record<string, unknown> | undefined {
    const task = this.#current(id);
    return task && taskRead(task.id, task.state, task.migration, this.clock.now());
  }

  list(): { id: string; state: TaskState }[] {
    return this.#all().map(({ id, state }) => ({ id, state }));
  }

  /** The tasks that `match`, in the order they were created: how many, and the page's as the list read shows them. */
  page(match: (task: ListedTask) => boolean, offset: number, limit: number) {
    const now = this.clock.now();
    const matching = this.#all().filter((task) =>
      match({ id: task.id, state: task.state, config: task.migration.config }),
    );
    const tasks = matching.slice(offset, offset + limit).map((task) => {
      return pageItem(taskRead(task.id, task.state, task.migration, now), task.migration);
    });
    return { count: matching.length, tasks };
  }

  /** Creates the task, or rebuilds it as `seed` describes it now (dropping any settling in progress). */
  set(seed: CheckedSeed): TaskView {
    const now = this.clock.now();
    const { id, state, config, progress } = seed;
    let task = this.#current(id);
    const migration = migrationAt(config, state, progress, now);
    if (!task) this.#tasks.set(id, (task = { id, state, migration, history: [] }));
    clearTimeout(task.timer);
    const from = task.state;
    migration.createdAt = Math.min(migration.createdAt, task.migration.createdAt);
    Object.assign(task, { state, migration, settlesTo: undefined, timer: undefined });
    this.#push(task, { at: now, event: 'set', from, to: state });
    return this.get(id)!;
  }

  /** A new READY task with every default (an unknown id, with `autoCreate`). */
  create = (id: string) => this.set(checkSeedTask({ id, state: 'READY' }, id, () => undefined));

  delete = (id: string) => {
    clearTimeout(this.#tasks.get(id)?.timer);
    return this.#tasks.delete(id);
  };

  /**
   * Applies `operation` to the task: the table's move, or its refusal. `permissive` accepts every
   * operation, and moves the task only where the table would.
   */
  call(id: string, operation: string, permissive: boolean): CallResult {
    const task = this.#current(id)!;
    const decision = decide(task.state, operation);
    const from = task.state;
    if (!decision.accepted) return permissive ? { accepted: true, from, to: from } : decision;
    const now = this.clock.now();
    const { migration } = task;
    if (operation === 'start' || operation === 'restart') {
      // A restart, or a start of a task not begun, runs from the beginning; a start resumes the others.
      if (operation === 'restart' || from === 'READY') rewind(migration);
      Object.assign(migration, { startedAt: now, finishedAt: undefined, failed: false });
    }
    if (operation === 'clone_test') migration.cloneAt = now;
    if (operation === 'network_check') migration.networkCheckAt = now;
    if (decision.via) this.#startSettling(task, decision.via, decision.to, now);
    else this.#move(task, decision.to, now);
    return { accepted: true, from, to: task.state };
  }

  /** Records the answer a call got. */
  record(id: string, entry: Omit<HistoryEntry, 'at' | 'event' | 'to'>): void {
    const task = this.#tasks.get(id);
    if (task) this.#push(task, { at: this.clock.now(), event: 'call', ...entry, to: task.state });
  }

  /** Ends every transitional state now; returns how many tasks settled. */
  advance(): number {
    let settled = 0;
    for (const task of this.#tasks.values()) if (this.#settle(task)) settled++;
    return settled;
  }

  /** Moves the clock `ms` forward; returns how many tasks it moved to another state. */
  advanceClock(ms: number): number {
    this.clock.advance(ms);
    let moved = 0;
    for (const task of this.#tasks.values()) if (this.#catchUp(task)) moved++;
    return moved;
  }

  close(): void {
    for (const task of this.#tasks.values()) clearTimeout(task.timer);
  }

  /** The task, caught up with the clock. */
  #current(id: string): Task | undefined {
    const task = this.#tasks.get(id);
    if (task) this.#catchUp(task);
    return task;
  }

  #all(): Task[] {
    const tasks = [...this.#tasks.values()];
    for (const task of tasks) this.#catchUp(task);
    return tasks;
  }

  /** Whatever the clock did to a running task since it was last looked at; whether its state changed. */
  #catchUp(task: Task): boolean {
    if (task.state !== 'RUNNING') return false;
    const event = nextEvent(task.migration);
    if (!event || event.at > this.clock.now()) return false;
    const { migration } = task;
    const to = event.fails ? 'MIGRATE_FAIL' : migration.config.continuousSync ? 'SYNCING' : 'MIGRATE_SUCCESS';
    this.#move(task, to, event.at);
    if (to !== 'SYNCING') migration.finishedAt = event.at;
    if (event.fails) migration.failed = migration.failureSpent = true;
    this.#push(task, { at: event.at, event: 'clock', from: 'RUNNING', to });
    return true;
  }

  /** Changes the state, starting or stopping the migration's work as the task enters or leaves RUNNING. */
  #move(task: Task, to: TaskState, at: number) {
    if (task.state === 'RUNNING' && to !== 'RUNNING') pause(task.migration, at);
    if (task.state !== 'RUNNING' && to === 'RUNNING') run(task.migration, at);
    task.state = to;
  }

  #startSettling(task: Task, via: TransitionalState, to: TaskState, now: number) {
    this.#move(task, via, now);
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
    const now = this.clock.now();
    this.#move(task, task.settlesTo, now);
    clearTimeout(task.timer);
    Object.assign(task, { settlesTo: undefined, timer: undefined });
    this.#push(task, { at: now, event: 'settled', from, to: task.state });
    // A task that settles back into RUNNING (after a skip) may already be done.
    this.#catchUp(task);
    return true;
  }

  #push(task: Task, entry: Stored) {
    if (task.history.push(entry) > HISTORY_LIMIT) task.history.shift();
  }
}
