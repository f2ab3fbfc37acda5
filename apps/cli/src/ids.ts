// The tasks to act on, read as the wave goes (not all up front): ids given as arguments, `-` for
// standard input, --ids-file, or the tasks of a report that did not end ok (--resume). One id a
// line; blank lines and lines starting with # are skipped.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError, EXIT } from './exit-codes.js';
import type { Result } from './outcome.js';

export interface IdSources {
  args: string[];
  idsFile?: string;
  resume?: string;
}

const wanted = (line: string) => {
  const id = line.trim();
  return id && !id.startsWith('#') ? id : undefined;
};

async function* lines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    const id = wanted(line);
    if (id) yield id;
  }
}

export async function* readIds(
  { args, idsFile, resume }: IdSources,
  operation: string,
  stdin: NodeJS.ReadableStream,
): AsyncGenerator<string> {
  if (resume) {
    yield* resumeIds(resume, operation);
    return;
  }
  for (const arg of args) {
    if (arg === '-') yield* lines(stdin);
    else yield arg;
  }
  if (idsFile) {
    const stream = createReadStream(idsFile);
    // A missing file is a usage error before anything is sent, not a stream error mid-wave.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) =>
        reject(new CliError(`cannot read --ids-file ${idsFile}: ${error.message}`, EXIT.usage)),
      );
    });
    yield* lines(stream);
  }
}

/** How many ids the sources hold, when that can be known without consuming them (no standard input). */
export function countIds({ args, idsFile, resume }: IdSources, operation: string): number | undefined {
  if (resume) return resumeResults(resume, operation).length;
  if (args.includes('-')) return undefined;
  let count = args.length;
  if (idsFile) {
    try {
      count += readFileSync(idsFile, 'utf8').split('\n').filter(wanted).length;
    } catch {
      return undefined;
    }
  }
  return count;
}

function resumeResults(file: string, operation: string): Result[] {
  let report: { results?: Result[] };
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read the report ${file}: ${(error as Error).message}`, EXIT.usage);
  }
  if (!Array.isArray(report?.results)) throw new CliError(`${file} is not a sms-task report (no results)`, EXIT.usage);
  const other = report.results.find((result) => result.operation !== operation);
  if (other) {
    throw new CliError(
      `${file} is a report of ${other.operation}, not ${operation}: resume it with that command`,
      EXIT.usage,
    );
  }
  return report.results.filter((result) => result.outcome !== 'ok');
}

async function* resumeIds(file: string, operation: string): AsyncGenerator<string> {
  for (const result of resumeResults(file, operation)) yield result.task_id;
}
