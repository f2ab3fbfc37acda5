// Where a wave stands, from its journal (the one record that outlives the server, a kill -9
// included) and, while it runs here, from the live wave: the outcome of each task as last
// recorded, across the wave's runs (a resume appends to the same journal), and the tasks not ok.
import { readFileSync } from 'node:fs';
import type { Outcome } from '@sms-task/wave';
import type { LiveWave } from './waves.js';

export type WaveState = 'running' | 'stopping' | 'done' | 'cut' | 'interrupted';

export interface WaveRow {
  task_id: string;
  outcome: Outcome;
  status: number | null;
  error_code: string | null;
  error_msg: string | null;
  state: string | null;
  may_have_acted: boolean | null;
}

export interface WaveView {
  wave_id: string;
  operation: string;
  /**
   * `done`: the last run read and answered every id; `cut`: it was stopped first; `interrupted`: the
   * server running it was killed (no summary): plan its resume.
   */
  state: WaveState;
  /** Each task's last outcome (repeats of an id count as not_sent). */
  counts: Record<Outcome, number>;
  /** Sent and not answered yet (or, when interrupted, never answered: they may have acted). */
  in_flight: number;
  /** Ids of the source the last run did not read (it was cut first); null while it runs. */
  ids_not_read: number | null;
  /** Whether every task of the wave has ended ok. */
  wave_ok: boolean;
  cut: string | null;
  /** The tasks not ok, in the journal's order: a page of them. */
  rows: WaveRow[];
  rows_total: number;
  next_offset: number | null;
}

const MESSAGE = 200;
const short = (text: unknown) =>
  typeof text === 'string' ? (text.length > MESSAGE ? `${text.slice(0, MESSAGE - 1)}…` : text) : null;

/** The view of the journal at `file`, or undefined when there is none. */
export function viewWave(
  waveId: string,
  file: string,
  live: LiveWave | undefined,
  page: { offset: number; limit: number },
): WaveView | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n');
  let operation = '';
  let last: Record<string, any> | undefined;
  let summary: Record<string, any> | undefined;
  const tasks = new Map<string, WaveRow | 'sent'>();
  let repeats = 0;
  for (const line of lines) {
    if (!line) continue;
    let entry: Record<string, any>;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    last = entry;
    if (entry.type === 'wave') operation = entry.operation;
    else if (entry.type === 'resume') {
      summary = undefined;
      repeats = 0;
    } else if (entry.type === 'sent') tasks.set(entry.task_id, 'sent');
    else if (entry.type === 'summary') summary = entry;
    else if (entry.type === 'result' && entry.repeats) repeats++;
    else if (entry.type === 'result') {
      // Re-inserted, so that the order is the order in which tasks last ended.
      tasks.delete(entry.task_id);
      tasks.set(entry.task_id, {
        task_id: entry.task_id,
        outcome: entry.outcome,
        status: entry.status ?? null,
        error_code: entry.error_code ?? null,
        error_msg: short(entry.error_msg),
        state: entry.state ?? null,
        may_have_acted: entry.may_have_acted ?? null,
      });
    }
  }
  const counts: Record<Outcome, number> = { ok: 0, refused: 0, failed: 0, invalid: 0, not_sent: repeats };
  let inFlight = 0;
  const notOk: WaveRow[] = [];
  for (const row of tasks.values()) {
    if (row === 'sent') {
      inFlight++;
      continue;
    }
    counts[row.outcome]++;
    if (row.outcome !== 'ok') notOk.push(row);
  }
  const state: WaveState = live
    ? live.state
    : last?.type === 'summary'
      ? summary?.complete
        ? 'done'
        : 'cut'
      : 'interrupted';
  const rows = notOk.slice(page.offset, page.offset + page.limit);
  const next = page.offset + rows.length;
  return {
    wave_id: waveId,
    operation,
    state,
    counts,
    in_flight: inFlight,
    ids_not_read: live ? null : (summary?.ids_not_read ?? null),
    wave_ok: !live && summary?.wave_ok === true,
    cut: live ? null : (summary?.cut ?? null),
    rows,
    rows_total: notOk.length,
    next_offset: next < notOk.length ? next : null,
  };
}

/** The view without its rows: a wave in short. */
export const summaryOf = ({ rows: _rows, rows_total: _total, next_offset: _next, ...summary }: WaveView) => summary;
