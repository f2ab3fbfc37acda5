// --resume REPORT: the whole wave again, from the source its journal records, less what ended ok.
// Tasks sent without a recorded answer count as failed (the run ended before their answer arrived;
// they may have acted) and are sent again with the other failed ones. Standard input cannot be
// read twice: it is given again (`-`) or replaced by --ids-file; an ids file that changed since is
// refused unless given again.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, EXIT } from './exit-codes.js';
import { NotAJournal, readJournal, type WaveRecord } from './journal-read.js';
import { scanFile, type Source } from './source.js';

export interface ResumePlan {
  record: WaveRecord;
  source: Source;
  /** Ids the source holds, when known. */
  count: number | undefined;
}

/** Reads a report (a journal) that may have been cut at any byte; a file that is not one is a usage error. */
export function readReport(file: string): WaveRecord {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(
      `cannot read the report ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      EXIT.usage,
    );
  }
  try {
    return readJournal(bytes);
  } catch (error) {
    if (!(error instanceof NotAJournal)) throw error;
    throw new CliError(
      `${file} is not a journal of sms-task (${error.message}); a report of the first format (one JSON object) ` +
        `cannot be resumed: take its ids with jq -r '.results[] | select(.outcome != "ok") | .task_id'`,
      EXIT.usage,
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
    throw new CliError(`${file} holds no whole first line: the wave never started; run it again`, EXIT.usage);
  }
  if (header.operation !== operation) {
    throw new CliError(
      `${file} is a report of ${header.operation}, not ${operation}: resume it with that command`,
      EXIT.usage,
    );
  }
  if (header.dry_run)
    throw new CliError(`${file} is the report of a dry run: nothing was sent; run the wave`, EXIT.usage);
  if (given.args.some((arg) => arg !== '-')) {
    throw new CliError(
      '--resume takes the task ids of the wave its report records: give no ids (only -, when the wave read standard input)',
      EXIT.usage,
    );
  }
  const recorded = record.source;
  const readStdin = recorded.args.includes('-');
  const stdinGiven = given.args.includes('-');
  if (stdinGiven && !readStdin) {
    throw new CliError(`the wave of ${file} did not read standard input: resume it without -`, EXIT.usage);
  }
  let args = recorded.args;
  let idsFile = recorded.ids_file?.path;
  if (given.idsFile) {
    // Given again: its content as it is now. In place of standard input when the wave read that and no file.
    if (!recorded.ids_file && !(readStdin && !stdinGiven)) {
      throw new CliError(`the wave of ${file} read no --ids-file: resume it without one`, EXIT.usage);
    }
    if (!recorded.ids_file) args = args.filter((arg) => arg !== '-');
    idsFile = given.idsFile;
  } else if (readStdin && !stdinGiven) {
    throw new CliError(
      `the wave of ${file} read its ids from standard input, which cannot be read twice: give them again, ` +
        `with - (sms-task ${header.operation.replace(/_/g, '-')} --resume ${file} - < ids.txt) or --ids-file FILE`,
      EXIT.usage,
    );
  }
  let source: Source = { args, ids_file: null };
  let count: number | undefined = args.includes('-') ? undefined : args.length;
  if (idsFile) {
    const scanned = await scanFile(idsFile);
    if (!given.idsFile && scanned.sha256 !== recorded.ids_file!.sha256) {
      throw new CliError(
        `${idsFile} changed since the wave began (its SHA-256 differs): to resume with its content as it is now, ` +
          `give it again: --ids-file ${idsFile}`,
        EXIT.usage,
      );
    }
    source = { args, ids_file: { path: resolve(idsFile), sha256: scanned.sha256 } };
    if (count !== undefined) count += scanned.count;
  }
  return { record, source, count };
}
