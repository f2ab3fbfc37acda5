// One run of a wave, terminal-free: its journal (a new one, or the one it resumes), each task through
// the queue (queue.ts) and the client, a lost call of an earlier run read before it is repeated
// (lost-call.ts), and the summary. The command line starts it, draws its events and cuts it.
import type { PreparedAction, PreparedCall, SmsClient, TaskActionRequest } from '@sms-task/client';
import { WaveError } from './errors.js';
import { Journal, REPORT_FORMAT, REPORT_VERSION, ReportInUse } from './journal.js';
import type { WaveRecord } from './journal-read.js';
import { recheckLostCall, UndeterminedCall } from './lost-call.js';
import { emptyCounts, type Result, unanswered } from './outcome.js';
import type { Plan } from './plan.js';
import { runQueue } from './queue.js';
import { place, readSource } from './source.js';
import { type Summary, summarize } from './summary.js';

export interface WaveOptions {
  client: SmsClient;
  operation: string;
  request: TaskActionRequest;
  /** Per try, in ms (the client's default otherwise). */
  timeoutMs?: number | undefined;
  plan: Plan;
  /** The journal to write: a new wave's --report, or the report a resume appends to. */
  journalFile?: string | undefined;
  dryRun: boolean;
  concurrency: number;
  rate?: number | undefined;
  /** Send the lost calls whose task's read cannot tell whether they acted. */
  resendUnknown: boolean;
  /** Where `-` of the source reads its ids (the command line's standard input). */
  stdin?: NodeJS.ReadableStream | undefined;
}

export interface WaveEvents {
  /** Each id's result, in input order. */
  onResult(result: Result): void;
  /** A line for the operator (why a task is not sent again…). */
  onNote(text: string): void;
  /** The journal could not be written: the caller cuts the wave. */
  onJournalError(error: Error): void;
  /** Resolves when the output can take more. */
  ready?(): Promise<void> | undefined;
}

export interface WaveRun {
  done: Promise<WaveEnded>;
  /** Tasks of the journal a resume finishes that ended ok before (not sent again). */
  okBefore: number;
  /** No new calls; the calls in flight finish. `reason` goes into the summary's `cut`. */
  stop(reason: string): void;
  /** Abort the calls in flight too. */
  abort(): void;
}

export interface WaveEnded {
  summary: Summary;
  /** Tasks the report holds as not ok that were not in the ids given again (a resume from standard input). */
  owed: string[];
}

/** Opens the journal and writes the run's first lines; a journal that cannot be written sends nothing. */
function openJournal(options: WaveOptions, onError: (error: Error) => void): Journal | undefined {
  const { journalFile: file, plan, dryRun, operation } = options;
  if (!file || (dryRun && plan.record)) return undefined;
  let journal: Journal;
  try {
    journal = plan.record ? Journal.append(file, plan.record.length, onError) : Journal.create(file, onError);
  } catch (error) {
    if (error instanceof ReportInUse) throw new WaveError(error.message, 'usage');
    throw new WaveError(`cannot write the report ${file}: ${(error as Error).message}`, 'config');
  }
  const started_at = new Date().toISOString();
  if (plan.record) {
    closeKilledRun(journal, plan.record, operation);
    journal.write({ type: 'resume', started_at, source: plan.source });
  } else {
    journal.write({
      type: 'wave',
      format: REPORT_FORMAT,
      version: REPORT_VERSION,
      operation,
      dry_run: dryRun,
      started_at,
      source: plan.source,
    });
  }
  return journal;
}

export async function startWave(options: WaveOptions, events: WaveEvents): Promise<WaveRun> {
  const { client, operation, request, plan, dryRun } = options;
  const record = plan.record;
  let cut: string | null = null;
  const journal = openJournal(options, (error) => events.onJournalError(error));
  if (journal?.failed) {
    await journal.close();
    throw new WaveError(`cannot write the report ${options.journalFile}: ${journal.failed.message}`, 'config');
  }
  const requestOptions = options.timeoutMs ? { timeoutMs: options.timeoutMs } : {};
  const counts = emptyCounts();
  let duplicates = 0;
  // A resume from standard input cannot check that the ids given again are the wave's: the tasks the
  // journal holds as not ok must each be answered ok now, or the wave is not done.
  const owed = record && !plan.source.ids_file ? notOk(record) : undefined;
  let okBefore = 0;
  if (record) for (const outcome of record.tasks.values()) if (outcome === 'ok') okBefore++;

  /** Sends one task's call; a task whose earlier call may have acted is read first (lost-call.ts). */
  async function send(taskId: string, call: PreparedCall, signal: AbortSignal) {
    const sentAt = record?.lost.has(taskId) ? { at: record.lost.get(taskId) } : undefined;
    if (sentAt) {
      const check = await recheckLostCall(
        client,
        { taskId, operation, sentAt: sentAt.at },
        { signal, timeoutMs: options.timeoutMs },
      );
      if (check.verdict === 'acted' || check.verdict === 'holds') {
        events.onNote(`${taskId}: not sent again: ${check.reason}`);
        return { status: check.status!, requestId: check.requestId, attempts: 0, state: check.state };
      }
      if (check.verdict === 'unknown' && !options.resendUnknown) throw new UndeterminedCall(check, operation);
    }
    return call.send({ ...requestOptions, signal });
  }

  // The client's checks, each once: the body for the wave here, a task's id when its call is made.
  // A body it refuses makes every task of the wave invalid, each with that one error.
  let forTask: PreparedAction;
  try {
    forTask = client.tasks.prepare(request);
  } catch (error) {
    forTask = () => {
      throw error;
    };
  }

  const queue = runQueue({
    reads: readSource(plan.source, options.stdin),
    operation,
    place: (at) => place(at, plan.source),
    ...(record ? { skip: (taskId: string) => record.tasks.get(taskId) === 'ok' } : {}),
    // Checked before the `sent` line; a dry run prints what would be sent.
    prepare(taskId) {
      const call = forTask(taskId);
      return {
        preview() {
          const preview = call.preview(requestOptions);
          return `${preview.method} ${preview.url} ${preview.body}`;
        },
        send: (signal) => send(taskId, call, signal),
      };
    },
    dryRun,
    onSend: (taskId, line) =>
      journal?.write({ type: 'sent', task_id: taskId, line, at: new Date().toISOString() }) ?? true,
    onSettled(result) {
      // A refusal now may come from what the earlier call did: say so, the operator checks that task.
      if (result.outcome === 'refused' && record?.lost.has(result.task_id)) {
        result.error_msg += ' (an earlier run sent it and got no answer or a failure: that call may have done it)';
      }
      journal?.write({ type: 'result', ...result });
      if (result.outcome === 'ok') owed?.delete(result.task_id);
    },
    onResult(result) {
      counts[result.outcome]++;
      if (result.repeats) duplicates++;
      events.onResult(result);
    },
    ...(events.ready ? { ready: events.ready } : {}),
    concurrency: options.concurrency,
    rate: options.rate,
  });

  const done = (async (): Promise<WaveEnded> => {
    let end: Awaited<typeof queue.done>;
    try {
      end = await queue.done;
    } catch (error) {
      await journal?.close();
      throw error;
    }
    const summary = summarize({
      counts,
      duplicates,
      skipped: end.skipped,
      read: end.read,
      exhausted: end.exhausted,
      count: plan.count,
      dryRun,
      journalOk: !journal?.failed,
      cut,
      owed: owed?.size ?? 0,
    });
    journal?.write({ type: 'summary', ...summary });
    await journal?.close();
    return { summary, owed: summary.complete && owed ? [...owed] : [] };
  })();
  return {
    done,
    okBefore,
    stop(reason) {
      cut ??= reason;
      queue.stop();
    },
    abort: () => queue.abort(),
  };
}

/** The tasks a journal holds as anything but ok. */
function notOk(record: WaveRecord): Set<string> {
  const ids = new Set<string>();
  for (const [taskId, outcome] of record.tasks) if (outcome !== 'ok') ids.add(taskId);
  return ids;
}

/**
 * A killed run wrote no summary: its tasks sent without an answer are recorded failed (the run ended
 * before their answer arrived; they may have acted), and its summary is written, saying it was cut.
 */
function closeKilledRun(journal: Journal, record: WaveRecord, operation: string) {
  if (record.closed) return;
  const counts = { ...record.lastRun };
  for (const [taskId, { line, at }] of record.unanswered) {
    journal.write({ type: 'result', ...unanswered({ task_id: taskId, operation, line, duration_ms: 0 }) });
    record.tasks.set(taskId, 'failed');
    record.lost.set(taskId, at);
    counts.failed++;
  }
  const { duplicates, ...outcomes } = counts;
  const read = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
  const cut = 'killed: its report ended without a summary (read back by --resume)';
  const summary = summarize({
    counts: outcomes,
    duplicates,
    skipped: 0,
    read,
    exhausted: false,
    count: undefined,
    dryRun: false,
    journalOk: true,
    cut,
    owed: 0,
  });
  journal.write({ type: 'summary', ...summary });
}
