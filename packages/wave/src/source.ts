// Where a wave's ids come from, recorded so that a resume reads the same ids again: the ids given
// as arguments, standard input (`-`), and --ids-file with a fingerprint of its content. Ids are
// read as the wave goes (not all up front), one a line; blank lines and lines starting with # are
// skipped.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WaveError } from './errors.js';

export interface Source {
  /** The arguments in order; `-` stands where standard input was read. */
  args: string[];
  /** The ids file, by absolute path, and the SHA-256 of its content when the run began. */
  ids_file: { path: string; sha256: string } | null;
}

/** One id, and where it was read, packed in a number (see `place`). */
export interface Read {
  id: string;
  at: number;
}

// A place is `n * 4 + kind`: the n-th argument, or line n of standard input or of the ids file.
// A number, not a string: the wave keeps one per distinct id to name the line a repeat repeats.
const ARG = 0;
const STDIN = 1;
const FILE = 2;

/** `arg:2`, `stdin:4`, `ids.txt:17`. */
export function place(at: number, source: Source): string {
  const n = Math.floor(at / 4);
  const kind = at % 4;
  return kind === ARG ? `arg:${n}` : kind === STDIN ? `stdin:${n}` : `${shortPath(source.ids_file!.path)}:${n}`;
}

/** The file as seen from here when it is under here (`ids.txt`), else its absolute path. */
function shortPath(path: string) {
  const near = relative('', path);
  return near.startsWith('..') ? path : near;
}

const wanted = (line: string) => {
  const id = line.trim();
  return id && !id.startsWith('#') ? id : undefined;
};

/**
 * The file's SHA-256 and how many ids it holds, in one read; a file that cannot be read is a usage
 * error, before anything is sent.
 */
export async function scanFile(file: string): Promise<{ sha256: string; count: number }> {
  const hash = createHash('sha256');
  let count = 0;
  try {
    const stream = createReadStream(file);
    stream.on('data', (chunk) => hash.update(chunk as Buffer));
    for await (const _ of lines(stream, FILE)) count++;
  } catch (error) {
    throw new WaveError(`cannot read --ids-file ${file}: ${(error as Error).message}`, 'usage');
  }
  return { sha256: hash.digest('hex'), count };
}

/** The source of a new wave, and how many ids it holds when that is known (no standard input). */
export async function describeSource(
  args: string[],
  idsFile: string | undefined,
): Promise<{ source: Source; count: number | undefined }> {
  const stdin = args.includes('-');
  if (!idsFile) return { source: { args, ids_file: null }, count: stdin ? undefined : args.length };
  const { sha256, count } = await scanFile(idsFile);
  return {
    source: { args, ids_file: { path: resolve(idsFile), sha256 } },
    count: stdin ? undefined : args.length + count,
  };
}

async function* lines(input: NodeJS.ReadableStream, kind: number): AsyncGenerator<Read> {
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    n++;
    const id = wanted(line);
    if (id) yield { id, at: n * 4 + kind };
  }
}

export async function* readSource(source: Source, stdin?: NodeJS.ReadableStream): AsyncGenerator<Read> {
  for (const [i, arg] of source.args.entries()) {
    if (arg === '-' && !stdin) throw new WaveError('- (standard input) cannot be read here: give the ids', 'usage');
    if (arg === '-') yield* lines(stdin!, STDIN);
    else yield { id: arg, at: (i + 1) * 4 + ARG };
  }
  if (source.ids_file) {
    const { path } = source.ids_file;
    const stream = createReadStream(path);
    // A file gone since it was fingerprinted is a usage error before anything is sent, not a stream error mid-wave.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) =>
        reject(new WaveError(`cannot read --ids-file ${path}: ${error.message}`, 'usage')),
      );
    });
    yield* lines(stream, FILE);
  }
}
