import { describe, expect, it } from 'vitest';
import { CLOCK_MARGIN_MS, judgeLostCall, mayHaveActed, OPERATIONS } from '../src/index.js';
import { createSmsClient } from './entry.js';
import { json, useClosedPort, useTestServer } from './server.js';

const SENT = Date.parse('2026-12-07T10:00:00Z');
const MIN = 60_000;
const judge = (operation: string, task: Parameters<typeof judgeLostCall>[0]['task'], more = {}) =>
  judgeLostCall({ operation, sentAt: SENT, task, ...more }).verdict;

describe('judgeLostCall: did a call whose answer was lost act?', () => {
  it('start acted when the task started after the call was sent, whatever state it has reached since', () => {
    for (const state of ['RUNNING', 'SYNCING', 'MIGRATE_SUCCESS', 'MIGRATE_FAIL', 'ABORT']) {
      expect(judge('start', { state, start_date: SENT + 5 * MIN })).toBe('acted');
    }
  });

  it('start did not act when the task is still READY, paused or failed and nothing in it changed since', () => {
    const before = { start_date: SENT - 60 * MIN, sub_tasks: [{ start_date: SENT - 60 * MIN, end_date: SENT - MIN }] };
    for (const state of ['READY', 'ABORT', 'MIGRATE_FAIL', 'SYNC_FAIL']) {
      expect(judge('start', { state, ...before })).toBe('not_acted');
    }
    expect(judge('start', { state: 'READY' })).toBe('not_acted');
  });

  it('start cannot be judged on a RUNNING task that started before the call: it ran already, or a resume kept its date', () => {
    expect(judge('start', { state: 'RUNNING', start_date: SENT - 60 * MIN })).toBe('unknown');
  });

  it('start cannot be judged on a failed task whose sub-task ended after the call without a new start', () => {
    const task = { state: 'MIGRATE_FAIL', start_date: SENT - 60 * MIN, finish_date: SENT + MIN };
    expect(judge('start', task)).toBe('unknown');
  });

  it('stop holds on ABORTING or ABORT (being stopped, stopped), whichever call paused the task', () => {
    expect(judge('stop', { state: 'ABORTING' })).toBe('holds');
    expect(judge('stop', { state: 'ABORT', start_date: SENT - 60 * MIN })).toBe('holds');
  });

  it('stop did not act on a task still RUNNING or SYNCING with nothing changed since the call', () => {
    expect(judge('stop', { state: 'RUNNING', start_date: SENT - 60 * MIN })).toBe('not_acted');
    expect(judge('stop', { state: 'SYNCING', start_date: SENT - 60 * MIN })).toBe('not_acted');
  });

  it('stop cannot be judged on a running task whose sub-tasks moved on after the call', () => {
    const task = { state: 'RUNNING', start_date: SENT - 60 * MIN, sub_tasks: [{ start_date: SENT + MIN }] };
    expect(judge('stop', task)).toBe('unknown');
  });

  it('restart acted when the task started again after the call; did not when it is still failed and unchanged', () => {
    expect(judge('restart', { state: 'RUNNING', start_date: SENT + MIN })).toBe('acted');
    expect(judge('restart', { state: 'MIGRATE_FAIL', start_date: SENT - 60 * MIN, finish_date: SENT - MIN })).toBe(
      'not_acted',
    );
  });

  it('says unknown for every operation whose effect the task read does not show', () => {
    const unseen = OPERATIONS.filter((operation) => !['start', 'stop', 'restart'].includes(operation));
    expect(unseen.length).toBeGreaterThan(0);
    for (const operation of unseen) {
      const judgement = judgeLostCall({ operation, sentAt: SENT, task: { state: 'MIGRATE_SUCCESS' } });
      expect(judgement.verdict).toBe('unknown');
      expect(judgement.reason).toContain(operation);
    }
  });

  it('orders times within the clock margin as after the call: a start that close cannot be told apart', () => {
    expect(judge('start', { state: 'RUNNING', start_date: SENT - CLOCK_MARGIN_MS + 1 })).toBe('acted');
    expect(judge('start', { state: 'READY', sub_tasks: [{ end_date: SENT - CLOCK_MARGIN_MS + 1 }] })).toBe('unknown');
    expect(judge('start', { state: 'READY', sub_tasks: [{ end_date: SENT - CLOCK_MARGIN_MS - 1 }] })).toBe('not_acted');
  });

  it("lines the clocks up with the read's Date header: a service clock 10 minutes ahead", () => {
    const skew = 10 * MIN;
    const readAt = SENT + MIN;
    const clocks = { serverDate: readAt + skew, readAt };
    // Started 5 minutes after the call on the service's clock, which reads 15 minutes after it on ours.
    expect(judge('start', { state: 'RUNNING', start_date: SENT + skew + 5 * MIN }, clocks)).toBe('acted');
    // 5 minutes before the call by the service's clock: without the header it would look after it.
    const before = { state: 'RUNNING', start_date: SENT + skew - 5 * MIN };
    expect(judge('start', before)).toBe('acted');
    expect(judge('start', before, clocks)).toBe('unknown');
  });

  it('reads times below 10^11 as seconds and others as milliseconds (Huawei does not state the unit)', () => {
    expect(judge('start', { state: 'RUNNING', start_date: Math.floor((SENT + MIN) / 1000) })).toBe('acted');
    expect(judge('start', { state: 'RUNNING', start_date: Math.floor((SENT - MIN) / 1000) })).toBe('unknown');
  });

  it("says in its reason what the read showed, with the call's time", () => {
    const { reason } = judgeLostCall({
      operation: 'start',
      sentAt: SENT,
      task: { state: 'RUNNING', start_date: SENT + MIN },
    });
    expect(reason).toContain('2026-12-07T10:01:00.000Z');
    expect(reason).toContain('2026-12-07T10:00:00.000Z');
  });
});

describe('mayHaveActed: what a failed action tells of itself', () => {
  const server = useTestServer();
  const closed = useClosedPort();
  const failure = (endpoint: string, timeoutMs = 30_000) =>
    createSmsClient({ endpoint, auth: { token: 't' }, retry: { baseDelayMs: 1 }, timeoutMs })
      .tasks.stop('task-1')
      .then(
        () => {
          throw new Error('the call succeeded');
        },
        (error: unknown) => error,
      );

  it.each([400, 401, 403, 404, 429, 503])('did not act when answered %i', async (status) => {
    server.always(json(status, { error_code: 'X' }));
    expect(mayHaveActed(await failure(server.url))).toBe(false);
  });

  it.each([500, 502, 504])('may have acted when answered %i', async (status) => {
    server.always(json(status, { error_code: 'X' }));
    expect(mayHaveActed(await failure(server.url))).toBe(true);
  });

  it('may have acted when the server never answered (a timeout) or reset the connection after the request', async () => {
    server.always(() => {});
    expect(mayHaveActed(await failure(server.url, 50))).toBe(true);
    server.always((req) => req.socket.destroy());
    expect(mayHaveActed(await failure(server.url))).toBe(true);
  });

  it('did not act when the connection was refused, or the input was refused before sending', async () => {
    expect(mayHaveActed(await failure(closed.url))).toBe(false);
    const invalid = await createSmsClient({ endpoint: server.url, auth: { token: 't' } })
      .tasks.stop('x'.repeat(99))
      .catch((error: unknown) => error);
    expect(mayHaveActed(invalid)).toBe(false);
  });

  it('may have acted on an error it does not know', () => {
    expect(mayHaveActed(new Error('something else'))).toBe(true);
  });
});
