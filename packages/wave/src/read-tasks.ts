// Where many tasks stand, for the fewest calls: by pages of the list read when walking the account
// costs fewer calls than one read per task (a 2,000-task wave: 10 pages, not 2,000 reads), else
// one read per task. A list page has no `connected` nor `remain_seconds` (the spec's TaskListItem):
// `mode: 'single'` reads each task when those matter. An id no page holds is read alone, which
// also tells a task that moved between pages during the walk from one the service does not know.
import { setMaxListeners } from 'node:events';
import { type SmsClient, SmsError, type Task, type TaskListItem } from '@sms-task/client';
import { spec } from '@sms-task/spec';
import PQueue from 'p-queue';
import { rateOptions } from './rate.js';
import { type TaskRow, taskRow, unreadRow } from './task-row.js';

export type ReadMode = 'auto' | 'pages' | 'single';

export interface ReadOptions {
  mode: ReadMode;
  /** Reads in flight at most. */
  concurrency: number;
  /** Reads started a second at most. */
  rate?: number | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /** What an earlier round learnt of the account (how many tasks it lists), kept by the caller between rounds. */
  account?: { count?: number };
}

export interface ReadStats {
  pages: number;
  reads: number;
}

const listParameter = (name: string) =>
  (spec.dereference(spec.list!.operation.parameters) as { name: string; schema: { maximum: number } }[]).find(
    (parameter) => parameter.name === name,
  )!.schema;
/** The largest page of the list read (the spec's `limit` maximum, as the client walks it). */
const PAGE = listParameter('limit').maximum;
/** The last offset the list read takes (65,535): past its page, tasks are read one by one. */
const LAST_OFFSET = listParameter('offset').maximum;

/**
 * A row for each of `ids` (distinct), in any order, through `onRow`; resolves with the calls made.
 * A read that fails after the client's retries gives a row with `state: null` and the error.
 */
export async function readTasks(
  client: SmsClient,
  ids: readonly string[],
  options: ReadOptions,
  onRow: (row: TaskRow) => void,
): Promise<ReadStats> {
  const stats: ReadStats = { pages: 0, reads: 0 };
  const queue = new PQueue({ concurrency: options.concurrency, ...(options.rate ? rateOptions(options.rate) : {}) });
  const request = { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), signal: options.signal };
  if (options.signal) setMaxListeners(0, options.signal);
  const missing = new Set(ids);
  const found = (task: Task | TaskListItem, date: number | undefined) => {
    if (!missing.delete(task.id)) return;
    onRow(taskRow(task, date ?? Date.now()));
  };

  const known = options.account?.count;
  // Two ids cost two reads at most: a first page could only cost as much. Once the account's size is
  // known (a wait's earlier round), the cheaper way is known too.
  const byPages =
    options.mode === 'pages' ||
    (options.mode === 'auto' && ids.length > 2 && (known === undefined || Math.ceil(known / PAGE) < ids.length));
  if (byPages) {
    const first = await queue.add(() => listPage(client, 0, request, stats));
    if (first) {
      if (options.account) options.account.count = first.data.count;
      for (const task of first.data.tasks) found(task, first.date);
      const pages = Math.min(Math.ceil(first.data.count / PAGE), Math.floor(LAST_OFFSET / PAGE) + 1);
      // Walk on only while the pages left cost fewer calls than reading the missing ids one by one.
      if (options.mode === 'pages' || pages - 1 < missing.size) {
        const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => (i + 1) * PAGE);
        await Promise.all(
          rest.map((offset) =>
            queue.add(async () => {
              if (!missing.size) return;
              const page = await listPage(client, offset, request, stats);
              for (const task of page?.data.tasks ?? []) found(task, page!.date);
            }),
          ),
        );
      }
    }
  }
  // The ids left, one read each, fed to the queue as it drains: 30,000 queued reads would hold a
  // closure and a promise each.
  const reads: Promise<void>[] = [];
  for (const id of [...missing]) {
    if (queue.size >= options.concurrency) await queue.onSizeLessThan(options.concurrency);
    reads.push(
      queue.add(async () => {
        stats.reads++;
        try {
          const { data, date } = await client.tasks.read(id, request);
          found({ ...data, id }, date);
        } catch (error) {
          if (options.signal?.aborted) throw error;
          missing.delete(id);
          onRow(unreadRow(id, describe(error)));
        }
      }),
    );
    // Settled reads leave the list, so that it stays as short as the queue.
    if (reads.length >= 4 * options.concurrency) await Promise.all(reads.splice(0));
  }
  await Promise.all(reads);
  return stats;
}

/** One page, or undefined when it cannot be read (its ids are then read one by one). */
async function listPage(client: SmsClient, offset: number, request: object, stats: ReadStats) {
  stats.pages++;
  try {
    return await client.tasks.list({ limit: PAGE, offset }, request);
  } catch (error) {
    if ((request as { signal?: AbortSignal }).signal?.aborted) throw error;
    return undefined;
  }
}

/** An error as one line: the status and code of an API error, else the client's message. */
export function describe(error: unknown): string {
  const api = error as { status?: number; errorCode?: string; errorMsg?: string };
  if (api.status !== undefined && (api.errorCode || api.errorMsg)) {
    return [api.status, api.errorCode, api.errorMsg].filter(Boolean).join(' ');
  }
  return error instanceof SmsError ? `${error.name}: ${error.message}` : String(error);
}
