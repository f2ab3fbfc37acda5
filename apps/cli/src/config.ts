// Where the calls go and who makes them. Credentials come from the environment or a file, never
// from a flag: a flag would show in process lists and shell history.
import { readFileSync } from 'node:fs';
import { REGIONS, type Authenticator } from '@sms-task/client';
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

/**
 * The credentials, wrapped so that every try of a call is counted (`tries`): the client retries on
 * its own, and the report says how many tries each task took.
 */
export function resolveAuth(
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv,
  tries: (request: Request) => void,
): Authenticator {
  let inner: Authenticator;
  const token = tokenFile ? readToken(tokenFile) : env.SMS_TOKEN;
  if (token) {
    inner = {
      apply: (request) => request.headers.set('X-Auth-Token', token),
      secrets: () => [token],
      renew: () => false,
    };
  } else if (env.HUAWEICLOUD_SDK_AK && env.HUAWEICLOUD_SDK_SK) {
    try {
      inner = akskAuth('env');
    } catch (error) {
      throw new CliError(`AK/SK: ${(error as Error).message}`, EXIT.config);
    }
  } else {
    throw new CliError(`no credentials: ${CREDENTIAL_VARIABLES}`, EXIT.config);
  }
  return {
    apply(request) {
      tries(request);
      return inner.apply(request);
    },
    secrets: (request) => inner.secrets(request),
    renew: (request) => inner.renew(request),
  };
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
