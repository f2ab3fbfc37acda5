// `tasks.prepare`: one body for many tasks, each thing checked once — the body at `prepare`, a task's
// id when its call is made — with the same errors, requests and results as `action` and `preview`.
import { describe, expect, it } from 'vitest';
import { SmsValidationError, type TaskActionRequest } from '../src/index.js';
import { createSmsClient } from './entry.js';
import { json, useTestServer } from './server.js';

const server = useTestServer(json(200, {}, { 'x-request-id': 'req-1' }));
const sms = () => createSmsClient({ endpoint: server.url, auth: { token: 't' } });

const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return expect.fail('nothing was thrown');
};
const rejected = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('it resolved'),
    (e: unknown) => e,
  );

describe('tasks.prepare', () => {
  it('refuses a bad body at once, as action does, with attempts 0 and nothing sent', async () => {
    for (const body of [{ operation: 'clone_test' }, { operation: 'cutover' }, { operation: 'start', force: 1 }]) {
      const fromPrepare = thrown(() => sms().tasks.prepare(body as TaskActionRequest));
      expect(fromPrepare).toBeInstanceOf(SmsValidationError);
      expect(fromPrepare).toEqual(await rejected(sms().tasks.action('t', body as TaskActionRequest)));
      expect(fromPrepare).toMatchObject({ attempts: 0 });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a bad task id when that task's call is made, the other tasks' calls still go", async () => {
    const stop = sms().tasks.prepare({ operation: 'stop' });
    const error = thrown(() => stop('x'.repeat(37)));
    expect(error).toEqual(await rejected(sms().tasks.action('x'.repeat(37), { operation: 'stop' })));
    expect(error).toMatchObject({ attempts: 0, field: 'task_id' });
    await expect(stop('ok-1').send()).resolves.toEqual({ data: {}, status: 200, requestId: 'req-1', attempts: 1 });
    expect(server.requests.map((request) => request.url)).toEqual(['/v3/tasks/ok-1/action']);
  });

  it('sends what action sends and previews what preview shows; a send checks its own options only', async () => {
    const body = { operation: 'clone_test', template_id: 'tpl-1' } as const;
    const call = sms().tasks.prepare(body)('a b');
    expect(call.preview({ headers: { 'X-Trace': '1' } })).toEqual(
      sms().tasks.preview('a b', body, { headers: { 'X-Trace': '1' } }),
    );
    await call.send();
    await sms().tasks.action('a b', body);
    const [prepared, direct] = server.requests;
    expect(prepared).toMatchObject({ method: direct!.method, url: direct!.url, body: direct!.body });
    await expect(call.send({ timeoutMs: 0 })).rejects.toMatchObject({ field: 'timeoutMs', attempts: 0 });
    expect(server.requests).toHaveLength(2);
  });
});
