// What the server is given at start, and only then: where the calls go, the credentials (the CLI's
// variables or --token-file, never a tool's input), concurrency, rate and timeout, where journals
// and plans live, which ids files may be read, which operations may be run and who confirms them.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATIONS } from '@sms-task/client';
import { defaultReportsDir } from './state-dir.js';

export interface Settings {
  endpoint?: string | undefined;
  region?: string | undefined;
  tokenFile?: string | undefined;
  concurrency: number;
  rate?: number | undefined;
  /** Per try of a call, in ms (the client's default otherwise). */
  timeoutMs?: number | undefined;
  /** Journals (`waves/`) and plans (`plans/`). */
  reportsDir: string;
  /** The folder whose files `ids_file` may name; without it no ids file is read. */
  idsDir?: string | undefined;
  /** The operations sms_run_wave may run: none means read-only (the write tools are not listed). */
  writes: ReadonlySet<string>;
  /** `elicit`: the server asks the user per wave; `client`: the host's own approval of each call is trusted. */
  confirm: 'elicit' | 'client';
}

export const USAGE = `usage: sms-task-mcp [--region ID | --endpoint URL] [--token-file FILE] [--concurrency 8] [--rate N]
                    [--timeout MS] [--reports-dir DIR] [--ids-dir DIR] [--allow-write[=OP,OP…]]
                    [--confirm=client]
  An MCP server (stdio) for Huawei Cloud SMS migration waves. Read-only unless --allow-write (every
  operation) or --allow-write=stop,start (only those). Each wave is confirmed by the user through the
  client (elicitation); --confirm=client trusts the host's own approval of each call instead.
  Credentials: SMS_TOKEN or --token-file FILE; else HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
  HUAWEICLOUD_SDK_DOMAIN_ID (and HUAWEICLOUD_SDK_SECURITY_TOKEN). Also SMS_REGION or SMS_ENDPOINT.`;

/** Bad usage: the server does not start (exit 2), saying why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const whole = (flag: string, text: string | undefined, fallback?: number) => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a whole number above 0, got "${text}"`);
  return n;
};

export function readSettings(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Settings & { help: boolean; version: boolean } {
  // `--allow-write` alone means every operation; parseArgs needs a value for a string option.
  const args = argv.map((arg) => (arg === '--allow-write' ? '--allow-write=*' : arg));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'token-file': { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        timeout: { type: 'string' },
        'reports-dir': { type: 'string' },
        'ids-dir': { type: 'string' },
        'allow-write': { type: 'string' },
        confirm: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = (name: string) => values[name] as string | undefined;
  const rate = text('rate');
  if (rate !== undefined && !(Number(rate) > 0)) throw new UsageError(`--rate must be a number above 0, got "${rate}"`);
  const confirm = text('confirm') ?? 'elicit';
  if (confirm !== 'elicit' && confirm !== 'client') {
    throw new UsageError(`--confirm must be client (trust the host's approval of each call), got "${confirm}"`);
  }
  return {
    endpoint: text('endpoint'),
    region: text('region'),
    tokenFile: text('token-file'),
    concurrency: whole('--concurrency', text('concurrency'), 8)!,
    rate: rate === undefined ? undefined : Number(rate),
    timeoutMs: whole('--timeout', text('timeout')),
    reportsDir: resolve(text('reports-dir') ?? defaultReportsDir(env, platform)),
    idsDir: text('ids-dir') === undefined ? undefined : resolve(text('ids-dir')!),
    writes: writes(text('allow-write')),
    confirm,
    help: values.help === true,
    version: values.version === true,
  };
}

/** --allow-write's operations: `*` (the bare flag) is every one the spec lists. */
function writes(value: string | undefined): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (value === '*') return new Set(OPERATIONS);
  const ops = value
    .split(',')
    .map((op) => op.trim().replace(/-/g, '_'))
    .filter(Boolean);
  const unknown = ops.filter((op) => !(OPERATIONS as readonly string[]).includes(op));
  if (!ops.length || unknown.length) {
    throw new UsageError(
      `--allow-write: ${unknown.length ? `unknown operation ${unknown.join(', ')}` : 'no operation'}; ` +
        `use --allow-write (all) or --allow-write=${OPERATIONS.slice(0, 2).join(',')} from ${OPERATIONS.join(', ')}`,
    );
  }
  return new Set(ops);
}
