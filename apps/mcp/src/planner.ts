// sms_plan_wave's work: a dry run of one operation on a wave's ids, or of the resume of a wave. Every
// id and field is checked by the client (the body once, each id once), each task's state is read
// (by pages when cheaper), and each task gets what would happen to it; the plan is stored, bound to
// the source or journal as they are now.
import { judgeLostCall, type SmsClient, TASK_STATES, type TaskActionRequest } from '@sms-task/client';
import {
  describeSource,
  place,
  planResume,
  readReport,
  readSource,
  readTasks,
  type Source,
  type TaskRow,
  WaveError,
  type WaveRecord,
} from '@sms-task/wave';
import { newPlanId } from './internal/ids.js';
import type { Plans, StoredPlan } from './plans.js';

/** What sending would do to a task. */
export type Will = 'send' | 'already' | 'not_found' | 'unread' | 'read_first' | 'done_before' | 'repeat' | 'invalid';
export const WILLS: readonly Will[] = [
  'send',
  'already',
  'not_found',
  'unread',
  'read_first',
  'done_before',
  'repeat',
  'invalid',
];
/** The wills that count as a task the wave handles (sent, or read first). */
const HANDLED: readonly Will[] = ['send', 'already', 'not_found', 'unread', 'read_first'];

export interface PlanRow {
  task_id: string;
  line: string;
  will: Will;
  state: string | null;
  note: string | null;
}

export interface PlanOutput {
  plan_id: string;
  expires_at: string;
  operation: string;
  task_count: number;
  resume_wave_id: string | null;
  message: string;
  runnable: boolean;
  counts: Record<Will, number>;
  states: Record<string, number>;
  rows: PlanRow[];
  rows_omitted: number;
}

export type Given = { ids: string[] } | { idsFile: string } | { resume: string; journal: string; running: boolean };

export interface PlanContext {
  client: SmsClient;
  plans: Plans;
  concurrency: number;
  rate?: number | undefined;
  timeoutMs?: number | undefined;
  /** `in ap-southeast-3`, `at the configured endpoint`. */
  where: string;
  /** Why this server would not run the operation, if it would not. */
  refusal(operation: string): string | undefined;
}

/** Listed rows at most (the counts cover every task): an agent's context is the budget. */
const ROWS = 100;

export async function planWave(
  operation: string,
  body: TaskActionRequest,
  given: Given,
  context: PlanContext,
): Promise<{ output: PlanOutput } | { problem: string }> {
  let source: Source;
  let count: number | undefined;
  let record: WaveRecord | undefined;
  let resume: StoredPlan['resume'] = null;
  try {
    if ('resume' in given) {
      if (given.running) {
        return { problem: `wave ${given.resume} is still running: wait for it (sms_wave_status) or cancel it first` };
      }
      const header = readReport(given.journal).header;
      if (header && header.operation !== operation) {
        return {
          problem: `wave ${given.resume} is a wave of ${header.operation}: plan its resume with that operation`,
        };
      }
      const plan = await planResume(given.journal, operation, { args: [], idsFile: undefined });
      ({ source, count, record } = plan);
      resume = { wave_id: given.resume, length: plan.record.length };
    } else if ('ids' in given) {
      if (given.ids.includes('-')) return { problem: '"-" is not a task id here: give the ids themselves' };
      ({ source, count } = await describeSource(given.ids, undefined));
    } else {
      ({ source, count } = await describeSource([], given.idsFile));
    }
  } catch (error) {
    if (error instanceof WaveError) return { problem: error.message };
    throw error;
  }

  // The client's checks, once each: the body here, each id below.
  let forTask: (taskId: string) => unknown;
  try {
    const prepared = context.client.tasks.prepare(body);
    forTask = prepared;
  } catch (error) {
    forTask = () => {
      throw error;
    };
  }
  const rows: PlanRow[] = [];
  const seen = new Map<string, string>();
  const toRead: string[] = [];
  const readFirst = new Set<string>();
  for await (const { id, at } of readSource(source)) {
    const line = place(at, source);
    const row = (will: Will, note: string | null = null) => rows.push({ task_id: id, line, will, state: null, note });
    const first = seen.get(id);
    if (first !== undefined) {
      row('repeat', `a repeat of ${first}: sent once, under that line`);
      continue;
    }
    seen.set(id, line);
    if (record?.tasks.get(id) === 'ok') {
      row('done_before', 'ended ok in an earlier run: not sent again');
      continue;
    }
    try {
      forTask(id);
    } catch (error) {
      row('invalid', (error as Error).message);
      continue;
    }
    if (record && (record.lost.has(id) || record.tasks.get(id) === 'sent')) readFirst.add(id);
    toRead.push(id);
    row('send');
  }

  const read = new Map<string, TaskRow>();
  await readTasks(
    context.client,
    toRead,
    { mode: 'auto', concurrency: context.concurrency, rate: context.rate, timeoutMs: context.timeoutMs },
    (taskRow) => read.set(taskRow.task_id, taskRow),
  );
  const states: Record<string, number> = {};
  for (const row of rows) {
    if (row.will !== 'send') continue;
    const task = read.get(row.task_id);
    row.state = task?.state ?? null;
    const key = row.state ?? 'UNKNOWN';
    states[key] = (states[key] ?? 0) + 1;
    if (readFirst.has(row.task_id)) {
      row.will = 'read_first';
      row.note = 'an earlier call got no answer and may have acted: the task is read again before it is sent';
    } else if (row.state === null) {
      const notFound = /^404\b/.test(task?.error ?? '');
      row.will = notFound ? 'not_found' : 'unread';
      row.note = task?.error ?? 'not read';
    } else if (holds(operation, row.state)) {
      row.will = 'already';
      row.note = `already ${row.state}, where ${operation} takes a task: the service may refuse it`;
    }
  }

  const counts = Object.fromEntries(WILLS.map((will) => [will, 0])) as Record<Will, number>;
  for (const row of rows) counts[row.will]++;
  const taskCount = HANDLED.reduce((sum, will) => sum + counts[will], 0);
  const message = confirmation(operation, taskCount, counts, rows, context.where, resume?.wave_id);
  const stored = context.plans.save({
    plan_id: newPlanId(),
    operation,
    body: body as Record<string, unknown>,
    task_count: taskCount,
    count,
    source: resume ? null : source,
    resume,
    message,
  });
  const listed = rows.filter((row) => row.will !== 'send');
  const refusal = context.refusal(operation);
  return {
    output: {
      plan_id: stored.plan_id,
      expires_at: new Date(stored.expires_at).toISOString(),
      operation,
      task_count: taskCount,
      resume_wave_id: resume?.wave_id ?? null,
      message: refusal ? `${message} (not runnable here: ${refusal})` : message,
      runnable: !refusal,
      counts,
      states,
      rows: listed.slice(0, ROWS),
      rows_omitted: Math.max(0, listed.length - ROWS),
    },
  };
}

/** Whether a task in `state` is where `operation` takes it: the client's rule (`holds`), not a guess. */
const holds = (operation: string, state: string) =>
  judgeLostCall({ operation, sentAt: 0, task: { state } }).verdict === 'holds';

/** "stop 236 tasks in ap-southeast-3: 4 already ABORT, 1 repeat, 0 invalid". */
function confirmation(
  operation: string,
  taskCount: number,
  counts: Record<Will, number>,
  rows: PlanRow[],
  where: string,
  resumes: string | undefined,
): string {
  const already = new Map<string, number>();
  for (const row of rows) if (row.will === 'already') already.set(row.state!, (already.get(row.state!) ?? 0) + 1);
  const target = TASK_STATES.filter((state) => holds(operation, state)).at(-1);
  if (!already.size && target) already.set(target, 0);
  const parts = [
    ...[...already].map(([state, n]) => `${n} already ${state}`),
    `${counts.repeat} repeat`,
    `${counts.invalid} invalid`,
    ...(counts.not_found ? [`${counts.not_found} not found`] : []),
    ...(counts.unread ? [`${counts.unread} not read`] : []),
  ];
  const rest = resumes
    ? ` (the rest of wave ${resumes}: ${counts.done_before} ended ok before` +
      `${counts.read_first ? `, ${counts.read_first} read first: their earlier call may have acted` : ''})`
    : '';
  return `${operation} ${taskCount} task${taskCount === 1 ? '' : 's'} ${where}${rest}: ${parts.join(', ')}`;
}
