// Where the calls go and who makes them, for every front end of the engine (the command line, the
// MCP server). Credentials come from the environment or a file, never from a flag or a tool's input:
// a flag would show in process lists and shell history.
import { readFileSync } from 'node:fs';
import { createSmsClient, REGIONS, type SmsClient, type SmsClientOptions, SmsValidationError } from '@sms-task/client';
import { akskAuth, readAkskEnv } from '@sms-task/client/aksk';
import { WaveError } from './errors.js';

export const CREDENTIAL_VARIABLES =
  'set SMS_TOKEN (or --token-file FILE) to an IAM token, or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK ' +
  '(with HUAWEICLOUD_SDK_DOMAIN_ID, and HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys) to sign with AK/SK';

export interface Target {
  endpoint?: string;
  region?: string;
}

/** --endpoint, else --region, else SMS_ENDPOINT or SMS_REGION. */
export function resolveTarget(flags: Target, env: NodeJS.ProcessEnv): Target {
  const endpoint = flags.endpoint ?? (flags.region ? undefined : env.SMS_ENDPOINT);
  const region = flags.region ?? (endpoint ? undefined : env.SMS_REGION);
  if (!endpoint && !region) {
    throw new WaveError(
      `no endpoint: pass --endpoint URL or --region ID (or set SMS_ENDPOINT or SMS_REGION); regions: ${Object.keys(REGIONS).join(', ')}`,
      'config',
    );
  }
  return endpoint ? { endpoint } : { region: region! };
}

/** The credentials, from the environment or --token-file; a dry run needs none. */
export function resolveAuth(tokenFile: string | undefined, env: NodeJS.ProcessEnv): SmsClientOptions['auth'] {
  const token = tokenFile ? readToken(tokenFile) : env.SMS_TOKEN;
  if (token) return { token };
  // One of the pair without the other is a half-done setup: name what is missing.
  if (Boolean(env.HUAWEICLOUD_SDK_AK) !== Boolean(env.HUAWEICLOUD_SDK_SK)) {
    const [set, unset] = env.HUAWEICLOUD_SDK_AK
      ? ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK']
      : ['HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_AK'];
    throw new WaveError(`AK/SK: ${set} is set but ${unset} is not: set both (or SMS_TOKEN instead)`, 'config');
  }
  if (env.HUAWEICLOUD_SDK_AK && env.HUAWEICLOUD_SDK_SK) {
    try {
      // The pair of `env` (the caller's environment), not necessarily this process's.
      return akskAuth(readAkskEnv(env)!);
    } catch (error) {
      throw new WaveError(`AK/SK: ${(error as Error).message}`, 'config');
    }
  }
  throw new WaveError(`no credentials: ${CREDENTIAL_VARIABLES}`, 'config');
}

/** A dry run's credentials: `tasks.preview` never asks for them, and nothing is sent. */
const NONE: SmsClientOptions['auth'] = {
  apply() {
    throw new Error('a dry run sends nothing');
  },
  secrets: () => [],
  renew: () => false,
};

/** The client of the wave: the target and credentials from the settings given and `env`. */
export function createClient(
  settings: Target & { tokenFile?: string | undefined; dryRun?: boolean | undefined },
  env: NodeJS.ProcessEnv = process.env,
): SmsClient {
  const target = resolveTarget(settings, env);
  const auth = settings.dryRun ? NONE : resolveAuth(settings.tokenFile, env);
  try {
    return createSmsClient({ ...target, auth } as SmsClientOptions);
  } catch (error) {
    // A region or endpoint the client refuses: named by a flag or a variable, it is configuration.
    if (error instanceof SmsValidationError) throw new WaveError(error.message, 'config');
    throw error;
  }
}

function readToken(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WaveError(
      `cannot read --token-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      'config',
    );
  }
  const token = text.trim();
  if (!token) throw new WaveError(`--token-file ${file} is empty`, 'config');
  return token;
}
