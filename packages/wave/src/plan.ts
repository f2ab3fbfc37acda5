// A run's plan: a new wave's source, or (--resume REPORT) the whole wave again, from the source its
// journal records, less what ended ok. Tasks sent without a recorded answer count as failed (the run
// ended before their answer arrived; they may have acted). Standard input cannot be read twice: it
// is given again (`-`) or replaced by --ids-file; an ids file that changed since is refused unless
// given again.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WaveError } from './errors.js';
import { NotAJournal, readJournal, startsAsJournal, type WaveRecord } from './journal-read.js';
import { describeSource, scanFile, type Source } from './source.js';

export interface Plan {
  source: Source;
  /** Ids the source holds, when known (not for standard input). */
  count: number | undefined;
  /** The journal of the wave a resume finishes. */
  record?: WaveRecord;
}

export interface ResumePlan extends Plan {
  record: WaveRecord;
}

/**
 * Where a run's ids come from: the journal it resumes (`resume`), or the ids given. A new wave
 * never writes over the report of one that did not finish: that report is what resumes it.
 */
export async function planWave(given: {
  operation: string;
  command: string;
  args: string[];
  idsFile: string | undefined;
  resume: string | undefined;
  report: string | undefined;
}): Promise<Plan> {
  if (given.resume) return planResume(given.resume, given.operation, given);
  if (given.report) refuseUnfinished(given.report, given.command);
  return describeSource(given.args, given.idsFile);
}

function refuseUnfinished(file: string, command: string) {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) return;
  let record: WaveRecord;
  try {
    record = readReport(file);
  } catch (error) {
    if (!startsAsJournal(readFileSync(file))) return; // not a journal: replaced, as before
    // A journal damaged past its first line still records tasks that ended ok: never start over it.
    throw new WaveError(`${(error as Error).message}; remove the file to start a new wave`, 'usage');
  }
  if (record.header && !record.header.dry_run && !(record.closed && record.complete)) {
    throw new WaveError(
      `${file} is the report of a wave that did not finish: finish it with sms-task ${command} --resume ${file}, ` +
        'or remove the file to start a new wave',
      'usage',
    );
  }
}

/** Reads a report (a journal) that may have been cut at any byte; a file that is not one is a usage error. */
export function readReport(file: string): WaveRecord {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new WaveError(`cannot read the report ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 'usage');
  }
  try {
    return readJournal(bytes);
  } catch (error) {
    if (!(error instanceof NotAJournal)) throw error;
    throw new WaveError(
      `${file} is not a journal of sms-task (${error.message}); a report of the first format (one JSON object) ` +
        `cannot be resumed: take its ids with jq -r '.results[] | select(.outcome != "ok") | .task_id'`,
      'usage',
    );
  }
}

export async function planResume(
  file: string,
  operation: string,
  given: { args: string[]; idsFile: string | undefined },
): Promise<ResumePlan> {
  const record = readReport(file);
  const { header } = record;
  if (!header || !record.source) {
    throw new WaveError(`${file} holds no whole first line: the wave never started; run it again`, 'usage');
  }
  if (header.operation !== operation) {
    throw new WaveError(
      `${file} is a report of ${header.operation}, not ${operation}: resume it with that command`,
      'usage',
    );
  }
  if (header.dry_run)
    throw new WaveError(`${file} is the report of a dry run: nothing was sent; run the wave`, 'usage');
  if (given.args.some((arg) => arg !== '-')) {
    throw new WaveError(
      '--resume takes the task ids of the wave its report records: give no ids (only -, when the wave read standard input)',
      'usage',
    );
  }
  const recorded = record.source;
  const readStdin = recorded.args.includes('-');
  const stdinGiven = given.args.includes('-');
  if (stdinGiven && !readStdin) {
    throw new WaveError(`the wave of ${file} did not read standard input: resume it without -`, 'usage');
  }
  let args = recorded.args;
  let idsFile = recorded.ids_file?.path;
  if (given.idsFile) {
    // Given again: its content as it is now. In place of standard input when the wave read that and no file.
    if (!recorded.ids_file && !(readStdin && !stdinGiven)) {
      throw new WaveError(`the wave of ${file} read no --ids-file: resume it without one`, 'usage');
    }
    if (!recorded.ids_file) args = args.filter((arg) => arg !== '-');
    idsFile = given.idsFile;
  } else if (readStdin && !stdinGiven) {
    throw new WaveError(
      `the wave of ${file} read its ids from standard input, which cannot be read twice: give them again, ` +
        `with - (sms-task ${header.operation.replace(/_/g, '-')} --resume ${file} - < ids.txt) or --ids-file FILE`,
      'usage',
    );
  }
  let source: Source = { args, ids_file: null };
  let count: number | undefined = args.includes('-') ? undefined : args.length;
  if (idsFile) {
    const scanned = await scanFile(idsFile);
    if (!given.idsFile && scanned.sha256 !== recorded.ids_file!.sha256) {
      throw new WaveError(
        `${idsFile} changed since the wave began (its SHA-256 differs): to resume with its content as it is now, ` +
          `give it again: --ids-file ${idsFile}`,
        'usage',
      );
    }
    source = { args, ids_file: { path: resolve(idsFile), sha256: scanned.sha256 } };
    if (count !== undefined) count += scanned.count;
  }
  return { record, source, count };
}
