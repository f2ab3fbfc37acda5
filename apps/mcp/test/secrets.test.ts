// No secret leaves the server: not the token, not the AK/SK pair, not the endpoint's URL or host —
// in no result, error or log line, also when they come back from below: a service that echoes the
// token and its own address in an error, a socket error that names host:port.
import { closedPort, json, recordingServer } from '@sms-task/test-support';
import { afterAll, expect, it } from 'vitest';
import { connect, running, TOKEN, useSandbox } from './harness.js';

const env = useSandbox();
const AKSK = { HUAWEICLOUD_SDK_AK: 'AKTEST0123456789ABCD', HUAWEICLOUD_SDK_SK: 'sk-secret-0123456789abcdef' };
const out: string[] = [];
const secrets: string[] = [TOKEN, ...Object.values(AKSK)];
afterAll(() => {
  expect(out.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(out.join('\n')).not.toContain(secret);
});

it('keeps the AK/SK pair and the endpoint out of a whole wave', async () => {
  running(env.sandbox, 's-1');
  secrets.push(env.server.url, new URL(env.server.url).host);
  const mcp = await connect({ server: env.server, reportsDir: env.folder() }, ['--allow-write', '--confirm=client'], {
    env: AKSK,
  });
  const plan = (await mcp.call('sms_plan_wave', { operation: 'stop', task_ids: ['s-1', '..'] })).structuredContent!;
  await mcp.call('sms_run_wave', { plan_id: plan.plan_id, operation: 'stop', task_count: 1, wait_s: 25 });
  await mcp.call('sms_get_tasks', { task_ids: ['s-1'] });
  expect(env.sandbox.calls().map((call) => call.credential)).toContain('aksk');
  out.push(...mcp.seen, ...mcp.logs);
  await mcp.close();
});

it('redacts the token and the address a service echoes, and a socket error naming host:port', async () => {
  const echo = await recordingServer((req, res, recorded) =>
    json(400, { error_code: 'X.400', error_msg: `token ${req.headers['x-auth-token']} refused by ${recorded.url}` })(
      req,
      res,
      recorded,
    ),
  );
  const closed = await closedPort();
  secrets.push(echo.url, `127.0.0.1:${echo.port}`, closed.url, `127.0.0.1:${closed.port}`);
  try {
    const echoing = await connect({ server: echo, reportsDir: env.folder() }, []);
    const row = (await echoing.call('sms_get_tasks', { task_ids: ['e-1'] })).structuredContent!.tasks[0];
    expect(row.error).toBe('400 X.400 token [redacted] refused by /v3/tasks/e-1');
    out.push(...echoing.seen, ...echoing.logs);
    await echoing.close();

    const refused = await connect({ server: closed, reportsDir: env.folder() }, []);
    const list = await refused.call('sms_get_tasks', { state: 'RUNNING' });
    expect(list).toMatchObject({ isError: true });
    expect(list.content[0]!.text).toMatch(/^the list read failed: .*ECONNREFUSED.*\[redacted\]/);
    out.push(...refused.seen, ...refused.logs);
    await refused.close();
  } finally {
    await echo.close();
    closed.release();
  }
});
