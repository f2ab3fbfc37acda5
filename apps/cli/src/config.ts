// Where the calls go and who makes them. Credentials come from the environment or a file, never
// from a flag: a flag would show in process lists and shell history.
import { readFileSync } from 'node:fs';
import { createSmsClient, REGIONS, type SmsClient, type SmsClientOptions, SmsValidationError } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { CliError, EXIT } from './exit-codes.js';

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
    throw new CliError(
      `no endpoint: pass --endpoint URL or --region ID (or set SMS_ENDPOINT or SMS_REGION); regions: ${Object.keys(REGIONS).join(', ')}`,
      EXIT.config,
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
    throw new CliError(`AK/SK: ${set} is set but ${unset} is not: set both (or SMS_TOKEN instead)`, EXIT.config);
  }
  if (env.HUAWEICLOUD_SDK_AK && env.HUAWEICLOUD_SDK_SK) {
    try {
      return akskAuth('env');
    } catch (error) {
      throw new CliError(`AK/SK: ${(error as Error).message}`, EXIT.config);
    }
  }
  throw new CliError(`no credentials: ${CREDENTIAL_VARIABLES}`, EXIT.config);
}

/** A dry run's credentials: `tasks.preview` never asks for them, and nothing is sent. */
const NONE: SmsClientOptions['auth'] = {
  apply() {
    throw new Error('a dry run sends nothing');
  },
  secrets: () => [],
  renew: () => false,
};

/** The client of the wave. */
export function createClient(
  flags: Target & { tokenFile?: string | undefined; dryRun?: boolean | undefined },
): SmsClient {
  const target = resolveTarget(flags, process.env);
  const auth = flags.dryRun ? NONE : resolveAuth(flags.tokenFile, process.env);
  try {
    return createSmsClient({ ...target, auth } as SmsClientOptions);
  } catch (error) {
    // A region or endpoint the client refuses: named by a flag or a variable, it is configuration.
    if (error instanceof SmsValidationError) throw new CliError(error.message, EXIT.config);
    throw error;
  }
}

function readToken(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read --token-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      EXIT.config,
    );
  }
  const token = text.trim();
  if (!token) throw new CliError(`--token-file ${file} is empty`, EXIT.config);
  return token;
}
