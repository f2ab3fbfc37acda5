// One run of an action command: the flags checked, the wave's plan and the wave itself (the engine,
// @sms-task/wave), what cuts it short (cut.ts), what the operator sees (output.ts), and the exit code.
import { resolve } from 'node:path';
import type { TaskActionRequest } from '@sms-task/client';
import { createClient, planWave, type Result, startWave, WaveError } from '@sms-task/wave';
import { type Cut, watchCuts } from './cut.js';
import { CliError, EXIT } from './exit-codes.js';
import { cutLine, type Format, keepsResults, progressLine, renderer } from './output.js';

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
  /** Send the lost calls a resume's read cannot judge (the operator checked them). */
  resendUnknown?: boolean;
}

const say = (text: string) => void (process.stderr.destroyed || process.stderr.write(text));

/** The engine's errors before anything is sent, as the command's exit codes. */
export const asCliError = (error: unknown) =>
  error instanceof WaveError ? new CliError(error.message, error.kind === 'usage' ? EXIT.usage : EXIT.config) : error;

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
  if (flags.resume && flags.report && resolve(flags.report) !== resolve(flags.resume)) {
    throw new CliError('--resume appends to the report it resumes: give no other --report', EXIT.usage);
  }
  if (flags.resendUnknown && !flags.resume) {
    throw new CliError('--resend-unknown goes with --resume REPORT: it sends the lost calls of that wave', EXIT.usage);
  }
  const dryRun = Boolean(flags.dryRun);
  try {
    return await drive(operation, command, taskIds, flags, body, dryRun);
  } catch (error) {
    throw asCliError(error);
  }
}

async function drive(
  operation: string,
  command: string,
  taskIds: string[],
  flags: RunFlags,
  body: Record<string, unknown>,
  dryRun: boolean,
): Promise<number> {
  const plan = await planWave({
    operation,
    command,
    args: taskIds,
    idsFile: flags.idsFile,
    resume: flags.resume,
    report: flags.report,
  });
  const client = createClient(flags);
  const file = flags.resume ?? flags.report;
  const out = renderer(flags.output, process.stdout, dryRun);
  const keep = keepsResults(flags.output);
  const results: Result[] = [];
  let cut: Cut | undefined;
  let progress: ReturnType<typeof progressLine> | undefined;
  const counts = { ok: 0, refused: 0, failed: 0 };
  let done = 0;
  const wave = await startWave(
    {
      client,
      operation,
      request: { operation, ...body } as TaskActionRequest,
      timeoutMs: flags.timeout,
      plan,
      journalFile: file,
      dryRun,
      concurrency: flags.concurrency,
      rate: flags.rate,
      resendUnknown: Boolean(flags.resendUnknown),
      stdin: process.stdin,
    },
    {
      onResult(result) {
        done++;
        if (result.outcome in counts) counts[result.outcome as keyof typeof counts]++;
        if (keep) results.push(result);
        out.result(result);
        progress?.update(done, counts);
      },
      onNote: (text) => say(`sms-task: ${text}\n`),
      onJournalError: (error) =>
        cut?.cut(
          `the report ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? error.message})`,
          EXIT.notOk,
        ),
      // Standard output to a slow reader: wait for it, rather than hold the lines in memory.
      ready: () =>
        process.stdout.writableNeedDrain && !process.stdout.destroyed ? drained(process.stdout) : undefined,
    },
  );
  const { okBefore } = wave;
  if (plan.record) {
    const ended = okBefore === 1 ? 'task ended ok before and is' : 'tasks ended ok before and are';
    say(`sms-task: resuming ${flags.resume}: ${okBefore} ${ended} not sent again; the others are sent, once each\n`);
  }
  const total = plan.count === undefined ? undefined : Math.max(0, plan.count - okBefore);
  const showProgress =
    flags.progress && Boolean(process.stderr.isTTY) && !(flags.output === 'ndjson' && process.stdout.isTTY);
  if (showProgress) progress = progressLine(process.stderr, total);
  cut = watchCuts(wave, process.stdout, say);
  let ended: Awaited<typeof wave.done>;
  try {
    ended = await wave.done;
  } finally {
    cut.dispose();
    progress?.stop();
  }
  const { summary, owed } = ended;
  if (owed.length) {
    say(`sms-task: ${owed.length} task(s) the report holds as not ok were not in the ids given (${owed[0]}, …)\n`);
  }
  const again =
    file && !summary.wave_ok && !dryRun
      ? `sms-task ${command} --resume ${file}${plan.source.args.includes('-') ? ' - < ids.txt' : ''}`
      : undefined;
  out.end(summary, keep ? results : undefined, summary.complete ? undefined : again);
  // The table says it on standard output; the other forms are for programs, so the operator reads it here.
  if (!summary.complete && !dryRun && (flags.output !== 'table' || process.stdout.destroyed)) {
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
