// Plans, kept under --reports-dir/plans until they expire: what sms_plan_wave found, bound to the
// wave it describes (its source, or the journal it resumes, as they were), and run at most once.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Source } from '@sms-task/wave';
import { type Folders, writeWhole } from './internal/files.js';
import { PLAN_ID } from './internal/ids.js';

export const PLAN_TTL_MS = 15 * 60_000;

export interface StoredPlan {
  plan_id: string;
  created_at: number;
  expires_at: number;
  operation: string;
  /** The request body: `operation` and the fields given. */
  body: Record<string, unknown>;
  /** The tasks the wave would send (or read first): what sms_run_wave's `task_count` must echo. */
  task_count: number;
  /** The ids the source holds (repeats and invalid ones included). */
  count: number | undefined;
  /** A new wave's source, as it was planned (an ids file with its SHA-256). */
  source: Source | null;
  /** The wave a resume finishes, and its journal's length when planned (a journal that grew since is another wave). */
  resume: { wave_id: string; length: number } | null;
  /** The confirmation's text. */
  message: string;
  /** The wave it started, once run. */
  ran_as?: string;
}

export type Loaded = { plan: StoredPlan } | { problem: string };

export class Plans {
  constructor(
    private readonly folders: Folders,
    private readonly now: () => number,
    private readonly ttlMs = PLAN_TTL_MS,
  ) {}

  save(plan: Omit<StoredPlan, 'created_at' | 'expires_at'>): StoredPlan {
    this.#forgetExpired();
    const created_at = this.now();
    const stored = { ...plan, created_at, expires_at: created_at + this.ttlMs };
    writeWhole(this.folders.plan(plan.plan_id), JSON.stringify(stored));
    return stored;
  }

  /** The plan, or why it cannot be run (said so that an agent knows what to do next). */
  load(planId: string): Loaded {
    const again = 'make a new one with sms_plan_wave';
    if (!PLAN_ID.test(planId)) return { problem: `unknown plan_id ${planId}: ${again}` };
    let plan: StoredPlan;
    try {
      plan = JSON.parse(readFileSync(this.folders.plan(planId), 'utf8'));
    } catch {
      return { problem: `unknown plan_id ${planId}: ${again}` };
    }
    if (plan.ran_as) {
      return {
        problem: `plan ${planId} already ran as wave ${plan.ran_as}: see sms_wave_status; to finish that wave, plan its resume`,
      };
    }
    if (this.now() >= plan.expires_at) {
      return { problem: `plan ${planId} expired at ${new Date(plan.expires_at).toISOString()}: ${again}` };
    }
    return { plan };
  }

  markRan(plan: StoredPlan, waveId: string): void {
    writeWhole(this.folders.plan(plan.plan_id), JSON.stringify({ ...plan, ran_as: waveId }));
  }

  /** Plans expired long enough ago that nobody can be told anything useful about them. */
  #forgetExpired() {
    for (const name of readdirSync(this.folders.plans)) {
      const file = join(this.folders.plans, name);
      try {
        if (this.now() - statSync(file).mtimeMs > 4 * this.ttlMs) rmSync(file, { force: true });
      } catch {}
    }
  }
}
