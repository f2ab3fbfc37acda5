// The report is a journal, written as the wave goes, one JSON line an event: the wave's header
// (operation and source), `sent` before a task's first request leaves, its `result` when known,
// and the run's `summary` last. Each line is one write(2), so a `kill -9` loses none that was
// written; the file is flushed to disk (fsync) at least once a second, so a power loss loses at
// most the last second. A resume appends its own header, lines and summary to the same file.
import { closeSync, fsync, fsyncSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from 'node:fs';
import type { Result } from './outcome.js';
import type { Summary } from './summary.js';
import type { Source } from './source.js';

/** The report format's version: 2 is the journal (1 was one JSON object written at the end). */
export const REPORT_VERSION = 2;
export const REPORT_FORMAT = 'sms-task-report';

export interface WaveHeader {
  type: 'wave';
  format: typeof REPORT_FORMAT;
  version: number;
  operation: string;
  dry_run: boolean;
  started_at: string;
  source: Source;
}

export type JournalLine =
  | WaveHeader
  | { type: 'resume'; started_at: string; source: Source }
  | { type: 'sent'; task_id: string; line: string; at: string }
  | ({ type: 'result' } & Result)
  | ({ type: 'summary' } & Summary);

const FSYNC_EVERY_MS = 1000;

export class Journal {
  readonly #fd: number;
  readonly #timer: NodeJS.Timeout;
  #dirty = false;
  #syncing: Promise<void> | undefined;
  #failed: Error | undefined;

  private constructor(
    readonly file: string,
    fd: number,
    private readonly onError: (error: Error) => void,
  ) {
    this.#fd = fd;
    this.#timer = setInterval(() => this.#sync(), FSYNC_EVERY_MS).unref();
  }

  /** A new journal at `file` (an older file there is replaced). */
  static create(file: string, onError: (error: Error) => void): Journal {
    lock(file);
    return new Journal(file, openSync(file, 'w'), onError);
  }

  /** The journal at `file`, cut to its first `length` bytes (a torn last line goes), to append to. */
  static append(file: string, length: number, onError: (error: Error) => void): Journal {
    lock(file);
    truncateSync(file, length);
    return new Journal(file, openSync(file, 'a'), onError);
  }

  get failed(): Error | undefined {
    return this.#failed;
  }

  /** Writes one line with one write(2): it is in the file when this returns, whatever kills the process next. */
  write(line: JournalLine): boolean {
    if (this.#failed) return false;
    try {
      const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
      // A short write (a full disk) leaves a torn line: nothing may be written after it.
      if (writeSync(this.#fd, bytes) !== bytes.length) throw new Error('the disk took only part of a line');
      this.#dirty = true;
      return true;
    } catch (error) {
      this.#fail(error as Error);
      return false;
    }
  }

  #fail(error: Error) {
    if (this.#failed) return;
    this.#failed = error;
    this.onError(error);
  }

  #sync() {
    if (!this.#dirty || this.#syncing || this.#failed) return;
    this.#dirty = false;
    this.#syncing = new Promise((resolve) =>
      fsync(this.#fd, (error) => {
        this.#syncing = undefined;
        // After a failed fsync the kernel may have dropped the lines: the report is not to be trusted.
        if (error) this.#fail(error);
        resolve();
      }),
    );
  }

  /** Flushes to disk and closes. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#syncing;
    try {
      if (!this.#failed) fsyncSync(this.#fd);
    } catch (error) {
      this.#fail(error as Error);
    }
    closeSync(this.#fd);
    rmSync(lockFile(this.file), { force: true });
  }
}

/** Another run is writing the same report: two runs would each send the tasks it has not seen end. */
export class ReportInUse extends Error {}

const lockFile = (file: string) => `${file}.lock`;

/**
 * Takes `FILE.lock`, holding this process's id. A lock left by a run that was killed (its process is
 * gone) is taken over; one held by a live process is refused.
 */
function lock(file: string) {
  const path = lockFile(file);
  for (let tries = 0; ; tries++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries > 0) throw error;
    }
    const holder = Number(readFileSync(path, 'utf8'));
    if (holder && holder !== process.pid && alive(holder)) {
      throw new ReportInUse(`another sms-task (pid ${holder}) is writing ${file}; if it is gone, remove ${path}`);
    }
    rmSync(path, { force: true });
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
