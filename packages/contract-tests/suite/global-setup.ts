// Starts a Prism mock of the spec for the whole run, unless SMS_CONTRACT_BASE_URL points the
// suite at a real endpoint. Prism is stopped at the end, also when tests fail.
import type { TestProject } from 'vitest/node';
import { CREDENTIALS_NEEDED, endpointCredentials } from './endpoint-credentials.js';
import { startPrism, type PrismProcess } from '@sms-task/contract-tests/prism';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** `mock` when the suite runs against its own Prism: only then can errors be forced. */
    target: 'mock' | 'endpoint';
    /** `token` (X-Auth-Token) or `aksk` (signing with HUAWEICLOUD_SDK_AK/_SK, for an endpoint given no token). */
    credentials: 'token' | 'aksk';
    /** The X-Auth-Token; empty with AK/SK. */
    token: string;
  }
}

let prism: PrismProcess | undefined;

export async function setup(project: TestProject) {
  const external = process.env.SMS_CONTRACT_BASE_URL?.replace(/\/+$/, '');
  if (external) {
    const credentials = endpointCredentials(process.env);
    if (!credentials) throw new Error(`SMS_CONTRACT_BASE_URL is set: ${CREDENTIALS_NEEDED}`);
    await probe(external);
    project.provide('baseUrl', external);
    project.provide('target', 'endpoint');
    project.provide('credentials', credentials);
    project.provide('token', process.env.SMS_CONTRACT_TOKEN ?? '');
    return;
  }
  prism = await startPrism({ errors: true });
  project.provide('baseUrl', prism.url);
  project.provide('target', 'mock');
  project.provide('credentials', 'token');
  project.provide('token', 'contract-test-token');
}

export async function teardown() {
  await prism?.stop();
}

/** How long the probe waits: SMS_CONTRACT_PROBE_TIMEOUT_MS, default 10 s (raise it for a slow link). */
function probeTimeoutMs() {
  const value = process.env.SMS_CONTRACT_PROBE_TIMEOUT_MS;
  if (value === undefined) return 10_000;
  if (!/^\d+$/.test(value) || Number(value) === 0)
    throw new Error(`SMS_CONTRACT_PROBE_TIMEOUT_MS must be a whole number of ms above 0, got "${value}"`);
  return Number(value);
}

/**
 * One request before the suite, so that an endpoint that is down or never answers ends the run at
 * once with one reason, instead of failing every test after its own timeout. It carries no
 * credentials, so no server can act on it: any HTTP answer (a 401, most likely) will do.
 */
async function probe(baseUrl: string) {
  const url = `${baseUrl}/v3/tasks/contract-probe/action`;
  const timeoutMs = probeTimeoutMs();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
  } catch (error) {
    const cause = error as Error & { cause?: { code?: string; message?: string } };
    const reason =
      cause.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause.cause?.code ?? cause.cause?.message ?? cause.message);
    // A staging endpoint often has a certificate from a private CA, which Node does not trust.
    const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(reason)
      ? 'Its TLS certificate is not trusted: for a private CA, set NODE_EXTRA_CA_CERTS to its PEM file.'
      : 'Is SMS_CONTRACT_BASE_URL / --base-url right, and the endpoint up?';
    throw new Error(`${baseUrl} did not answer a probe (POST ${url} without credentials): ${reason}. ${hint}`);
  }
}
