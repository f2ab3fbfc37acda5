// Waiting for a wave: read every task not yet there each `interval`, until each is in one of the
// wanted states, one fails, or the time runs out. It holds no state of its own: cut off, it is run
// again. It knows no terminal: what happens comes out as events, which the command line draws.
import { type TaskRow, unreadRow } from './task-row.js';

/** States that mean a task will not get anywhere by itself (ShowTask: migration / sync failed). */
export const FAILURE_STATES = ['MIGRATE_FAIL', 'SYNC_FAIL'];
/** A paused task waits for someone: it ends a wait unless the wait asked for it. */
export const PAUSED_STATE = 'ABORT';

export type WaitEvent =
  /** A round of reads ended: the counts per state (as last read), the slowest task's time left. */
  | { type: 'poll'; counts: Record<string, number>; there: number; total: number; slowest: number }
  /** A task reached one of the wanted states. */
  | { type: 'arrived'; row: TaskRow }
  /** A task failed, is not found, or is paused when nobody asked for ABORT. */
  | { type: 'failed'; row: TaskRow; why: string }
  /** Warned once a task: no progress for `stallPolls` rounds, or its agent disconnected. */
  | { type: 'stalled' | 'disconnected'; row: TaskRow }
  /** A read failed (after the client's retries): the wait goes on. */
  | { type: 'unread'; row: TaskRow };

export interface WaitOptions {
  until: ReadonlySet<string>;
  keepGoing: boolean;
  timeoutMs: number;
  intervalMs: number;
  /** Rounds without progress (the same `progress` and `remain_seconds`) after which a task is warned about. */
  stallPolls: number;
  /** Reads the given ids; each row through `onRow`. */
  read(ids: readonly string[], onRow: (row: TaskRow) => void): Promise<unknown>;
  /** Waits `ms` (resolves early when the wait is stopped). */
  sleep(ms: number): Promise<void>;
  /** Whether the wait was stopped (a signal). */
  stopped(): boolean;
  now(): number;
}

export type WaitEnd =
  | { verdict: 'there' }
  | { verdict: 'failed'; failed: TaskRow[] }
  | { verdict: 'timeout' | 'stopped'; pending: TaskRow[]; failed: TaskRow[] };

/** Why `row` ends the wait as a failure, or undefined. */
function failure(row: TaskRow, until: ReadonlySet<string>): string | undefined {
  if (row.state === null) return /^404\b/.test(row.error ?? '') ? 'not found' : undefined;
  if (until.has(row.state)) return undefined;
  if (FAILURE_STATES.includes(row.state)) return `${row.state}`;
  if (row.state === PAUSED_STATE) return 'paused (ABORT), and --until does not ask for it';
  return undefined;
}

/**
 * What a wait keeps of its tasks: a few numbers an id, in columns (typed arrays), so that 100,000 ids
 * fit a small heap: the state last read (an index into `states`), progress and time left (for the
 * stall warning and the live line), reads in a row without progress, and what it warned about.
 */
class Tasks {
  readonly index = new Map<string, number>();
  readonly states: (string | null)[] = [null];
  readonly state: Uint8Array;
  readonly progress: Int16Array;
  readonly left: Float64Array;
  readonly same: Uint16Array;
  /** 1 done (there or failed), 2 warned of a stall, 4 warned offline, 8 read once. */
  readonly flags: Uint8Array;
  /** The read error of a task still waited for, when its last read failed (few). */
  readonly errors = new Map<number, string>();
  pending: number;

  constructor(readonly ids: readonly string[]) {
    const n = ids.length;
    ids.forEach((id, i) => this.index.set(id, i));
    this.state = new Uint8Array(n);
    this.progress = new Int16Array(n).fill(-1);
    this.left = new Float64Array(n).fill(-1);
    this.same = new Uint16Array(n);
    this.flags = new Uint8Array(n);
    this.pending = n;
  }

  stateIndex(state: string | null): number {
    const at = this.states.indexOf(state);
    if (at >= 0) return at;
    // An open enum: a state the spec does not list gets its own index too (255 states at most).
    return Math.min(this.states.push(state) - 1, 255);
  }

  *waiting(): Generator<number> {
    for (let i = 0; i < this.ids.length; i++) if (!(this.flags[i]! & 1)) yield i;
  }

  row(i: number): TaskRow {
    return {
      ...unreadRow(this.ids[i]!, ''),
      state: this.states[this.state[i]!] ?? null,
      progress: this.progress[i]! < 0 ? null : this.progress[i]!,
      remain_seconds: this.left[i]! < 0 ? null : this.left[i]!,
      error: this.errors.get(i) ?? null,
    };
  }
}

export async function waitFor(
  ids: readonly string[],
  options: WaitOptions,
  onEvent: (event: WaitEvent) => void,
): Promise<WaitEnd> {
  const deadline = options.now() + options.timeoutMs;
  const tasks = new Tasks(ids);
  const done: Record<string, number> = {};
  const failed: TaskRow[] = [];
  let there = 0;
  const leave = (i: number, row: TaskRow) => {
    tasks.flags[i]! |= 1;
    tasks.pending--;
    tasks.errors.delete(i);
    const key = row.state ?? 'UNKNOWN';
    done[key] = (done[key] ?? 0) + 1;
  };

  for (;;) {
    const waiting = [...tasks.waiting()].map((i) => ids[i]!);
    await options.read(waiting, (row) => {
      const i = tasks.index.get(row.task_id);
      if (i === undefined || tasks.flags[i]! & 1) return;
      if (row.state === null && !/^404\b/.test(row.error ?? '')) {
        tasks.errors.set(i, row.error ?? 'not read');
        return onEvent({ type: 'unread', row });
      }
      tasks.errors.delete(i);
      if (row.state !== null && options.until.has(row.state)) {
        leave(i, row);
        there++;
        return onEvent({ type: 'arrived', row });
      }
      const why = failure(row, options.until);
      if (why) {
        leave(i, row);
        failed.push(row);
        return onEvent({ type: 'failed', row, why });
      }
      const progress = row.progress ?? -1;
      const left = row.remain_seconds ?? -1;
      const same = tasks.flags[i]! & 8 && tasks.progress[i] === progress && tasks.left[i] === left;
      tasks.same[i] = same ? Math.min(tasks.same[i]! + 1, 65_535) : 0;
      tasks.flags[i]! |= 8;
      tasks.state[i] = tasks.stateIndex(row.state);
      tasks.progress[i] = progress;
      tasks.left[i] = left;
      if (tasks.same[i]! >= options.stallPolls && !(tasks.flags[i]! & 2)) {
        tasks.flags[i]! |= 2;
        onEvent({ type: 'stalled', row });
      }
      if (row.connected === false && !(tasks.flags[i]! & 4)) {
        tasks.flags[i]! |= 4;
        onEvent({ type: 'disconnected', row });
      }
    });
    const counts = { ...done };
    let slowest = 0;
    for (const i of tasks.waiting()) {
      const key = tasks.states[tasks.state[i]!] ?? 'UNKNOWN';
      counts[key] = (counts[key] ?? 0) + 1;
      slowest = Math.max(slowest, tasks.left[i]!);
    }
    onEvent({ type: 'poll', counts, there, total: ids.length, slowest });
    if (failed.length && !options.keepGoing) return { verdict: 'failed', failed };
    if (!tasks.pending) return failed.length ? { verdict: 'failed', failed } : { verdict: 'there' };
    const rows = () => [...tasks.waiting()].map((i) => tasks.row(i));
    if (options.stopped()) return { verdict: 'stopped', pending: rows(), failed };
    const left = deadline - options.now();
    if (left <= 0) return { verdict: 'timeout', pending: rows(), failed };
    await options.sleep(Math.min(options.intervalMs, left));
    if (options.stopped()) return { verdict: 'stopped', pending: rows(), failed };
  }
}
