// The queue of a wave: each task through the client, at most `concurrency` in flight (a task's retries stay
// within its slot), at most `rate` calls started a second, each id sent at most once, results
// handed on in input order as soon as they and all before them are done. Ids are read only as slots
// free up, and finished results are not kept, so memory stays flat however many ids come in (but
// for one number a distinct id, to know a repeat).
import { setMaxListeners } from 'node:events';
import { SmsAbortError } from '@sms-task/client';
import PQueue from 'p-queue';
import { rateOptions } from './rate.js';
import { type Answer, type Base, errorResult, notSent, okResult, type Result, repeated } from './outcome.js';
import type { Read } from './source.js';

export interface QueueOptions {
  reads: AsyncIterable<Read>;
  operation: string;
  /** `ids.txt:17` for a place of the source. */
  place(at: number): string;
  /** A task left out without a result (a resume: it ended ok before). */
  skip?(taskId: string): boolean;
  /**
   * A task's call, checked once, as the client checks it (throws its SmsValidationError): the send
   * does not check it again.
   */
  prepare(taskId: string): TaskCall;
  /** Check only, send nothing. */
  dryRun: boolean;
  /** Records that the task is about to be sent; `false` when that record could not be written: it is not sent. */
  onSend(taskId: string, line: string): boolean;
  /** Called as soon as a task's result is known, in any order. */
  onSettled(result: Result): void;
  /** Called once per id read, in input order. */
  onResult(result: Result): void;
  /** Resolves when the output can take more (standard output drained), before more ids are read. */
  ready?(): Promise<void> | undefined;
  concurrency: number;
  rate?: number | undefined;
}

/** One task's checked call. */
export interface TaskCall {
  /** What would be sent (a dry run's line). */
  preview(): string;
  /** Sends it; rejects with the client's error. */
  send(signal: AbortSignal): Promise<Answer>;
}

export interface QueueEnd {
  /** Ids read from the source, repeats included. */
  read: number;
  /** Ids left out by `skip`. */
  skipped: number;
  /** Whether the source was read to its end. */
  exhausted: boolean;
}

export interface Queue {
  done: Promise<QueueEnd>;
  /** The first signal: send nothing more, let the calls in flight finish. */
  stop(): void;
  /** The second: abort the calls in flight too. */
  abort(): void;
  readonly stopped: boolean;
}

export function runQueue(options: QueueOptions): Queue {
  const { concurrency, operation } = options;
  const queue = new PQueue({ concurrency, ...(options.rate ? rateOptions(options.rate) : {}) });
  // One signal for every call: the second signal aborts them all through the client.
  const aborter = new AbortController();
  setMaxListeners(0, aborter.signal);
  let stopped = false;
  // Waits that a stop cuts short. Each wait removes itself when it ends: racing one long-lived
  // promise instead would keep a reaction per wait, and memory would grow with every id.
  const stopWaiters = new Set<() => void>();
  const untilStop = <T>(promise: Promise<T>) =>
    new Promise<T | 'stop'>((resolve, reject) => {
      const wake = () => resolve('stop');
      stopWaiters.add(wake);
      promise.then(
        (value) => {
          stopWaiters.delete(wake);
          resolve(value);
        },
        (error: unknown) => {
          stopWaiters.delete(wake);
          reject(error);
        },
      );
    });

  // Results wait here until every one before them is done; the window bounds how far ahead we read.
  const finished = new Map<number, Result>();
  const window = concurrency * 16;
  let next = 0;
  let emitted: () => void = () => {};
  const emit = () => {
    while (finished.has(next)) {
      const result = finished.get(next)!;
      finished.delete(next++);
      options.onResult(result);
    }
    emitted();
  };
  const finish = (index: number, result: Result) => {
    options.onSettled(result);
    finished.set(index, result);
    emit();
  };

  async function callOne(index: number, taskId: string, line: string) {
    const started = performance.now();
    const base = (): Base => ({
      task_id: taskId,
      operation,
      line,
      duration_ms: Math.round(performance.now() - started),
    });
    if (stopped) return finish(index, notSent(base(), 'the wave was cut off before it was sent'));
    let call: TaskCall;
    try {
      call = options.prepare(taskId);
      if (options.dryRun) return finish(index, notSent(base(), call.preview()));
    } catch (error) {
      return finish(index, errorResult(base(), error));
    }
    // Nothing leaves without its `sent` record: a resume must know the call may have acted.
    if (!options.onSend(taskId, line)) return finish(index, notSent(base(), 'the report could not be written'));
    try {
      finish(index, okResult(base(), await call.send(aborter.signal)));
    } catch (error) {
      const result = errorResult(base(), error);
      if (error instanceof SmsAbortError && aborter.signal.aborted) {
        result.error_msg = 'aborted by a second signal while in flight: it may have acted';
      }
      finish(index, result);
    }
  }

  async function read(): Promise<QueueEnd> {
    // The first place each id was read: a repeat is reported, never sent.
    const seen = new Map<string, number>();
    const end: QueueEnd = { read: 0, skipped: 0, exhausted: false };
    const iterator = options.reads[Symbol.asyncIterator]();
    for (let index = 0; ; ) {
      // Read the next id only when a slot is about to free up and the window has room.
      while (!stopped && (queue.size >= concurrency || index - next >= window)) {
        await untilStop(
          Promise.race([
            queue.onSizeLessThan(concurrency),
            new Promise<void>((resolve) => {
              emitted = resolve;
            }),
          ]),
        );
      }
      if (stopped) break;
      // A reader that stopped reading must not hold the wave past a signal.
      const ready = options.ready?.();
      if (ready && (await untilStop(ready)) === 'stop') break;
      const item = await untilStop(iterator.next());
      if (item === 'stop') break;
      if (item.done) {
        end.exhausted = true;
        break;
      }
      end.read++;
      const { id, at } = item.value;
      const first = seen.get(id);
      if (first !== undefined) {
        const line = options.place(at);
        finish(index++, repeated({ task_id: id, operation, line, duration_ms: 0 }, options.place(first)));
        continue;
      }
      seen.set(id, at);
      if (options.skip?.(id)) {
        end.skipped++;
        continue;
      }
      const taskIndex = index++;
      void queue.add(() => callOne(taskIndex, id, options.place(at)));
    }
    // On a stop the iterator may still wait for standard input: let it go without waiting for it.
    if (stopped) void iterator.return?.()?.catch(() => {});
    else await iterator.return?.();
    await queue.onIdle();
    emit();
    return end;
  }

  return {
    done: read(),
    stop() {
      stopped = true;
      for (const wake of stopWaiters) wake();
    },
    abort() {
      aborter.abort();
    },
    get stopped() {
      return stopped;
    },
  };
}
