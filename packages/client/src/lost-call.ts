// Did a task action whose answer was lost (a timeout, a reset, a 5xx, a process killed) act? An action
// is not idempotent and Huawei documents neither which state an operation leaves a task in nor any
// way to ask about a call, so the one evidence is the task's read: what changed after the call was
// sent. These rules are this project's model, each resting on a documented meaning
// (docs/decisions/0006-lost-call-judgement.md); where the read cannot tell, the verdict says so.
import { SmsApiError, SmsValidationError } from './errors.js';
import { shouldRetry } from './retry.js';
import type { Task } from './types.js';

/**
 * Whether a task action that threw `error` may have acted: false only when the client knows the
 * service did not (nothing was sent, the input was refused, a 4xx answer, a 429/503, a connection
 * never made). A timeout, a reset after sending, a 5xx or an unusable 2xx may have acted.
 */
export function mayHaveActed(error: unknown): boolean {
  if (error instanceof SmsValidationError || (error as { attempts?: number } | null)?.attempts === 0) return false;
  // Only failures that did not act are retried (retry.ts), so the last one speaks for every try.
  if (error instanceof SmsApiError && error.status >= 400 && error.status < 500) return false;
  return !shouldRetry(error);
}

/**
 * - `acted`: the read shows a change after the call was sent that the operation makes.
 * - `holds`: the task is where the operation takes it (ABORT after `stop`), whichever call took it there.
 * - `not_acted`: the task is still where the operation acts, and nothing in the read changed after the call.
 * - `unknown`: the read cannot tell; repeating the call may act twice.
 */
export type LostCallVerdict = 'acted' | 'holds' | 'not_acted' | 'unknown';

export interface LostCallJudgement {
  verdict: LostCallVerdict;
  /** What the read showed, for the operator: one sentence. */
  reason: string;
}

export interface LostCall {
  operation: string;
  /** When the call was sent, in ms on this machine's clock. */
  sentAt: number;
  /** The task as read after the call. */
  task: Pick<Task, 'state' | 'start_date' | 'finish_date' | 'sub_tasks'>;
  /** The read's `Date` response header, in ms: it lines the service's clock up with this machine's. */
  serverDate?: number | undefined;
  /** When the read's answer arrived, in ms on this machine's clock (with `serverDate`). */
  readAt?: number | undefined;
}

/** How far apart two clocks' readings of one moment may be: `Date` has whole seconds, plus the round trip. */
export const CLOCK_MARGIN_MS = 2_000;

interface Rule {
  /** The documented states the operation acts on (its refusal codes' and the user guide's words). */
  actsIn: readonly string[];
  /** States that mean the operation's effect holds (ShowTask's meanings). */
  holdsIn?: readonly string[];
  /** A task `start_date` after the call shows the call acted: the operation starts the migration. */
  starts?: boolean;
}

const RULES: Record<string, Rule> = {
  // A Ready task starts (user guide); a paused or failed one resumes (the API's example; v1 SMS.1039).
  start: { actsIn: ['READY', 'ABORT', 'MIGRATE_FAIL', 'SYNC_FAIL'], starts: true },
  // Only a task whose creation or migration failed restarts (v1 SMS.1040).
  restart: { actsIn: ['MIGRATE_FAIL', 'SYNC_FAIL'], starts: true },
  // A running or syncing task pauses (v1 SMS.1038); ABORTING is "being stopped", ABORT "stopped".
  stop: { actsIn: ['RUNNING', 'SYNCING'], holdsIn: ['ABORTING', 'ABORT'] },
};

// Huawei does not state the unit of its times: a value below 10^11 is read as seconds (10^11 s is
// the year 5138; 10^11 ms is 1973).
const toMs = (time: number) => (time < 1e11 ? time * 1000 : time);
const iso = (ms: number) => new Date(ms).toISOString();

/** The verdict on one lost call, from the task's read. */
export function judgeLostCall({ operation, sentAt, task, serverDate, readAt }: LostCall): LostCallJudgement {
  const rule = Object.hasOwn(RULES, operation) ? RULES[operation] : undefined;
  const state = task.state;
  if (!rule) {
    return {
      verdict: 'unknown',
      reason: `the task's read does not show what ${operation} does (its state is ${state})`,
    };
  }
  // The call's time on the service's clock, as near as the read's Date header tells.
  const sent = sentAt + (serverDate !== undefined && readAt !== undefined ? serverDate - readAt : 0);
  const at = `the call was sent at ${iso(sent)}`;
  const started = task.start_date === undefined ? undefined : toMs(task.start_date);
  if (rule.starts && started !== undefined && started >= sent - CLOCK_MARGIN_MS) {
    return { verdict: 'acted', reason: `the task started at ${iso(started)}, after ${at}; it is ${state}` };
  }
  if (rule.holdsIn?.includes(state)) {
    return { verdict: 'holds', reason: `the task is ${state}, where ${operation} takes it, by this call or another` };
  }
  const later = changesAfter(task, sent - CLOCK_MARGIN_MS);
  if (rule.actsIn.includes(state) && later === undefined) {
    return { verdict: 'not_acted', reason: `the task is still ${state} and nothing in it changed after ${at}` };
  }
  return {
    verdict: 'unknown',
    reason:
      later === undefined
        ? `the task is ${state}: the read cannot tell whether ${operation} did that (${at})`
        : `the task is ${state} and changed at ${iso(later)}, after ${at}, in a way ${operation} may or may not have caused`,
  };
}

/** The earliest time in the read at or after `since` (the task's and its sub-tasks' start and end), or undefined. */
function changesAfter(task: LostCall['task'], since: number): number | undefined {
  const times = [task.start_date, task.finish_date];
  for (const sub of task.sub_tasks ?? []) times.push(sub.start_date, sub.end_date);
  let earliest: number | undefined;
  for (const time of times) {
    if (time === undefined) continue;
    const ms = toMs(time);
    if (ms >= since && (earliest === undefined || ms < earliest)) earliest = ms;
  }
  return earliest;
}
