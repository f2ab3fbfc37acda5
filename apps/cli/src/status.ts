// sms-task status: where each task of a wave stands, read once or, with --watch, every --interval.
// Reads go by pages or one by one (@sms-task/wave's read-tasks); this file draws what they found.
import { constants } from 'node:os';
import Table from 'cli-table3';
import { createLogUpdate } from 'log-update';
import { createColors } from 'picocolors';
import prettyMs from 'pretty-ms';
import { countStates, createClient, type ReadMode, readTasks, type TaskRow } from '@sms-task/wave';
import { EXIT } from './exit-codes.js';
import { collectIds } from './ids.js';
import type { Format } from './output.js';

export interface ReadFlags {
  idsFile?: string;
  report?: string;
  endpoint?: string;
  region?: string;
  tokenFile?: string;
  concurrency: number;
  rate?: number;
  readTimeout?: number;
  reads: ReadMode;
  output: Format;
}

export interface StatusFlags extends ReadFlags {
  watch?: boolean;
  interval: number;
}

const say = (text: string) => void (process.stderr.destroyed || process.stderr.write(text));
const write = (text: string) => void (process.stdout.destroyed || process.stdout.write(text));

/** Reads every id once: the rows in input order, and how many calls it took. */
export async function readRows(
  client: ReturnType<typeof createClient>,
  ids: string[],
  flags: ReadFlags,
  signal?: AbortSignal,
) {
  const rows = new Map<string, TaskRow>();
  const stats = await readTasks(
    client,
    ids,
    { mode: flags.reads, concurrency: flags.concurrency, rate: flags.rate, timeoutMs: flags.readTimeout, signal },
    (row) => rows.set(row.task_id, row),
  );
  return { rows: ids.map((id) => rows.get(id)!), stats };
}

export async function statusCommand(args: string[], flags: StatusFlags): Promise<number> {
  const ids = await collectIds(args, flags.idsFile, flags.report);
  const client = createClient(flags);
  if (!flags.watch) {
    const { rows } = await readRows(client, ids, flags);
    if (flags.output === 'json') write(`${JSON.stringify({ tasks: rows, summary: countStates(rows) }, null, 2)}\n`);
    else if (flags.output === 'ndjson') write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
    else write(`${statusTable(rows, new Set(), Boolean(process.stdout.isTTY))}\n`);
    return rows.every((row) => row.state !== null) ? EXIT.ok : EXIT.notOk;
  }
  return watch(client, ids, flags);
}

/** --watch: redrawn in place on a terminal (changes marked), one ndjson line a change elsewhere; Ctrl-C ends it with 0. */
async function watch(client: ReturnType<typeof createClient>, ids: string[], flags: StatusFlags): Promise<number> {
  const aborter = new AbortController();
  let exitCode: number = EXIT.ok;
  let wake = () => {};
  const onSignal = (signal: NodeJS.Signals) => {
    exitCode = signal === 'SIGINT' ? EXIT.ok : 128 + constants.signals[signal];
    aborter.abort();
    wake();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  const tty = Boolean(process.stdout.isTTY) && flags.output === 'table';
  const draw = tty ? createLogUpdate(process.stdout) : undefined;
  const last = new Map<string, string>();
  try {
    while (!aborter.signal.aborted) {
      let rows: TaskRow[];
      try {
        ({ rows } = await readRows(client, ids, flags, aborter.signal));
      } catch (error) {
        if (aborter.signal.aborted) break;
        throw error;
      }
      const changed = new Set<string>();
      for (const row of rows) {
        const text = JSON.stringify(row);
        if (last.get(row.task_id) !== text) changed.add(row.task_id);
        last.set(row.task_id, text);
      }
      if (draw) {
        const at = new Date().toLocaleTimeString();
        const every = prettyMs(flags.interval, { compact: true });
        draw(`${statusTable(rows, changed, true)}\nread at ${at} · every ${every} · * changed · Ctrl-C ends`);
      } else {
        // In a pipe, one line a task whose row changed (every task on the first read).
        write(
          rows
            .filter((row) => changed.has(row.task_id))
            .map((row) => `${JSON.stringify(row)}\n`)
            .join(''),
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, flags.interval);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    draw?.done();
  }
  if (exitCode !== EXIT.ok) say(`sms-task: status --watch ended by a signal\n`);
  return exitCode;
}

/** Left in seconds, as `3h 12m`. */
export const timeLeft = (seconds: number | null) =>
  seconds === null ? '' : seconds === 0 ? '0s' : prettyMs(seconds * 1000, { unitCount: 2, secondsDecimalDigits: 0 });

/** The rows as a table, the counts per state and the wave's progress as a whole. */
export function statusTable(rows: TaskRow[], changed: ReadonlySet<string>, colours: boolean): string {
  const color = createColors(colours && !('NO_COLOR' in process.env));
  const paint = (state: string | null) =>
    state === null || /FAIL/.test(state)
      ? color.red
      : /SUCCESS/.test(state)
        ? color.green
        : state === 'ABORT'
          ? color.yellow
          : (text: string) => text;
  const table = new Table({
    head: ['', 'task', 'name', 'state', 'progress', 'Mbit/s', 'left', 'agent', 'error'],
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    colWidths: [null, null, null, null, null, null, null, null, 50],
  });
  for (const row of rows) {
    table.push([
      changed.has(row.task_id) ? color.yellow('*') : '',
      row.task_id,
      row.name ?? '',
      paint(row.state)(row.state ?? 'UNKNOWN'),
      row.progress === null ? '' : `${row.progress}%`,
      row.migrate_speed === null ? '' : row.migrate_speed,
      timeLeft(row.remain_seconds),
      row.connected === null ? '' : row.connected ? 'connected' : color.red('offline'),
      row.error ?? '',
    ]);
  }
  const counts = Object.entries(countStates(rows))
    .map(([state, n]) => `${state} ${n}`)
    .join(' · ');
  return `${table.toString()}\n${rows.length} tasks: ${counts}${waveProgress(rows)}`;
}

/** The wave as a whole: the mean progress of the tasks that report one, and the slowest time left. */
function waveProgress(rows: TaskRow[]): string {
  const progress = rows.filter((row) => row.progress !== null);
  const mean = progress.length
    ? ` · progress ${Math.round(progress.reduce((sum, row) => sum + row.progress!, 0) / progress.length)}%`
    : '';
  const slowest = rows.reduce((most, row) => Math.max(most, row.remain_seconds ?? 0), 0);
  return `${mean}${slowest > 0 ? ` · slowest ${timeLeft(slowest)} left` : ''}`;
}
