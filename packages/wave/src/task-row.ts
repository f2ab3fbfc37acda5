// One task as an operator reads it: a small row made from a task read or a list page's item, so
// that a wave of 100,000 ids keeps one small object an id. What Huawei's fields mean is in the spec;
// how a row sums them up (progress, time left, the error) is this project's reading, said below.
import type { Task, TaskListItem } from '@sms-task/client';

export interface TaskRow {
  task_id: string;
  name: string | null;
  /** The task's state; null when the service does not know the task (or it could not be read). */
  state: string | null;
  /** The data copy's progress in %: the MIGRATE_* (or SYNC*) sub-task's, else the last started one's. */
  progress: number | null;
  /** Mbit/s. */
  migrate_speed: number | null;
  /** Time left in seconds: `remain_seconds` of a read, or what `estimate_complete_time` leaves of a page. */
  remain_seconds: number | null;
  /** Whether the source's agent is connected: only a task read says (a list page has no `connected`). */
  connected: boolean | null;
  /** Why it failed (from `error_json`), or why it could not be read; shortened. */
  error: string | null;
}

const ERROR_WIDTH = 120;
const shorten = (text: string) => (text.length > ERROR_WIDTH ? `${text.slice(0, ERROR_WIDTH - 1)}…` : text);
// Huawei does not state the unit of its times: below 10^11 they are seconds (see decision 6).
const toMs = (time: number) => (time < 1e11 ? time * 1000 : time);

/** The row of a task as read (a task read, or an item of a list page), at `now` (ms, the service's clock). */
export function taskRow(task: Task | TaskListItem, now: number): TaskRow {
  const left =
    'remain_seconds' in task && typeof task.remain_seconds === 'number'
      ? task.remain_seconds
      : typeof task.estimate_complete_time === 'number'
        ? Math.max(0, Math.round((toMs(task.estimate_complete_time) - now) / 1000))
        : null;
  return {
    task_id: task.id,
    name: task.name ?? null,
    state: task.state,
    progress: progressOf(task),
    migrate_speed: typeof task.migrate_speed === 'number' ? task.migrate_speed : null,
    remain_seconds: left,
    connected: 'connected' in task && typeof task.connected === 'boolean' ? task.connected : null,
    error: task.error_json ? errorOf(task.error_json) : null,
  };
}

/** The row of a task that could not be read: `state` null, with the reason. */
export const unreadRow = (taskId: string, error: string): TaskRow => ({
  task_id: taskId,
  name: null,
  state: null,
  progress: null,
  migrate_speed: null,
  remain_seconds: null,
  connected: null,
  error: shorten(error),
});

function progressOf(task: Task | TaskListItem): number | null {
  const subs = task.sub_tasks ?? [];
  const copy = subs.find((sub) => /^(MIGRATE|SYNC)/.test(sub.name ?? ''));
  const started = subs.filter((sub) => sub.start_date !== undefined).at(-1);
  const progress = (copy ?? started)?.progress;
  return typeof progress === 'number' ? progress : null;
}

/** `error_json` is a JSON string on Huawei's console; its message, else its code, else the text itself. */
function errorOf(text: string): string {
  try {
    const parsed = JSON.parse(text);
    const message = parsed?.error_msg ?? parsed?.message ?? parsed?.error_code;
    if (typeof message === 'string' && message) {
      const code =
        typeof parsed.error_code === 'string' && parsed.error_code !== message ? `${parsed.error_code}: ` : '';
      return shorten(`${code}${message}`);
    }
  } catch {}
  return shorten(text);
}

/** Counts of rows per state (`null` counted as `UNKNOWN`), in the order states first appear. */
export function countStates(rows: Iterable<TaskRow>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const key = row.state ?? 'UNKNOWN';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
