// The mock under load: 500 calls at 32 in flight through the client, with zero contract violations.
import { createSmsClient, OPERATIONS, type TaskActionRequest } from '@sms-task/client';
import { describe, expect, inject, it } from 'vitest';
import { loadSpec } from './load-spec.js';

const baseUrl = inject('baseUrl');
const target = inject('target');
const token = inject('token');
const { requiredFields } = loadSpec();

describe('under load', () => {
  it('500 calls at 32 in flight: every answer is a 200 {} with no sl-violations header', async (ctx) => {
    if (target !== 'mock') ctx.skip('load is not sent to a real endpoint');
    const violations: string[] = [];
    const sms = createSmsClient({
      endpoint: baseUrl,
      auth: { token },
      retry: false,
      // A caller-supplied fetch (real HTTP) that records Prism's violation header.
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const header = response.headers.get('sl-violations');
        if (header) violations.push(header);
        return response;
      },
    });
    let next = 0;
    let ok = 0;
    const worker = async () => {
      while (next < 500) {
        const operation = OPERATIONS[next++ % OPERATIONS.length]!;
        // Each operation with the fields the spec requires of it (template_id for clone_test).
        const fields = Object.fromEntries((requiredFields[operation] ?? []).map((field) => [field, 'tpl']));
        const body = { operation, ...fields } as TaskActionRequest;
        const result = await sms.tasks.action('7a9a9540-ff28-4869-b9e4-855fbe12xxxx', body);
        expect(result).toMatchObject({ status: 200, data: {} });
        ok++;
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(ok).toBe(500);
    expect(violations).toEqual([]);
  }, 300_000);
});
