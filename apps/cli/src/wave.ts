// The wave: each task through the client, at most `concurrency` in flight (a task's retries stay
// within its slot), at most `rate` calls started a second, results handed on in input order as soon
// as they and all before them are done. Ids are read only as slots free up, and finished results are
// not kept, so memory stays flat however many ids come in.
import PQueue from 'p-queue';
import { notSent, type Result, resultOf } from './outcome.js';

export interface WaveOptions {
  ids: AsyncIterable<string>;
  operation: string;
  /** Sends one task's call; rejects with the client's error. */
  send(taskId: string): Promise<{ status: number; requestId?: string | undefined }>;
  /** The error of a call in flight when the wave is aborted. */
  aborted(): Error;
  /** How many tries the client made for `taskId` since `resetTries(taskId)`; forgets them. */
  takeTries(taskId: string): number;
  resetTries(taskId: string): void;
  /** Resolves when the output can take more (standard output drained), before more ids are read. */
  ready?(): Promise<void> | undefined;
  concurrency: number;
  rate?: number | undefined;
  /** Called once per task, in input order. */
  onResult(result: Result): void;
}

export interface Wave {
  done: Promise<void>;
  /** First Ctrl-C: send nothing more, let the calls in flight finish. */
  stop(): void;
  /** Second Ctrl-C: abort the calls in flight too. */
  abort(): void;
  readonly stopped: boolean;
}

/** p-queue's interval options for `rate` calls a second, evenly spread (never a burst of a second's calls). */
function rateOptions(rate: number) {
  const intervalCap = Math.max(1, Math.floor(rate / 100));
  return { intervalCap, interval: (1000 * intervalCap) / rate };
}

export function runWave(options: WaveOptions): Wave {
  const { concurrency, operation } = options;
  const queue = new PQueue({ concurrency, ...(options.rate ? rateOptions(options.rate) : {}) });
  // An abort ends the waits for the calls in flight; their connections close as the process exits.
  // (No AbortSignal a call: following one costs every request, and only a second Ctrl-C needs it.)
  const inFlight = new Set<(error: Error) => void>();
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
    finished.set(index, result);
    emit();
  };

  async function callOne(index: number, taskId: string) {
    if (stopped) return finish(index, notSent(taskId, operation, 'interrupted before it was sent'));
    options.resetTries(taskId);
    const started = performance.now();
    const base = () => ({
      task_id: taskId,
      operation,
      attempts: options.takeTries(taskId),
      duration_ms: Math.round(performance.now() - started),
    });
    let abort!: (error: Error) => void;
    const aborted = new Promise<never>((_, reject) => {
      abort = reject;
    });
    inFlight.add(abort);
    try {
      const answer = await Promise.race([options.send(taskId), aborted]);
      finish(index, resultOf(base(), answer));
    } catch (error) {
      finish(index, resultOf(base(), undefined, error));
    } finally {
      inFlight.delete(abort);
    }
  }

  async function read() {
    const iterator = options.ids[Symbol.asyncIterator]();
    for (let index = 0; ; index++) {
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
      await options.ready?.();
      const item = await untilStop(iterator.next());
      if (item === 'stop' || item.done) break;
      const taskId = item.value;
      void queue.add(() => callOne(index, taskId));
    }
    // On a stop the iterator may still wait for standard input: let it go without waiting for it.
    if (stopped) void iterator.return?.()?.catch(() => {});
    else await iterator.return?.();
    await queue.onIdle();
    emit();
  }

  return {
    done: read(),
    stop() {
      stopped = true;
      for (const wake of stopWaiters) wake();
    },
    abort() {
      for (const abort of inFlight) abort(options.aborted());
    },
    get stopped() {
      return stopped;
    },
  };
}
