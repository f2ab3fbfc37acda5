// sms-task wait: until every task is in one of --until's states (exit 0), one fails (1), or --timeout
// runs out (124, as timeout(1)). The engine (@sms-task/wave's wait) decides; this file draws it: a live
// line on a terminal, each task as it arrives with --output ndjson, and why it ended.
import { constants } from 'node:os';
import { TASK_STATES } from '@sms-task/client';
import { createLogUpdate } from 'log-update';
import { createClient, readTasks, type TaskRow, type WaitEnd, type WaitEvent, waitFor } from '@sms-task/wave';
import { CliError, EXIT } from './exit-codes.js';
import { collectIds } from './ids.js';
import { type ReadFlags, timeLeft } from './status.js';

export interface WaitFlags extends ReadFlags {
  until: string;
  timeout: number;
  interval: number;
  keepGoing?: boolean;
  stallPolls: number;
  progress: boolean;
}

/** As timeout(1): the time ran out. */
export const TIMED_OUT = 124;

const say = (text: string) => void (process.stderr.destroyed || process.stderr.write(text));
const write = (text: string) => void (process.stdout.destroyed || process.stdout.write(text));

/** --until's states: each one the spec lists (a typo would wait for ever). */
export function parseUntil(value: string): Set<string> {
  const states = value
    .split(',')
    .map((state) => state.trim().toUpperCase())
    .filter(Boolean);
  const unknown = states.filter((state) => !(TASK_STATES as readonly string[]).includes(state));
  if (!states.length || unknown.length) {
    throw new CliError(
      `--until: ${unknown.length ? `unknown state ${unknown.join(', ')}` : 'no state'}: use ${TASK_STATES.join(', ')}`,
      EXIT.usage,
    );
  }
  return new Set(states);
}

export async function waitCommand(args: string[], flags: WaitFlags): Promise<number> {
  const until = parseUntil(flags.until);
  const ids = await collectIds(args, flags.idsFile, flags.report);
  const client = createClient(flags);
  const aborter = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  let wake = () => {};
  const onSignal = (signal: NodeJS.Signals) => {
    signalled ??= signal;
    aborter.abort();
    wake();
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  // The account's size, learnt by the first round: the later ones choose pages or single reads by it.
  const account = {};
  const live = flags.progress && process.stderr.isTTY ? createLogUpdate(process.stderr) : undefined;
  let end: WaitEnd;
  try {
    end = await waitFor(
      ids,
      {
        until,
        keepGoing: Boolean(flags.keepGoing),
        timeoutMs: flags.timeout,
        intervalMs: flags.interval,
        stallPolls: flags.stallPolls,
        read: (pending, onRow) =>
          readTasks(
            client,
            pending,
            {
              mode: flags.reads,
              concurrency: flags.concurrency,
              rate: flags.rate,
              timeoutMs: flags.readTimeout,
              signal: aborter.signal,
              account,
            },
            onRow,
          ).catch((error: unknown) => {
            if (!aborter.signal.aborted) throw error;
          }),
        sleep: (ms) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          }),
        stopped: () => aborter.signal.aborted,
        now: () => Date.now(),
      },
      (event) => report(event, flags, live),
    );
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    live?.done();
  }
  return finish(end, flags, signalled);
}

/** One event: a line on standard error, a task on standard output (ndjson), or the live line. */
function report(event: WaitEvent, flags: WaitFlags, live: ReturnType<typeof createLogUpdate> | undefined) {
  switch (event.type) {
    case 'arrived':
      if (flags.output === 'ndjson') write(`${JSON.stringify(event.row)}\n`);
      return;
    case 'failed':
      live?.clear();
      if (flags.output === 'ndjson') write(`${JSON.stringify(event.row)}\n`);
      say(`sms-task: ${event.row.task_id} ${event.why}${event.row.error ? `: ${event.row.error}` : ''}\n`);
      return;
    case 'stalled': {
      live?.clear();
      const { task_id, state, progress } = event.row;
      say(`sms-task: ${task_id} has not moved for ${flags.stallPolls} reads (${state}, ${progress ?? '?'}%)\n`);
      return;
    }
    case 'disconnected':
      live?.clear();
      say(`sms-task: ${event.row.task_id}: its source's agent is not connected\n`);
      return;
    case 'unread':
      live?.clear();
      say(`sms-task: ${event.row.task_id} could not be read (${event.row.error}); the wait goes on\n`);
      return;
    case 'poll': {
      if (!live) return;
      const counts = Object.entries(event.counts)
        .map(([state, n]) => `${state} ${n}`)
        .join(' · ');
      const slowest = event.slowest ? ` · slowest ${timeLeft(event.slowest)} left` : '';
      live(`wait: ${event.there}/${event.total} there · ${counts}${slowest}`);
    }
  }
}

function finish(end: WaitEnd, flags: WaitFlags, signalled: NodeJS.Signals | undefined): number {
  const list = (rows: TaskRow[]) =>
    rows
      .slice(0, 20)
      .map((row) => `${row.task_id} ${row.state ?? 'UNKNOWN'}${row.error ? ` (${row.error})` : ''}`)
      .join(', ') + (rows.length > 20 ? `, … ${rows.length - 20} more` : '');
  if (flags.output === 'json') write(`${JSON.stringify(end, null, 2)}\n`);
  switch (end.verdict) {
    case 'there':
      say(`sms-task: every task is ${[...parseUntil(flags.until)].join(' or ')}\n`);
      return EXIT.ok;
    case 'failed':
      say(`sms-task: ${end.failed.length} task(s) will not get there by themselves: ${list(end.failed)}\n`);
      return EXIT.notOk;
    case 'timeout':
      say(`sms-task: timed out; not there: ${list(end.pending)}\n`);
      return TIMED_OUT;
    case 'stopped':
      say(`sms-task: ${signalled}: the wait stopped; run it again to go on (not there: ${end.pending.length})\n`);
      return 128 + constants.signals[signalled ?? 'SIGINT'];
  }
}
