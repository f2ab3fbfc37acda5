// A run's summary, the last line of its journal: its counts, and whether it covered its wave. One
// function makes it, for a run that ended and for a killed one a resume closes.
import type { Outcome } from './outcome.js';

/**
 * `complete` when every id of the source was read and answered, `cut` saying why not, `wave_ok`
 * when every id of the wave has ended ok (in this run or, for a resume, before).
 */
export interface Summary extends Record<Outcome, number> {
  duplicates: number;
  skipped_ok: number;
  ids_read: number;
  ids_not_read: number | null;
  complete: boolean;
  cut: string | null;
  wave_ok: boolean;
}

export interface RunEnd {
  counts: Record<Outcome, number>;
  duplicates: number;
  /** Ids a resume left out: they ended ok before. */
  skipped: number;
  read: number;
  /** Whether the source was read to its end. */
  exhausted: boolean;
  /** The ids the source holds, when known. */
  count: number | undefined;
  dryRun: boolean;
  /** Whether every line of the journal was written. */
  journalOk: boolean;
  cut: string | null;
  /** Tasks the journal holds as not ok that this run did not end ok (a resume from standard input). */
  owed: number;
}

export function summarize(end: RunEnd): Summary {
  const { counts, duplicates } = end;
  const answered = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const complete = end.exhausted && (end.dryRun || counts.not_sent === duplicates) && end.journalOk;
  return {
    ...counts,
    duplicates,
    skipped_ok: end.skipped,
    ids_read: end.read,
    ids_not_read: end.exhausted ? 0 : end.count === undefined ? null : Math.max(0, end.count - end.read),
    complete,
    cut: end.cut,
    wave_ok: complete && !end.dryRun && counts.ok === answered - duplicates && !end.owed,
  };
}
