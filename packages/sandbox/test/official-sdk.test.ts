// Huawei's own Node SDK as a client of the sandbox: @huaweicloud/huaweicloud-sdk-core builds
// UpdateTaskStatus as its SMS client does and signs it with project-scoped, domain-scoped and
// temporary credentials; the sandbox verifies each signature over the request as it arrived.
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException';
import type { UserOptions } from '@huaweicloud/huaweicloud-sdk-core/UserOptions';
import type { AkSkCredentials } from '@sms-task/client/aksk';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox, type SandboxServer, startSandboxServer, TRANSITIONS } from '../dist/index.js';
import {
  AK,
  DOMAIN,
  SK,
  sdkClient as buildClient,
  TASKS,
  TOKEN,
  updateTaskStatus,
  useSdkHome,
} from './official-sdk.js';
import { example } from './spec.js';

useSdkHome();

/** The kinds of credentials the SDK signs with, and the pair the sandbox knows. */
const KINDS: { name: string; pair: AkSkCredentials; credentials: (sk: string) => ICredential }[] = [
  {
    name: 'project-scoped (BasicCredentials, X-Project-Id)',
    pair: { ak: AK, sk: SK, domainId: DOMAIN },
    credentials: (sk) => new BasicCredentials().withAk(AK).withSk(sk).withProjectId('0a1b2c3d4e5f-project'),
  },
  {
    name: 'domain-scoped (GlobalCredentials, X-Domain-Id)',
    pair: { ak: AK, sk: SK, domainId: DOMAIN },
    credentials: (sk) => new GlobalCredentials().withAk(AK).withSk(sk).withDomainId(DOMAIN),
  },
  {
    name: 'temporary (GlobalCredentials with X-Security-Token)',
    pair: { ak: AK, sk: SK, domainId: DOMAIN, securityToken: TOKEN },
    credentials: (sk) => new GlobalCredentials().withAk(AK).withSk(sk).withDomainId(DOMAIN).withSecurityToken(TOKEN),
  },
];

/** Where the SDK's requests go: the sandbox server over HTTP, or the sandbox's fetch in process. */
interface Route {
  endpoint: string;
  sandbox: Sandbox;
  /** What the SDK's axios needs to reach it. */
  axios: NonNullable<UserOptions['axiosRequestConfig']>;
}
const ROUTES: { name: string; open(pair: AkSkCredentials): Promise<Route> }[] = [
  {
    name: 'the sandbox server',
    async open(pair) {
      server = await startSandboxServer({ tasks: TASKS, aksk: pair });
      return { endpoint: server.url, sandbox: server.sandbox, axios: {} };
    },
  },
  {
    // axios's fetch adapter takes a fetch of its own: the sandbox's, so nothing listens on a port.
    name: "the sandbox's fetch, in process",
    async open(pair) {
      const sandbox = createSandbox({ tasks: TASKS, aksk: pair });
      opened = sandbox;
      return { endpoint: sandbox.url, sandbox, axios: { adapter: 'fetch', env: { fetch: sandbox.fetch } } };
    },
  },
];
let server: SandboxServer | undefined;
let opened: Sandbox | undefined;
afterEach(async () => {
  await server?.close();
  opened?.close();
  server = opened = undefined;
});

const sdkClient = (route: Route, credentials: ICredential, axios: UserOptions['axiosRequestConfig'] = {}) =>
  buildClient(route.endpoint, credentials, { ...route.axios, ...axios });

const refusal = (operation: string) => example(TRANSITIONS[operation]!.refusal);
const authFailed = example('gateway_auth_failed');

describe.each(ROUTES)('the official SDK through $name', (route) => {
  describe.each(KINDS)('with $name credentials', (kind) => {
    it('starts a paused task (200) and gets the SDK exception with SMS.1038 for stopping it', async () => {
      const target = await route.open(kind.pair);
      const client = sdkClient(target, kind.credentials(SK));
      await expect(updateTaskStatus(client, 'to-resume', 'start')).resolves.toMatchObject({ httpStatusCode: 200 });
      expect(target.sandbox.task('to-resume')!.state).toBe('RUNNING');

      const error = await updateTaskStatus(client, 'paused', 'stop').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientRequestException);
      expect(error).toMatchObject({
        httpStatusCode: refusal('stop').status,
        errorCode: refusal('stop').value.error_code,
      });
      expect(target.sandbox.task('paused')!.state).toBe('ABORT');
    });

    it('is refused (401) when signed with another secret key', async () => {
      const target = await route.open(kind.pair);
      const client = sdkClient(target, kind.credentials('another-secret-key'));
      const error = await updateTaskStatus(client, 'to-resume', 'start').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientRequestException);
      expect(error).toMatchObject({ httpStatusCode: authFailed.status, errorCode: authFailed.value.error_code });
      expect(target.sandbox.task('to-resume')!.state).toBe('ABORT');
    });

    it('is refused (401) when the body is changed after signing, and the task is untouched', async () => {
      const target = await route.open(kind.pair);
      // axios serialises the body after the SDK has signed it: this one sends another operation.
      const tamper = {
        transformRequest: [(data: unknown) => JSON.stringify({ ...(data as object), operation: 'stop' })],
      };
      const client = sdkClient(target, kind.credentials(SK), tamper);
      const error = await updateTaskStatus(client, 'to-resume', 'start').catch((e: unknown) => e);
      expect(error).toMatchObject({ httpStatusCode: authFailed.status, errorCode: authFailed.value.error_code });
      expect(target.sandbox.task('to-resume')).toMatchObject({ state: 'ABORT', history: [] });
    });
  });
});

/** A request signed by the SDK's own signer as GlobalCredentials sign it, then sent as given (altered or not). */
async function signedCall(
  url: string,
  { ak = AK, sk = SK, domain = DOMAIN } = {},
  alter: { body?: string; headers?: (headers: Record<string, string>) => Record<string, string> } = {},
) {
  const endpoint = `${url}/v3/tasks/to-resume/action`;
  const data = { operation: 'start' };
  const signed = AKSKSigner.sign(
    { endpoint, method: 'POST', headers: { 'content-type': 'application/json', 'X-Domain-Id': domain }, data },
    new GlobalCredentials().withAk(ak).withSk(sk),
  ) as Record<string, string>;
  // Host is the connection's own (fetch sets it); the signature covers the same value.
  const { host: _host, ...headers } = signed;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: alter.headers ? alter.headers(headers) : headers,
    body: alter.body ?? JSON.stringify(data),
  });
  return {
    status: response.status,
    reason: response.headers.get('x-sandbox-reason'),
    body: await response.json(),
    signature: /Signature=(\w+)/.exec(signed.Authorization!)![1]!,
  };
}

/** Headers with the signature's SignedHeaders list lacking `name`. */
const unsign = (name: string) => (headers: Record<string, string>) => ({
  ...headers,
  Authorization: headers.Authorization!.replace(
    /SignedHeaders=([^,]*)/,
    (_, list: string) =>
      `SignedHeaders=${list
        .split(';')
        .filter((signed) => signed !== name)
        .join(';')}`,
  ),
});

describe("the sandbox's reasons for refusing a signature (X-Sandbox-Reason)", () => {
  const pair = { ak: AK, sk: SK, domainId: DOMAIN };

  it('accepts what the SDK signed, sent as signed', async () => {
    server = await startSandboxServer({ tasks: TASKS, aksk: pair });
    expect(await signedCall(server.url)).toMatchObject({ status: 200, reason: null });
  });

  it('names the rule each refusal broke, answers the spec example, and echoes no secret', async () => {
    server = await startSandboxServer({ tasks: TASKS, aksk: pair });
    const cases = [
      [{}, { body: '{"operation":"stop"}' }, 'the signature does not match the request'],
      [{ sk: 'another-secret-key' }, {}, 'the signature does not match the request'],
      [{ ak: 'OTHERAK' }, {}, 'the signature is made with another access key'],
      [{ domain: 'another-domain' }, {}, "the request's X-Domain-Id is not the sandbox's domain"],
      [{}, { headers: unsign('host') }, 'the signature does not cover Host'],
      [{}, { headers: unsign('x-sdk-date') }, 'the signature does not cover X-Sdk-Date'],
      [{}, { headers: unsign('x-domain-id') }, 'X-Domain-Id is sent but not signed'],
    ] as const;
    for (const [signer, alter, reason] of cases) {
      const answer = await signedCall(server.url, signer, alter);
      expect(answer.status, reason).toBe(authFailed.status);
      expect(answer.reason).toContain(reason);
      expect(answer.body).toEqual(authFailed.value);
      expect(answer.reason).not.toContain(SK);
      expect(answer.reason).not.toContain(answer.signature);
    }
    expect(server.sandbox.task('to-resume')!.state).toBe('ABORT');
  });
});
