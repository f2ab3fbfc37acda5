// The waves this server runs, in the background: each one the engine's run with its journal under
// --reports-dir/waves, its live counts, and who waits for it. Stopping the server stops them as the
// CLI's first signal does (no new calls, the calls in flight finish, the journal is completed).
import type { SmsClient, TaskActionRequest } from '@sms-task/client';
import { emptyCounts, type Outcome, type Plan, startWave, type WaveEnded, type WaveRun } from '@sms-task/wave';
import type { Log } from './log.js';

export interface LiveWave {
  id: string;
  operation: string;
  /** The tasks it sends (or reads first), when known. */
  total: number | undefined;
  /** Results so far, repeats and invalid ids included. */
  counts: Record<Outcome, number>;
  state: 'running' | 'stopping';
  /** Resolves when the wave has ended and its journal is closed (never rejects). */
  ended: Promise<WaveEnded | Error>;
  /** Called on each result and at the end; returns the function that stops the calls. */
  watch(listener: () => void): () => void;
}

export interface WaveSettings {
  client: SmsClient;
  concurrency: number;
  rate?: number | undefined;
  timeoutMs?: number | undefined;
  log: Log;
}

export class Waves {
  readonly #live = new Map<string, LiveWave & { run: WaveRun }>();

  constructor(private readonly settings: WaveSettings) {}

  get(id: string): LiveWave | undefined {
    return this.#live.get(id);
  }

  /** Starts a wave; rejects (a WaveError) when its journal cannot be opened: then nothing was sent. */
  async start(wave: {
    id: string;
    operation: string;
    request: TaskActionRequest;
    plan: Plan;
    journal: string;
    total: number | undefined;
  }): Promise<LiveWave> {
    const { client, concurrency, rate, timeoutMs, log } = this.settings;
    const listeners = new Set<() => void>();
    const tell = () => {
      for (const listener of listeners) listener();
    };
    const counts = emptyCounts();
    let live: (LiveWave & { run: WaveRun }) | undefined;
    const run = await startWave(
      {
        client,
        operation: wave.operation,
        request: wave.request,
        timeoutMs,
        plan: wave.plan,
        journalFile: wave.journal,
        dryRun: false,
        concurrency,
        rate,
        resendUnknown: false,
      },
      {
        onResult(result) {
          counts[result.outcome]++;
          tell();
        },
        onNote: (text) => log(`${wave.id}: ${text}`),
        onJournalError(error) {
          const why = `its journal could not be written (${(error as NodeJS.ErrnoException).code ?? error.message})`;
          log(`${wave.id}: ${why}: stopping`);
          live?.run.stop(why);
        },
      },
    );
    const ended = run.done.then(
      (end) => end,
      (error: Error) => error,
    );
    live = {
      id: wave.id,
      operation: wave.operation,
      total: wave.total,
      counts,
      state: 'running',
      ended,
      run,
      watch(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    this.#live.set(wave.id, live);
    log(`${wave.id}: ${wave.operation} started (${wave.total ?? 'an unknown number of'} tasks)`);
    void ended.then((end) => {
      this.#live.delete(wave.id);
      log(
        end instanceof Error
          ? `${wave.id}: ended with an error: ${end.message}`
          : `${wave.id}: ended: ${outcomes(end.summary)}${end.summary.cut ? ` (cut: ${end.summary.cut})` : ''}`,
      );
      tell();
      listeners.clear();
    });
    return live;
  }

  /** The first signal: no new calls, the calls in flight finish. */
  stop(id: string, reason: string): boolean {
    const live = this.#live.get(id);
    if (!live) return false;
    live.state = 'stopping';
    live.run.stop(reason);
    return true;
  }

  /** The second: the calls in flight are aborted too (they are recorded as failed: they may have acted). */
  abort(id: string, reason: string): boolean {
    if (!this.stop(id, reason)) return false;
    this.#live.get(id)!.run.abort();
    return true;
  }

  /** Stops every wave and resolves when their journals are closed. */
  async stopAll(reason: string): Promise<void> {
    const ending = [...this.#live.values()].map((live) => (this.stop(live.id, reason), live.ended));
    await Promise.all(ending);
  }

  abortAll(reason: string): void {
    for (const id of [...this.#live.keys()]) this.abort(id, reason);
  }
}

const outcomes = (counts: Record<Outcome, number>) =>
  (['ok', 'refused', 'failed', 'invalid', 'not_sent'] as const).map((o) => `${o} ${counts[o]}`).join(', ');
