// Nothing secret leaves the server: not the credentials (the token, the AK/SK pair, the security
// token) and not where the calls go (the endpoint URL, its origin and host), in no tool result, log
// line or error. Every text that leaves passes through here, so that a message from deep below
// (a socket error naming host:port, a server echoing a header) cannot carry one out.
import { readFileSync } from 'node:fs';
import { REGIONS } from '@sms-task/client';

export const REDACTED = '[redacted]';

export interface Redactor {
  text(text: string): string;
  /** A copy of `value` with every string in it redacted. */
  value<T>(value: T): T;
}

export function redactor(secrets: readonly (string | undefined)[]): Redactor {
  // Longest first, so that a URL goes before the host inside it; short values would mangle ordinary text.
  const found = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (input: string) => found.reduce((out, secret) => out.split(secret).join(REDACTED), input);
  const value = <T>(input: T): T => {
    const walk = (v: unknown): unknown =>
      typeof v === 'string'
        ? text(v)
        : Array.isArray(v)
          ? v.map(walk)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
            : v;
    return walk(input) as T;
  };
  return { text, value };
}

/** What must not leave: the credentials in `env` or the token file, and the endpoint's URL, origin and host. */
export function secretsOf(
  target: { endpoint?: string | undefined; region?: string | undefined },
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv,
): string[] {
  const secrets = [
    env.SMS_TOKEN,
    env.HUAWEICLOUD_SDK_AK,
    env.HUAWEICLOUD_SDK_SK,
    env.HUAWEICLOUD_SDK_SECURITY_TOKEN,
  ].filter((s): s is string => Boolean(s));
  if (tokenFile) {
    try {
      secrets.push(readFileSync(tokenFile, 'utf8').trim());
    } catch {}
  }
  const base = target.endpoint ?? (target.region ? (REGIONS as Record<string, string>)[target.region] : undefined);
  if (base && URL.canParse(base)) {
    const url = new URL(base);
    secrets.push(base, url.href, url.origin, url.host, url.hostname);
  }
  return secrets;
}
