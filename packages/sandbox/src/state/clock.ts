// The sandbox's clock: it starts at real time and runs at real time × `timeScale`, plus what
// `advance` added. Every date the sandbox shows (a task's dates, its history, the Date header)
// is read from it, so a six-hour migration can pass in seconds, or only when a test says so.
import { InputError } from './input-error.js';

export interface Clock {
  /** The sandbox's time, Unix ms. */
  now(): number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** `timeScale` 0 stops the clock: only `advance` moves it (a test's time, to the millisecond). */
export function createClock(timeScale: number, realNow: () => number = Date.now): Clock {
  const start = realNow();
  let added = 0;
  return {
    now: () => Math.floor(start + (realNow() - start) * timeScale + added),
    advance(ms) {
      added += ms;
    },
  };
}

/** The ms that `by` (`{ seconds }`, seconds ≥ 0) moves the clock; throws the reason otherwise. */
export function advanceMs(by: unknown): number {
  const keys = by && typeof by === 'object' && !Array.isArray(by) ? Object.keys(by) : [];
  const seconds = (by as { seconds?: unknown } | null)?.seconds;
  if (keys.length !== 1 || keys[0] !== 'seconds' || typeof seconds !== 'number' || !(seconds >= 0)) {
    throw new InputError('advance the clock by { "seconds": n }, n a number ≥ 0');
  }
  if (!Number.isFinite(seconds)) throw new InputError('seconds must be finite');
  return Math.round(seconds * 1000);
}

/** The time scale, checked: a finite number ≥ 0. */
export function checkTimeScale(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputError(
      'timeScale must be a number ≥ 0 (3600: one real second is one sandbox hour; 0 stops the clock)',
    );
  }
  return value;
}
