// What a host sees of the server, for each protocol era it serves: only the read tools unless it
// started with --allow-write, the annotations hosts act on, the whole tools/list within 8 KiB, and a
// wave confirmed through elicitation on each era (a request of the server's own on 2025 clients,
// an input_required result that the client fulfils on 2026-07-28).
import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, connect, type Era, posts, running, useSandbox } from './harness.js';

const env = useSandbox();
const open: Connected[] = [];
afterEach(async () => {
  for (const connected of open.splice(0)) await connected.close();
  env.sandbox.reset();
});
const start = async (flags: string[], era?: Era) => {
  const connected = await connect({ server: env.server, reportsDir: env.folder() }, flags, { era });
  open.push(connected);
  return connected;
};
const ERAS: Era[] = ['2025-06-18', '2025-11-25', '2026-07-28'];

describe.each(ERAS)('a client of protocol %s', (era) => {
  it('negotiates it, lists only the read tools by default, and all five with --allow-write', async () => {
    const readOnly = await start([], era);
    expect(readOnly.version()).toBe(era);
    const { tools } = await readOnly.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['sms_get_tasks', 'sms_plan_wave', 'sms_wave_status']);
    for (const tool of tools) expect(tool.annotations).toMatchObject({ readOnlyHint: true });

    const writing = await start(['--allow-write'], era);
    const all = await writing.client.listTools();
    const byName = Object.fromEntries(all.tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual([
      'sms_cancel_wave',
      'sms_get_tasks',
      'sms_plan_wave',
      'sms_run_wave',
      'sms_wave_status',
    ]);
    expect(byName.sms_run_wave!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.sms_cancel_wave!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    // The operation enum is the spec's.
    const operation = (byName.sms_plan_wave!.inputSchema.properties as Record<string, any>).operation;
    expect(operation.enum).toEqual([
      'start',
      'stop',
      'test',
      'clone_test',
      'restart',
      'network_check',
      'clear',
      'skip',
      'migration_test',
    ]);
    // An agent's context is the budget: every tool, schemas and all, in 8 KiB of JSON.
    expect(Buffer.byteLength(JSON.stringify(all.tools))).toBeLessThanOrEqual(8 * 1024);
  });

  it('asks the user once and runs the wave on the answer', async () => {
    running(env.sandbox, 'e-1');
    const mcp = await start(['--allow-write=stop'], era);
    const planned = (await mcp.call('sms_plan_wave', { operation: 'stop', task_ids: ['e-1'] })).structuredContent!;
    const ran = await mcp.call('sms_run_wave', {
      plan_id: planned.plan_id,
      operation: 'stop',
      task_count: 1,
      wait_s: 25,
    });
    expect(ran.structuredContent).toMatchObject({ state: 'done', counts: { ok: 1 } });
    expect(mcp.asked).toEqual(['stop 1 task at the configured endpoint: 0 already ABORT, 0 repeat, 0 invalid']);
    expect(posts(env.sandbox)).toEqual(['e-1']);
  });
});
