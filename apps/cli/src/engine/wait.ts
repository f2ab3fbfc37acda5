// Waiting for a wave: read every task not yet there each `interval`, until each is in one of the
// wanted states, one fails, or the time runs out. It holds no state of its own: cut off, it is run
// again. It knows no terminal: what happens comes out as events, which the command line draws.
import type { TaskRow } from './task-row.js';

/** States that mean a task will not get anywhere by itself (ShowTask: migration / sync failed). */
export const FAILURE_STATES = ['MIGRATE_FAIL', 'SYNC_FAIL'];
/** A paused task waits for someone: it ends a wait unless the wait asked for it. */
export const PAUSED_STATE = 'ABORT';

export type WaitEvent =
  /** A round of reads ended: every task's row as last read, and the counts per state. */
  | { type: 'poll'; rows: ReadonlyMap<string, TaskRow>; there: number; total: number }
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

export async function waitFor(
  ids: readonly string[],
  options: WaitOptions,
  onEvent: (event: WaitEvent) => void,
): Promise<WaitEnd> {
  const deadline = options.now() + options.timeoutMs;
  const rows = new Map<string, TaskRow>();
  // Per task still waited for: rounds with the same progress, and whether it was warned about.
  const still = new Map<string, { same: number; warned: boolean; offline: boolean }>();
  for (const id of ids) still.set(id, { same: 0, warned: false, offline: false });
  const failed: TaskRow[] = [];
  let there = 0;

  for (;;) {
    await options.read([...still.keys()], (row) => {
      const before = rows.get(row.task_id);
      rows.set(row.task_id, row);
      const watch = still.get(row.task_id)!;
      if (row.state === null && !/^404\b/.test(row.error ?? '')) return onEvent({ type: 'unread', row });
      if (row.state !== null && options.until.has(row.state)) {
        still.delete(row.task_id);
        there++;
        return onEvent({ type: 'arrived', row });
      }
      const why = failure(row, options.until);
      if (why) {
        still.delete(row.task_id);
        failed.push(row);
        return onEvent({ type: 'failed', row, why });
      }
      const same = before?.progress === row.progress && before?.remain_seconds === row.remain_seconds;
      watch.same = before && same ? watch.same + 1 : 0;
      if (watch.same >= options.stallPolls && !watch.warned) {
        watch.warned = true;
        onEvent({ type: 'stalled', row });
      }
      if (row.connected === false && !watch.offline) {
        watch.offline = true;
        onEvent({ type: 'disconnected', row });
      }
    });
    onEvent({ type: 'poll', rows, there, total: ids.length });
    if (failed.length && !options.keepGoing) return { verdict: 'failed', failed };
    if (!still.size) return failed.length ? { verdict: 'failed', failed } : { verdict: 'there' };
    const pending = () => [...still.keys()].map((id) => rows.get(id) ?? { ...emptyRow, task_id: id });
    if (options.stopped()) return { verdict: 'stopped', pending: pending(), failed };
    const left = deadline - options.now();
    if (left <= 0) return { verdict: 'timeout', pending: pending(), failed };
    await options.sleep(Math.min(options.intervalMs, left));
    if (options.stopped()) return { verdict: 'stopped', pending: pending(), failed };
  }
}

const emptyRow: TaskRow = {
  task_id: '',
  name: null,
  state: null,
  progress: null,
  migrate_speed: null,
  remain_seconds: null,
  connected: null,
  error: null,
};
