// One server process's state, shared by every connection's McpServer: the client made from the
// start-up settings, the folders and plans, the waves running, the confirmations asked, and the
// redaction every answer and log line goes through.
import type { SmsClient } from '@sms-task/client';
import { createClient, resolveTarget } from '@sms-task/wave';
import { Confirmations } from './confirm.js';
import { type Folders, folders } from './internal/files.js';
import { type Log, stderrLog } from './log.js';
import { Plans } from './plans.js';
import { type Redactor, redactor, secretsOf } from './redact.js';
import type { Settings } from './settings.js';
import { Waves } from './waves.js';

export interface App {
  settings: Settings;
  client: SmsClient;
  redact: Redactor;
  log: Log;
  folders: Folders;
  plans: Plans;
  waves: Waves;
  confirmations: Confirmations;
  /** Plans being started now: a second call with the same plan must not start a second wave. */
  starting: Set<string>;
  /** `in ap-southeast-3`, or `at the configured endpoint` (its URL is never shown). */
  where: string;
  /** Why this server would not run `operation` (read-only, or not in --allow-write), if it would not. */
  refusal(operation: string): string | undefined;
  now(): number;
}

/** Throws a WaveError (`config`) when the endpoint or the credentials are missing or wrong. */
export function createApp(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  options: { log?: Log; now?: () => number; planTtlMs?: number } = {},
): App {
  const target = { endpoint: settings.endpoint, region: settings.region };
  const client = createClient({ ...target, tokenFile: settings.tokenFile }, env);
  const resolved = resolveTarget(target, env);
  const redact = redactor(secretsOf(resolved, settings.tokenFile, env));
  const log = options.log ?? stderrLog(redact);
  const now = options.now ?? Date.now;
  const dirs = folders(settings.reportsDir);
  const allowed = [...settings.writes].join(',');
  return {
    settings,
    client,
    redact,
    log,
    folders: dirs,
    plans: new Plans(dirs, now, options.planTtlMs),
    waves: new Waves({
      client,
      concurrency: settings.concurrency,
      rate: settings.rate,
      timeoutMs: settings.timeoutMs,
      log,
    }),
    confirmations: new Confirmations(settings.confirm, now),
    starting: new Set(),
    where: resolved.endpoint ? 'at the configured endpoint' : `in ${resolved.region}`,
    refusal: (operation) =>
      settings.writes.has(operation)
        ? undefined
        : settings.writes.size
          ? `this server runs only ${allowed} (--allow-write=${allowed})`
          : 'this server is read-only (started without --allow-write)',
    now,
  };
}
