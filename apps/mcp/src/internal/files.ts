// The server's folders under --reports-dir: `waves/` (one journal a wave, the CLI's format) and
// `plans/` (one file a plan), created private to the user.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Folders {
  waves: string;
  plans: string;
  journal(waveId: string): string;
  plan(planId: string): string;
}

export function folders(reportsDir: string): Folders {
  const waves = join(reportsDir, 'waves');
  const plans = join(reportsDir, 'plans');
  for (const dir of [waves, plans]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    waves,
    plans,
    journal: (waveId) => join(waves, `${waveId}.jsonl`),
    plan: (planId) => join(plans, `${planId}.json`),
  };
}

/** Writes the whole file or nothing (a reader never sees half a plan): a temporary file, then a rename. */
export function writeWhole(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
