// Huawei's own Node SDK through MSW: setupServer(...handlersFor(sandbox)) intercepts the SDK's
// axios (node:http) on a region's endpoint from the spec, and the sandbox verifies each signature.
// Nothing leaves the machine: an unmatched request is an error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, TRANSITIONS } from '../dist/index.js';
import { handlersFor } from '../dist/msw.js';
import { example, REGION_SERVERS } from './spec.js';

// The SDK writes ~/.huaweicloud/application_id when it builds a client: keep it out of the real home.
const home = mkdtempSync(join(tmpdir(), 'sms-sdk-home-'));
const realHome = process.env.HOME;
process.env.HOME = home;
// It logs every refused call to stdout, with its headers: the tests' 401s would fill the output.
Logger4jInstance.level = 'off';

const AK = 'SANDBOXAKEXAMPLE0001';
const SK = 'sandbox-secret-key-example';
const DOMAIN = 'c0ffee0000000000000000000000d0m4';
const TOKEN = 'temporary-security-token-example';
const ENDPOINT = REGION_SERVERS[0]!.url;

const sandbox = createSandbox({
  tasks: [
    { id: 'paused', state: 'ABORT' },
    { id: 'to-resume', state: 'ABORT' },
  ],
  aksk: { ak: AK, sk: SK, domainId: DOMAIN, securityToken: TOKEN },
});
const mock = setupServer(...handlersFor(sandbox));
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sandbox.reset());
afterAll(() => {
  mock.close();
  sandbox.close();
  process.env.HOME = realHome;
  rmSync(home, { recursive: true, force: true });
});

// The sandbox's pair is temporary, so each kind signs with its security token.
const KINDS: { name: string; credentials: (sk: string) => ICredential }[] = [
  {
    name: 'project-scoped (BasicCredentials)',
    credentials: (sk) =>
      new BasicCredentials().withAk(AK).withSk(sk).withProjectId('0a1b2c3d4e5f-project').withSecurityToken(TOKEN),
  },
  {
    name: 'domain-scoped (GlobalCredentials)',
    credentials: (sk) => new GlobalCredentials().withAk(AK).withSk(sk).withDomainId(DOMAIN).withSecurityToken(TOKEN),
  },
];

const sdkClient = (credentials: ICredential, transformRequest?: (data: unknown) => string) =>
  new ClientBuilder((hcClient: HcClient) => hcClient)
    .withCredential(credentials)
    .withEndpoint(ENDPOINT)
    .withOptions({ axiosRequestConfig: transformRequest ? { transformRequest: [transformRequest] } : {} })
    .build();

/** `SmsClient.updateTaskStatus`, as huaweicloud-sdk-nodejs-v3 (services/sms/v3/SmsClient.ts) builds it. */
const updateTaskStatus = (client: HcClient, taskId: string, operation: string) =>
  client.sendRequest<{ httpStatusCode?: number }>({
    method: 'POST',
    url: '/v3/tasks/{task_id}/action',
    contentType: 'application/json',
    queryParams: {},
    pathParams: { task_id: taskId },
    headers: { 'Content-Type': 'application/json' },
    data: { operation },
    responseHeaders: [''],
  } as Parameters<HcClient['sendRequest']>[0]);

const cannotPause = example(TRANSITIONS.stop!.refusal);
const authFailed = example('gateway_auth_failed');

describe.each(KINDS)('the official SDK with $name credentials, through handlersFor(sandbox)', (kind) => {
  it("starts a paused task (200) and gets the SDK's exception with the state error for stopping one", async () => {
    const client = sdkClient(kind.credentials(SK));
    await expect(updateTaskStatus(client, 'to-resume', 'start')).resolves.toMatchObject({ httpStatusCode: 200 });
    const error = await updateTaskStatus(client, 'paused', 'stop').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientRequestException);
    expect(error).toMatchObject({ httpStatusCode: cannotPause.status, errorCode: cannotPause.value.error_code });
    expect(sandbox.calls()).toMatchObject([
      { taskId: 'to-resume', operation: 'start', credential: 'aksk', status: 200 },
      { taskId: 'paused', operation: 'stop', credential: 'aksk', errorCode: cannotPause.value.error_code },
    ]);
  });

  it('is refused (401) when signed with another secret key, or when the body changes after signing', async () => {
    const otherKey = await updateTaskStatus(sdkClient(kind.credentials('another-secret-key')), 'to-resume', 'start')
      .then(() => 'resolved')
      .catch((e: unknown) => e);
    const tamper = (data: unknown) => JSON.stringify({ ...(data as object), operation: 'stop' });
    const tampered = await updateTaskStatus(sdkClient(kind.credentials(SK), tamper), 'to-resume', 'start')
      .then(() => 'resolved')
      .catch((e: unknown) => e);
    for (const error of [otherKey, tampered]) {
      expect(error).toBeInstanceOf(ClientRequestException);
      expect(error).toMatchObject({ httpStatusCode: authFailed.status, errorCode: authFailed.value.error_code });
    }
    expect(sandbox.task('to-resume')!.state).toBe('ABORT');
  });
});
