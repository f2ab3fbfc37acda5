// Faults on the reads: a fault with `method: 'GET'` meets the task read (and, without a task, the
// list read) as a fault meets an action: a 503 with Retry-After, a 500, a delay, a dropped
// connection; so code that polls a wave can be rehearsed against an unreliable service. A fault
// without a method meets the actions only, as before reads had faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, SandboxConfigError, type SandboxServer, startSandboxServer } from '../dist/index.js';
import { act, get } from './reads.js';
import { example, listProblem, readProblem } from './spec.js';

const TASKS = [
  { id: 'a', state: 'RUNNING' },
  { id: 'b', state: 'RUNNING' },
];

describe('a fault on the reads (method GET)', () => {
  let server: SandboxServer;
  beforeAll(async () => {
    server = await startSandboxServer({ tasks: TASKS, timeScale: 0 });
  });
  afterAll(() => server.close());
  const sandbox = () => server.sandbox;

  it('answers a task read 503 with Retry-After, once, then the task', async () => {
    sandbox().reset();
    sandbox().setFaults([{ method: 'GET', task: 'a', status: 503, retryAfter: 2, times: 1 }]);
    const faulted = await get(server.url, '/v3/tasks/a');
    expect([faulted.status, faulted.headers.get('retry-after'), faulted.body.error_code]).toEqual([
      503,
      '2',
      'SANDBOX.0503',
    ]);
    expect((await get(server.url, '/v3/tasks/a')).status).toBe(200);
    expect(
      sandbox()
        .calls()
        .map(({ method, taskId, status }) => [method, taskId, status]),
    ).toEqual([
      ['GET', 'a', 503],
      ['GET', 'a', 200],
    ]);
  });

  it("answers 500 with the spec's example, valid against the read's 500, and leaves the other task's reads alone", async () => {
    sandbox().reset();
    sandbox().setFaults([{ method: 'GET', task: 'a', status: 500 }]);
    const faulted = await get(server.url, '/v3/tasks/a');
    expect(faulted.status).toBe(500);
    expect(faulted.body).toEqual(example('background_exception').value);
    expect(readProblem(500, faulted.body)).toBeNull();
    expect((await get(server.url, '/v3/tasks/b')).status).toBe(200);
    // A fault for one task does not meet the list read.
    expect((await get(server.url, '/v3/tasks')).status).toBe(200);
  });

  it('meets the list read when it names no task', async () => {
    sandbox().reset();
    sandbox().setFaults([{ method: 'GET', status: 500, times: 1 }]);
    const faulted = await get(server.url, '/v3/tasks?limit=1');
    expect(faulted.status).toBe(500);
    expect(listProblem(500, faulted.body)).toBeNull();
    expect((await get(server.url, '/v3/tasks?limit=1')).body.count).toBe(2);
  });

  it('drops the connection of a read: the caller gets a network error, calls() a 0', async () => {
    sandbox().reset();
    sandbox().setFaults([{ method: 'GET', drop: true, times: 1 }]);
    await expect(fetch(`${server.url}/v3/tasks/a`, { headers: { 'x-auth-token': 't' } })).rejects.toThrow();
    expect(sandbox().calls()).toMatchObject([{ method: 'GET', taskId: 'a', status: 0 }]);
  });

  it('delays a read, then answers it as usual, and is spent', async () => {
    sandbox().reset();
    sandbox().setFaults([{ method: 'GET', delayMs: 20, times: 1 }]);
    expect((await get(server.url, '/v3/tasks/b')).status).toBe(200);
    const faults = await (await fetch(`${server.url}/__sandbox/faults`)).json();
    expect(faults).toEqual({ faults: [] });
  });

  it('rehearses code that polls: it reads again after each 503, and gets the task', async () => {
    sandbox().reset();
    sandbox().setFaults([{ method: 'GET', task: 'b', status: 503, retryAfter: 0, times: 2 }]);
    let read = await get(server.url, '/v3/tasks/b');
    while (read.status === 503) read = await get(server.url, '/v3/tasks/b');
    expect(read.body).toMatchObject({ id: 'b', state: 'RUNNING' });
    expect(
      sandbox()
        .calls()
        .map((call) => call.status),
    ).toEqual([503, 503, 200]);
  });
});

describe('which calls a fault meets', () => {
  it('meets the actions only when it names no method, as before', async () => {
    const sandbox = createSandbox({ tasks: TASKS, timeScale: 0 });
    sandbox.setFaults([{ status: 500 }]);
    expect((await get(sandbox, '/v3/tasks/a')).status).toBe(200);
    expect((await get(sandbox, '/v3/tasks')).status).toBe(200);
    expect(await act(sandbox, 'a', 'stop')).toBe(500);
  });

  it('meets the actions only with method POST, and the reads only with GET', async () => {
    const sandbox = createSandbox({ tasks: TASKS, timeScale: 0 });
    sandbox.setFaults([{ method: 'GET', status: 503 }]);
    expect(await act(sandbox, 'a', 'stop')).toBe(200);
    expect((await get(sandbox, '/v3/tasks/a')).status).toBe(503);
    sandbox.setFaults([{ method: 'POST', status: 503 }]);
    expect((await get(sandbox, '/v3/tasks/a')).status).toBe(200);
    expect(await act(sandbox, 'b', 'stop')).toBe(503);
  });

  it('refuses another method with the reason', () => {
    const sandbox = createSandbox();
    expect(() => sandbox.setFaults([{ method: 'PUT' as 'GET', status: 500 }])).toThrow(SandboxConfigError);
    expect(() => sandbox.setFaults([{ method: 'PUT' as 'GET', status: 500 }])).toThrow(
      /fault 0: method must be POST .* or GET/,
    );
  });
});
