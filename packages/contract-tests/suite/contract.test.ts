import { createSmsClient, OPERATIONS, type TaskActionRequest, type TaskOperation } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { describe, expect, inject, it } from 'vitest';
import { authenticate, clientAuth } from './credentials.js';
import { postAction, send, actionPath, type RawResponse } from './http.js';
import { loadSpec } from './load-spec.js';

const baseUrl = inject('baseUrl');
const target = inject('target');
const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
/** A raw POST with the run's credentials (the token, or an AK/SK signature over this request). */
const post = (taskId: string, body: unknown, headers: Record<string, string> = {}) =>
  postAction(baseUrl, taskId, body, headers, authenticate);

// Loaded before the tests are collected: their cases and names come from the spec's limits.
const spec = loadSpec();
const { taskId, templateId, token } = spec.limits;
/** The operation whose body needs `template_id` (clone_test). */
const NEEDS_TEMPLATE = OPERATIONS.find((op) => spec.requiredFields[op]?.includes('template_id'))!;
const count = (n: number) => n.toLocaleString('en');

/** A success: 200, a JSON body valid for the 200 schema, and no contract violation reported by Prism. */
function expectSuccess(res: RawResponse) {
  expect(res.violations, JSON.stringify(res.violations)).toEqual([]);
  expect(res.status).toBe(200);
  // The media type the spec declares, not just a body that happens to parse.
  expect(res.headers['content-type'], 'Content-Type').toMatch(/^application\/json\s*(;|$)/);
  expect(spec.responseProblems(200, res.json)).toBeNull();
  expect(res.json).toEqual({});
}

describe('requests the spec allows succeed', () => {
  it('every named request example of the spec → 200 {}', async () => {
    const names = Object.keys(spec.requestExamples);
    expect(names.sort()).toEqual([...OPERATIONS].sort());
    for (const name of names) {
      const body = spec.requestExamples[name]!.value;
      expect(spec.validateRequestBody(body), name).toBe(true);
      expectSuccess(await post(TASK, body));
    }
  });

  const minimal = (op: TaskOperation): TaskActionRequest =>
    ({
      operation: op,
      ...Object.fromEntries((spec.requiredFields[op] ?? []).map((field) => [field, 'tpl-1'])),
    }) as TaskActionRequest;
  const full = (op: TaskOperation): TaskActionRequest =>
    ({
      operation: op,
      template_id: 'x'.repeat(templateId.maxLength),
      switch_hce: true,
      is_need_consistency_check: true,
    }) as TaskActionRequest;

  for (const op of OPERATIONS) {
    it(`${op}: the minimal and the full body → 200 {} (raw HTTP and through the client)`, async () => {
      expectSuccess(await post(TASK, minimal(op)));
      expectSuccess(await post(TASK, full(op)));
      const sms = createSmsClient({ endpoint: baseUrl, auth: clientAuth, retry: false });
      await expect(sms.tasks.action(TASK, minimal(op))).resolves.toMatchObject({ status: 200, data: {} });
      await expect(sms.tasks.action(TASK, full(op))).resolves.toMatchObject({ status: 200, data: {} });
    });
  }

  const limits = `${taskId.minLength} and ${taskId.maxLength}`;
  it(`accepts task ids at the length limits (${limits}) and a token of ${count(token.maxLength)} characters`, async () => {
    expectSuccess(await post('x'.repeat(taskId.minLength), { operation: 'start' }));
    expectSuccess(await post('x'.repeat(taskId.maxLength), { operation: 'start' }));
    if (target === 'mock')
      expectSuccess(
        await postAction(baseUrl, TASK, { operation: 'start' }, { 'x-auth-token': 'x'.repeat(token.maxLength) }),
      );
  });
});

describe('AK/SK request signing', () => {
  it('a request signed with AK/SK instead of a token is accepted', async (ctx) => {
    const env = process.env;
    if (target !== 'mock' && !env.HUAWEICLOUD_SDK_AK)
      ctx.skip('set HUAWEICLOUD_SDK_AK/_SK (and _DOMAIN_ID) to sign against a real endpoint');
    const auth = akskAuth(
      target === 'mock' ? { ak: 'CONTRACTAK', sk: 'contract-sk', domainId: 'contract-domain' } : 'env',
    );
    const sms = createSmsClient({ endpoint: baseUrl, auth, retry: false });
    await expect(sms.tasks.start(TASK)).resolves.toMatchObject({ status: 200, data: {} });
  });
});

describe('the task read', () => {
  it(`GET ${spec.read.path} answers the task with its state, valid against the spec (raw HTTP and the client)`, async () => {
    const path = spec.read.path.replace('{task_id}', TASK);
    const res = await send(baseUrl, path, { method: 'GET', authenticate });
    expect(res.violations, JSON.stringify(res.violations)).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type'], 'Content-Type').toMatch(/^application\/json\s*(;|$)/);
    expect(spec.read.problems(200, res.json)).toBeNull();
    const sms = createSmsClient({ endpoint: baseUrl, auth: clientAuth, retry: false });
    const read = await sms.tasks.read(TASK);
    expect(read.status).toBe(200);
    expect(spec.read.problems(200, read.data)).toBeNull();
  });
});

describe('declared error responses (mock only: forced with Prefer: code=N)', () => {
  it('every declared status can be produced, with every named example, and matches its schema', async (ctx) => {
    if (target !== 'mock') ctx.skip('a real endpoint cannot be asked for a given status');
    for (const status of spec.declaredStatuses) {
      for (const example of Object.keys(spec.responseExamples[status] ?? {})) {
        const res = await post(TASK, { operation: 'start' }, { prefer: `code=${status}, example=${example}` });
        expect(res.status, `${status}/${example}`).toBe(status);
        expect(res.violations, `${status}/${example}`).toEqual([]);
        expect(spec.responseProblems(status, res.json), `${status}/${example}`).toBeNull();
        expect(res.json).toEqual(spec.responseExamples[status]![example]);
      }
    }
  });

  it('the client turns each declared error status into an SmsApiError with the body fields', async (ctx) => {
    if (target !== 'mock') ctx.skip('a real endpoint cannot be asked for a given status');
    for (const status of spec.declaredStatuses.filter((s) => s >= 400)) {
      const sms = createSmsClient({
        endpoint: baseUrl,
        auth: clientAuth,
        retry: false,
        headers: { prefer: `code=${status}` },
      });
      const error = await sms.tasks.start(TASK).catch((e: unknown) => e);
      const body = (await post(TASK, { operation: 'start' }, { prefer: `code=${status}` })).json as {
        error_code: string;
        error_msg: string;
      };
      expect(error, String(status)).toMatchObject({
        name: 'SmsApiError',
        status,
        errorCode: body.error_code,
        errorMsg: body.error_msg,
      });
    }
  });
});

describe('requests the spec forbids are rejected with a 4xx', () => {
  const cases: Array<[string, () => Promise<RawResponse>]> = [
    ['neither X-Auth-Token nor an AK/SK signature', () => postAction(baseUrl, TASK, { operation: 'start' })],
    ['an unknown operation', () => post(TASK, { operation: 'cutover' })],
    [`${NEEDS_TEMPLATE} without template_id`, () => post(TASK, { operation: NEEDS_TEMPLATE })],
    [
      `a template_id of ${count(templateId.maxLength + 1)} characters`,
      () => post(TASK, { operation: NEEDS_TEMPLATE, template_id: 'x'.repeat(templateId.maxLength + 1) }),
    ],
    [
      `a task_id of ${taskId.minLength - 1} characters`,
      () => post('x'.repeat(taskId.minLength - 1), { operation: 'start' }),
    ],
    [
      `a task_id of ${taskId.maxLength + 1} characters`,
      () => post('x'.repeat(taskId.maxLength + 1), { operation: 'start' }),
    ],
    ['an unknown body property', () => post(TASK, { operation: 'start', force: true })],
    ['switch_hce as a string', () => post(TASK, { operation: 'start', switch_hce: 'true' })],
    ['is_need_consistency_check as a number', () => post(TASK, { operation: 'start', is_need_consistency_check: 1 })],
    ['template_id as a number', () => post(TASK, { operation: NEEDS_TEMPLATE, template_id: 1 })],
    ['operation missing', () => post(TASK, { switch_hce: true })],
    ['an empty body', () => post(TASK, undefined)],
    ['a JSON array body', () => post(TASK, [{ operation: 'start' }])],
    [
      `a token of ${count(token.maxLength + 1)} characters`,
      () => postAction(baseUrl, TASK, { operation: 'start' }, { 'x-auth-token': 'x'.repeat(token.maxLength + 1) }),
    ],
    [
      'Content-Type text/plain',
      () =>
        send(baseUrl, actionPath(TASK), {
          headers: { 'content-type': 'text/plain' },
          body: '{"operation":"start"}',
          authenticate,
        }),
    ],
  ];
  for (const [name, run] of cases) {
    it(`rejects ${name}`, async ({ annotate }) => {
      const res = await run();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const rules = res.violations.map((v) => `${v.code} at ${v.location.join('.')}`);
      await annotate(`HTTP ${res.status}${rules.length ? `; rules: ${rules.join('; ')}` : ''}`);
      if (target === 'mock' && res.status !== 401 && res.status !== 404 && res.status !== 431) {
        // Prism names the rule that caught the request; a rejection with no rule would be luck.
        expect(rules.length, 'Prism should say which rule rejected the request').toBeGreaterThan(0);
      }
    });
  }
});
