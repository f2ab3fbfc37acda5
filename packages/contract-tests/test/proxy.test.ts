// The validation proxy: Prism in front of an upstream checks real traffic against the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, recordingServer, type RecordingServer } from '@sms-task/test-support';
import { startPrism, type PrismProcess } from '../src/prism.js';
import { postAction } from '../suite/http.js';

let upstream: RecordingServer;
let prism: PrismProcess;
let answer: { status: number; body: string } = { status: 200, body: '{}' };
const seen: string[] = [];

beforeAll(async () => {
  upstream = await recordingServer((req, res, { body }) => {
    seen.push(`${req.method} ${req.url} ${body}`);
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  prism = await startPrism({
    mode: 'proxy',
    upstream: upstream.url,
    errors: false,
  });
});
afterAll(async () => {
  await prism?.stop();
  await upstream?.close();
});

describe('validation proxy (prism proxy)', () => {
  it('forwards a valid call and reports no violation', async () => {
    answer = { status: 200, body: '{}' };
    const res = await postAction(prism.url, 'task-1', { operation: 'start' }, { 'x-auth-token': 't' });
    expect(res.status).toBe(200);
    expect(res.violations).toEqual([]);
    expect(seen.at(-1)).toBe('POST /v3/tasks/task-1/action {"operation":"start"}');
  });

  it('flags a response that breaks the contract', async () => {
    answer = { status: 200, body: '{"unexpected":true}' };
    const res = await postAction(prism.url, 'task-1', { operation: 'start' }, { 'x-auth-token': 't' });
    expect(res.violations.map((v) => v.location.join('.'))).toContain('response.body');
  });

  it('flags a request that breaks the contract', async () => {
    answer = { status: 200, body: '{}' };
    const res = await postAction(prism.url, 'task-1', { operation: 'clone_test' }, { 'x-auth-token': 't' });
    expect(res.violations.some((v) => v.location[0] === 'request')).toBe(true);
  });

  it('answers 500 problem+json (FetchError), not 502, when the upstream cannot be reached', async () => {
    const closed = await closedPort();
    const down = await startPrism({ mode: 'proxy', upstream: closed.url, errors: false });
    try {
      const res = await postAction(down.url, 'task-1', { operation: 'start' }, { 'x-auth-token': 't' });
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.json).toMatchObject({ type: 'FetchError', title: expect.stringContaining('ECONNREFUSED') });
    } finally {
      await down.stop();
      closed.release();
    }
  });
});
