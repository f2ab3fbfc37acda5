// Huawei's own Node SDK as the tests drive it: a client built as its SMS client builds one, the
// UpdateTaskStatus call as it sends it, and the pair the sandbox knows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import type { UserOptions } from '@huaweicloud/huaweicloud-sdk-core/UserOptions';
import { afterAll } from 'vitest';

export const AK = 'SANDBOXAKEXAMPLE0001';
export const SK = 'sandbox-secret-key-example';
export const DOMAIN = 'c0ffee0000000000000000000000d0m4';
export const TOKEN = 'temporary-security-token-example';
export const TASKS = [
  { id: 'paused', state: 'ABORT' as const },
  { id: 'to-resume', state: 'ABORT' as const },
];

/**
 * The SDK writes ~/.huaweicloud/application_id when it builds a client: a home of the file's own
 * until its tests end. It logs every refused call to stdout with its headers: off.
 */
export function useSdkHome(): void {
  const home = mkdtempSync(join(tmpdir(), 'sms-sdk-home-'));
  const realHome = process.env.HOME;
  process.env.HOME = home;
  Logger4jInstance.level = 'off';
  afterAll(() => {
    process.env.HOME = realHome;
    rmSync(home, { recursive: true, force: true });
  });
}

export function sdkClient(
  endpoint: string,
  credentials: ICredential,
  axiosRequestConfig: UserOptions['axiosRequestConfig'] = {},
): HcClient {
  return new ClientBuilder((hcClient: HcClient) => hcClient)
    .withCredential(credentials)
    .withEndpoint(endpoint)
    .withOptions({ axiosRequestConfig })
    .build();
}

/** `SmsClient.updateTaskStatus`, as huaweicloud-sdk-nodejs-v3 (services/sms/v3/SmsClient.ts) builds it. */
export function updateTaskStatus(client: HcClient, taskId: string, operation: string) {
  return client.sendRequest<{ httpStatusCode?: number }>({
    method: 'POST',
    url: '/v3/tasks/{task_id}/action',
    contentType: 'application/json',
    queryParams: {},
    pathParams: { task_id: taskId },
    headers: { 'Content-Type': 'application/json' },
    data: { operation },
    responseHeaders: [''],
  } as Parameters<HcClient['sendRequest']>[0]);
}
