// Every cell of the transition table, through the real client against the in-process sandbox:
// each answer is the one the table names, valid against the spec (a refusal is the spec's named
// example byte for byte), and the task ends where the table says.
import { createSmsClient, SmsApiError, type TaskActionRequest } from '@sms-task/client';
import { describe, expect, it } from 'vitest';
import { createSandbox, decide, STATES, TRANSITIONAL_STATES, TRANSITIONS, type TaskState } from '../dist/index.js';
import { BETWEEN, REFERENCE } from './reference.js';
import { example, requiredFields, responseProblem, SPEC_OPERATIONS, SPEC_STATES } from './spec.js';

const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
const body = (operation: string) => ({ operation, ...requiredFields(operation) }) as TaskActionRequest;

function setUp(state: TaskState) {
  const sandbox = createSandbox({ tasks: [{ id: TASK, state }], settleMs: 'manual', timeScale: 0 });
  const sms = createSmsClient({ endpoint: sandbox.url, fetch: sandbox.fetch, auth: { token: 't' }, retry: false });
  return { sandbox, sms };
}

describe('the table', () => {
  it('has a row for every operation of the spec, and knows every task state the spec lists', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...SPEC_OPERATIONS].sort());
    expect([...STATES].sort()).toEqual([...SPEC_STATES].sort());
  });

  it('names the source of every rule and refusal, or says model', () => {
    for (const [operation, { moves, refusal, refusalSource }] of Object.entries(TRANSITIONS)) {
      for (const [state, move] of Object.entries(moves)) expect(move!.source, `${operation}/${state}`).toMatch(/\S/);
      // The three state-refusal codes come from the v1 API's page; the sandbox's own say model.
      const v1 = ['SMS.1038', 'SMS.1039', 'SMS.1040'].includes(example(refusal).value.error_code);
      expect(refusalSource, operation).toBe(v1 ? 'API reference, "Out-of-Date Error Codes" (v1 API)' : 'model');
    }
  });

  it('treats as between two states the ones the reference does, each a state of the spec', () => {
    expect([...TRANSITIONAL_STATES].sort()).toEqual([...BETWEEN].sort());
    for (const state of TRANSITIONAL_STATES) expect(SPEC_STATES).toContain(state);
  });

  it('refuses every operation on a task that is between two states', () => {
    for (const state of TRANSITIONAL_STATES) {
      for (const operation of SPEC_OPERATIONS)
        expect(decide(state, operation).accepted, `${operation}/${state}`).toBe(false);
    }
  });
});

describe('the rules the sources give', () => {
  const code = async (state: TaskState, operation: string) => {
    const { sms } = setUp(state);
    return sms.tasks.action(TASK, body(operation)).then(
      () => 'ok',
      (error: SmsApiError) => error.errorCode,
    );
  };
  it('stop pauses a RUNNING or SYNCING task, and is SMS.1038 on any other', async () => {
    for (const state of STATES) {
      expect(await code(state, 'stop'), state).toBe(['RUNNING', 'SYNCING'].includes(state) ? 'ok' : 'SMS.1038');
    }
  });
  it('start starts a READY task and resumes a paused or failed one; SMS.1039 on a running one', async () => {
    for (const state of ['READY', 'ABORT', 'MIGRATE_FAIL', 'SYNC_FAIL'] as const)
      expect(await code(state, 'start')).toBe('ok');
    for (const state of ['RUNNING', 'SYNCING'] as const) expect(await code(state, 'start')).toBe('SMS.1039');
  });
  it('restart acts only on a failed task, and is SMS.1040 on any other', async () => {
    for (const state of STATES) {
      expect(await code(state, 'restart'), state).toBe(state.endsWith('_FAIL') ? 'ok' : 'SMS.1040');
    }
  });
  it('restart takes a failed task straight to RUNNING: RESETING means rolling back', async () => {
    for (const state of ['MIGRATE_FAIL', 'SYNC_FAIL']) {
      const { sandbox, sms } = setUp(state);
      await sms.tasks.restart(TASK);
      expect(sandbox.task(TASK)!.history.map(({ from, to }) => [from, to])).toEqual([[state, 'RUNNING']]);
    }
  });
  it('test launches the target while the task is in continuous sync (SYNCING), which it leaves as it was', async () => {
    const { sandbox, sms } = setUp('SYNCING');
    await expect(sms.tasks.test(TASK)).resolves.toMatchObject({ status: 200 });
    expect(sandbox.task(TASK)!.state).toBe('SYNCING');
  });
  it('clear changes no task state: clearing shows on the source server, not as DELETING', async () => {
    for (const state of Object.keys(TRANSITIONS.clear!.moves)) {
      const { sandbox, sms } = setUp(state);
      await sms.tasks.clear(TASK);
      expect(sandbox.task(TASK)!.state, state).toBe(state);
    }
  });
  it('takes no task to DELETING ("the task is being deleted"): no operation here deletes one', () => {
    for (const { moves } of Object.values(TRANSITIONS)) {
      for (const move of Object.values(moves)) expect([move!.via, move!.to]).not.toContain('DELETING');
    }
  });
});

describe('the table against the rules the tests expect', () => {
  it.each(SPEC_OPERATIONS)('%s, in every state', (operation) => {
    const [moves, refusal] = REFERENCE[operation]!;
    for (const state of STATES) {
      const move = moves[state];
      const decision = decide(state, operation);
      if (!move) {
        expect(decision, state).toEqual({ accepted: false, refusal: expect.any(String) });
        expect(example((decision as { refusal: string }).refusal).value.error_code, state).toBe(refusal);
        continue;
      }
      const [via, to] = move.includes('>') ? move.split('>') : [undefined, move];
      expect(decision, state).toEqual({ accepted: true, ...(via && { via }), to: to === '=' ? state : to });
    }
  });
});

describe.each(SPEC_OPERATIONS)('%s', (operation) => {
  it.each(STATES)('on a task in %s', async (state) => {
    const { sandbox, sms } = setUp(state);
    const decision = decide(state, operation);
    if (decision.accepted) {
      const result = await sms.tasks.action(TASK, body(operation));
      expect(result.status).toBe(200);
      expect(responseProblem(200, result.data)).toBeNull();
      expect(sandbox.task(TASK)!.state).toBe(decision.via ?? decision.to);
      expect(sandbox.advance()).toBe(decision.via ? 1 : 0);
      expect(sandbox.task(TASK)!.state).toBe(decision.to);
    } else {
      const refusal = example(decision.refusal);
      const error = await sms.tasks.action(TASK, body(operation)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error).toMatchObject({ status: refusal.status, errorCode: refusal.value.error_code });
      const raw = await sandbox.fetch(`${sandbox.url}/v3/tasks/${TASK}/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
        body: JSON.stringify(body(operation)),
      });
      const text = await raw.text();
      expect(text).toBe(JSON.stringify(refusal.value));
      expect(responseProblem(raw.status, JSON.parse(text))).toBeNull();
      expect(sandbox.task(TASK)!.state).toBe(state);
    }
    const calls = sandbox.task(TASK)!.history.filter((entry) => entry.event === 'call');
    expect(calls[0]).toMatchObject({ operation, status: decision.accepted ? 200 : example(decision.refusal).status });
  });
});
