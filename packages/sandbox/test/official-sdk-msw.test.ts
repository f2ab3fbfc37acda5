// Huawei's own Node SDK through MSW: setupServer(...handlersFor(sandbox)) intercepts the SDK's
// axios (node:http) on every region's endpoint from the spec, and the sandbox verifies each
// signature, made with permanent or temporary credentials, project- or domain-scoped. Nothing
// leaves the machine: an unmatched request is an error.
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, TRANSITIONS } from '../dist/index.js';
import { handlersFor } from '../dist/msw.js';
import { AK, DOMAIN, SK, sdkClient, TASKS, TOKEN, updateTaskStatus, useSdkHome } from './official-sdk.js';
import { example, REGION_SERVERS } from './spec.js';

useSdkHome();

// Each pair's sandbox comes in with mock.use() for its own describe block.
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mock.close());

const PAIRS = [
  { name: 'a permanent pair', securityToken: undefined },
  { name: 'a temporary pair', securityToken: TOKEN },
];

/** Project- and domain-scoped credentials; a temporary pair's sign with its security token. */
const KINDS: { name: string; credentials: (sk: string, securityToken?: string) => ICredential }[] = [
  {
    name: 'project-scoped (BasicCredentials)',
    credentials: (sk, securityToken) => {
      const credentials = new BasicCredentials().withAk(AK).withSk(sk).withProjectId('0a1b2c3d4e5f-project');
      return securityToken ? credentials.withSecurityToken(securityToken) : credentials;
    },
  },
  {
    name: 'domain-scoped (GlobalCredentials)',
    credentials: (sk, securityToken) => {
      const credentials = new GlobalCredentials().withAk(AK).withSk(sk).withDomainId(DOMAIN);
      return securityToken ? credentials.withSecurityToken(securityToken) : credentials;
    },
  },
];

const cannotPause = example(TRANSITIONS.stop!.refusal);
const authFailed = example('gateway_auth_failed');

describe.each(PAIRS)('the official SDK with $name, through handlersFor(sandbox)', ({ securityToken }) => {
  const sandbox = createSandbox({ tasks: TASKS, aksk: { ak: AK, sk: SK, domainId: DOMAIN, securityToken } });
  beforeAll(() => mock.use(...handlersFor(sandbox)));
  afterEach(() => sandbox.reset());
  afterAll(() => {
    mock.resetHandlers();
    sandbox.close();
  });

  describe.each(KINDS)('and $name credentials', (kind) => {
    const client = (sk: string, endpoint = REGION_SERVERS[0]!.url, transformRequest?: (data: unknown) => string) =>
      sdkClient(endpoint, kind.credentials(sk, securityToken), transformRequest ? { transformRequest } : {});

    it("starts a paused task (200) and gets the SDK's exception with the state error for stopping one", async () => {
      await expect(updateTaskStatus(client(SK), 'to-resume', 'start')).resolves.toMatchObject({ httpStatusCode: 200 });
      const error = await updateTaskStatus(client(SK), 'paused', 'stop').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientRequestException);
      expect(error).toMatchObject({ httpStatusCode: cannotPause.status, errorCode: cannotPause.value.error_code });
      expect(sandbox.calls()).toMatchObject([
        { taskId: 'to-resume', operation: 'start', credential: 'aksk', status: 200 },
        { taskId: 'paused', operation: 'stop', credential: 'aksk', errorCode: cannotPause.value.error_code },
      ]);
    });

    it("answers on every region endpoint of the spec's servers", async () => {
      for (const { url } of REGION_SERVERS) {
        await expect(updateTaskStatus(client(SK, url), 'to-resume', 'start')).resolves.toMatchObject({
          httpStatusCode: 200,
        });
        const error = await updateTaskStatus(client(SK, url), 'paused', 'stop').catch((e: unknown) => e);
        expect(error).toMatchObject({ httpStatusCode: cannotPause.status, errorCode: cannotPause.value.error_code });
        sandbox.reset();
      }
    });

    it('is refused (401) when signed with another secret key, or when the body changes after signing', async () => {
      const otherKey = await updateTaskStatus(client('another-secret-key'), 'to-resume', 'start')
        .then(() => 'resolved')
        .catch((e: unknown) => e);
      const tamper = (data: unknown) => JSON.stringify({ ...(data as object), operation: 'stop' });
      const tampered = await updateTaskStatus(client(SK, undefined, tamper), 'to-resume', 'start')
        .then(() => 'resolved')
        .catch((e: unknown) => e);
      for (const error of [otherKey, tampered]) {
        expect(error).toBeInstanceOf(ClientRequestException);
        expect(error).toMatchObject({ httpStatusCode: authFailed.status, errorCode: authFailed.value.error_code });
      }
      expect(sandbox.calls()).toMatchObject([
        { credential: 'aksk', status: authFailed.status },
        { credential: 'aksk', status: authFailed.status },
      ]);
      expect(sandbox.task('to-resume')!.state).toBe('ABORT');
    });
  });
});
