// One run of a command: where its ids come from (a new wave, or a resume), its journal, the wave
// itself, what cuts it short, what the operator sees, and the exit code.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TaskActionRequest } from '@sms-task/client';
import { createClient } from './config.js';
import { type Cut, watchCuts } from './cut.js';
import { CliError, EXIT } from './exit-codes.js';
import { Journal, REPORT_FORMAT, REPORT_VERSION, ReportInUse } from './journal.js';
import { startsAsJournal, type WaveRecord } from './journal-read.js';
import { emptyCounts, type Result, type Summary, unanswered } from './outcome.js';
import { cutLine, type Format, keepsResults, progressLine, renderer } from './output.js';
import { planResume, readReport } from './resume.js';
import { describeSource, place, readSource, type Source } from './source.js';
import { readTaskState, statesAfter } from './state-read.js';
import { runWave } from './wave.js';

export interface RunFlags {
  idsFile?: string;
  resume?: string;
  endpoint?: string;
  region?: string;
  tokenFile?: string;
  concurrency: number;
  rate?: number;
  timeout?: number;
  output: Format;
  report?: string;
  dryRun?: boolean;
  progress: boolean;
}

interface Plan {
  source: Source;
  count: number | undefined;
  record?: WaveRecord;
}

const say = (text: string) => void (process.stderr.destroyed || process.stderr.write(text));

export async function runCommand(
  operation: string,
  command: string,
  taskIds: string[],
  flags: RunFlags,
  body: Record<string, unknown>,
): Promise<number> {
  if (!taskIds.length && !flags.idsFile && !flags.resume) {
    throw new CliError('no tasks: give task ids, - (standard input), --ids-file FILE or --resume REPORT', EXIT.usage);
  }
  const dryRun = Boolean(flags.dryRun);
  let plan: Plan;
  if (flags.resume) {
    if (flags.report && resolve(flags.report) !== resolve(flags.resume)) {
      throw new CliError('--resume appends to the report it resumes: give no other --report', EXIT.usage);
    }
    plan = await planResume(flags.resume, operation, { args: taskIds, idsFile: flags.idsFile });
  } else {
    if (flags.report) refuseUnfinished(flags.report, command);
    plan = await describeSource(taskIds, flags.idsFile);
  }
  const client = createClient(flags);
  const request = { operation, ...body } as TaskActionRequest;
  const options = flags.timeout ? { timeoutMs: flags.timeout } : {};

  // The journal: a resume appends to the one it resumes (a dry run only reads it).
  const file = flags.resume ?? flags.report;
  let cut: Cut | undefined;
  let journal: Journal | undefined;
  if (file && !(dryRun && plan.record)) {
    const onError = (error: Error) =>
      cut?.cut(
        `the report ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? error.message})`,
        EXIT.notOk,
      );
    try {
      journal = plan.record ? Journal.append(file, plan.record.length, onError) : Journal.create(file, onError);
    } catch (error) {
      if (error instanceof ReportInUse) throw new CliError(error.message, EXIT.usage);
      throw new CliError(`cannot write the report ${file}: ${(error as Error).message}`, EXIT.config);
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
    // Nothing is sent without a journal that can be written: the operator relies on it to resume.
    if (journal.failed) {
      await journal.close();
      throw new CliError(`cannot write the report ${file}: ${journal.failed.message}`, EXIT.config);
    }
  }
  let okBefore = 0;
  if (plan.record) {
    for (const outcome of plan.record.tasks.values()) if (outcome === 'ok') okBefore++;
    const ended = okBefore === 1 ? 'task ended ok before and is' : 'tasks ended ok before and are';
    say(`sms-task: resuming ${flags.resume}: ${okBefore} ${ended} not sent again; the others are sent, once each\n`);
  }

  const out = renderer(flags.output, process.stdout, dryRun);
  const total = plan.count === undefined ? undefined : Math.max(0, plan.count - okBefore);
  const showProgress =
    flags.progress && Boolean(process.stderr.isTTY) && !(flags.output === 'ndjson' && process.stdout.isTTY);
  const progress = showProgress ? progressLine(process.stderr, total) : undefined;
  const counts = emptyCounts();
  const results: Result[] = [];
  const keep = keepsResults(flags.output);
  let duplicates = 0;
  let done = 0;

  const record = plan.record;
  // A resume from standard input cannot check that the ids given again are the wave's: the tasks the
  // journal holds as not ok must each be answered ok now, or the wave is not done.
  const owed = record && !flags.idsFile ? notOk(record) : undefined;
  // A task that may have acted before is read first: found where the operation leaves a task, it is done.
  const after = statesAfter(operation);
  const wave = runWave({
    reads: readSource(plan.source, process.stdin),
    operation,
    place: (at) => place(at, plan.source),
    ...(record ? { skip: (taskId: string) => record.tasks.get(taskId) === 'ok' } : {}),
    check(taskId) {
      const preview = client.tasks.preview(taskId, request, options);
      return `${preview.method} ${preview.url} ${preview.body}`;
    },
    async send(taskId, signal) {
      if (after && record?.tasks.get(taskId) === 'failed') {
        const found = await readTaskState(client, taskId, signal, flags.timeout);
        if (found && after.includes(found.state)) {
          say(`sms-task: ${taskId} is ${found.state}: the earlier run's ${operation} acted; not sent again\n`);
          return { status: found.status, requestId: found.requestId, attempts: 0, state: found.state };
        }
      }
      return client.tasks.action(taskId, request, { ...options, signal });
    },
    dryRun,
    onSend: (taskId, line) => journal?.write({ type: 'sent', task_id: taskId, line }) ?? true,
    onSettled(result) {
      // A refusal now may come from what the earlier call did: say so, the operator checks that task.
      if (result.outcome === 'refused' && record?.tasks.get(result.task_id) === 'failed') {
        result.error_msg += ' (an earlier run sent it and got no answer or a failure: that call may have done it)';
      }
      journal?.write({ type: 'result', ...result });
      if (result.outcome === 'ok') owed?.delete(result.task_id);
    },
    onResult(result) {
      done++;
      counts[result.outcome]++;
      if (result.repeats) duplicates++;
      if (keep) results.push(result);
      out.result(result);
      progress?.update(done, counts);
    },
    // Standard output to a slow reader: wait for it, rather than hold the lines in memory.
    ready: () => (process.stdout.writableNeedDrain && !process.stdout.destroyed ? drained(process.stdout) : undefined),
    concurrency: flags.concurrency,
    rate: flags.rate,
  });
  cut = watchCuts(wave, process.stdout, say);
  let end: Awaited<typeof wave.done>;
  try {
    end = await wave.done;
  } catch (error) {
    cut.dispose();
    progress?.stop();
    await journal?.close();
    throw error;
  }
  cut.dispose();
  progress?.stop();

  const complete = end.exhausted && (dryRun || counts.not_sent === duplicates) && !journal?.failed;
  const summary: Summary = {
    ...counts,
    duplicates,
    skipped_ok: end.skipped,
    ids_read: end.read,
    ids_not_read: end.exhausted ? 0 : plan.count === undefined ? null : Math.max(0, plan.count - end.read),
    complete,
    cut: cut.reason ?? null,
    wave_ok: complete && !dryRun && counts.ok === done - duplicates && !owed?.size,
  };
  if (complete && owed?.size) {
    const [first] = owed;
    say(`sms-task: ${owed.size} task(s) the report holds as not ok were not in the ids given (${first}, …)\n`);
  }
  journal?.write({ type: 'summary', ...summary });
  await journal?.close();

  const again =
    file && !summary.wave_ok && !dryRun
      ? `sms-task ${command} --resume ${file}${plan.source.args.includes('-') ? ' - < ids.txt' : ''}`
      : undefined;
  out.end(summary, keep ? results : undefined, complete ? undefined : again);
  // The table says it on standard output; the other forms are for programs, so the operator reads it here.
  if (!complete && !dryRun && (flags.output !== 'table' || process.stdout.destroyed)) {
    say(`sms-task: ${cutLine(summary)}${again ? `; finish it: ${again}` : ''}\n`);
  }
  if (cut.exitCode !== undefined) return cut.exitCode;
  if (dryRun) return summary.invalid ? EXIT.usage : EXIT.ok;
  return summary.wave_ok ? EXIT.ok : EXIT.notOk;
}

/** Resolves when `stream` can take more, or is closed (then nothing more is written to it). */
function drained(stream: NodeJS.WriteStream) {
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * A killed run wrote no summary: its tasks sent without an answer are recorded failed (the run ended
 * before their answer arrived; they may have acted), and its summary is written, saying it was cut.
 */
/** The tasks a journal holds as anything but ok. */
function notOk(record: WaveRecord): Set<string> {
  const ids = new Set<string>();
  for (const [taskId, outcome] of record.tasks) if (outcome !== 'ok') ids.add(taskId);
  return ids;
}

function closeKilledRun(journal: Journal, record: WaveRecord, operation: string) {
  if (record.closed) return;
  const counts = { ...record.lastRun };
  for (const [taskId, line] of record.unanswered) {
    journal.write({ type: 'result', ...unanswered({ task_id: taskId, operation, line, duration_ms: 0 }) });
    record.tasks.set(taskId, 'failed');
    counts.failed++;
  }
  const { duplicates, ...outcomes } = counts;
  journal.write({
    type: 'summary',
    ...outcomes,
    duplicates,
    skipped_ok: 0,
    ids_read: Object.values(outcomes).reduce((sum, n) => sum + n, 0),
    ids_not_read: null,
    complete: false,
    cut: 'killed: its report ended without a summary (read back by --resume)',
    wave_ok: false,
  });
}

/** A new wave must not write over a report of a wave that was cut or killed: it is what resumes it. */
function refuseUnfinished(file: string, command: string) {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return;
  let record: WaveRecord;
  try {
    record = readReport(file);
  } catch (error) {
    if (!startsAsJournal(readFileSync(file))) return; // not a journal: replaced, as before
    // A journal damaged past its first line still records tasks that ended ok: never start over it.
    throw new CliError(`${(error as Error).message}; remove the file to start a new wave`, EXIT.usage);
  }
  if (record.header && !record.header.dry_run && !(record.closed && record.complete)) {
    throw new CliError(
      `${file} is the report of a wave that did not finish: finish it with sms-task ${command} --resume ${file}, ` +
        'or remove the file to start a new wave',
      EXIT.usage,
    );
  }
}
