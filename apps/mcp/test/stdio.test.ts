// The built server as a host runs it: dist/main.js launched over stdio by the SDK's real Client
// (2026-07-28), against a real sandbox server. A kill -9 mid-wave, then a resume plan that sends
// nothing that already acted; standard input closed and SIGTERM ending a wave as the CLI's SIGTERM
// does; and no secret in anything the processes let out.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, expect, it } from 'vitest';
import { holdStops, readJournal, running, TOKEN, type ToolResult, useSandbox } from './harness.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const env = useSandbox();
const seen: string[] = [];
afterAll(() => {
  const out = seen.join('\n');
  expect(out).not.toContain(TOKEN);
  expect(out).not.toContain(env.server.url);
  expect(out).not.toContain(new URL(env.server.url).host);
});

/** The server process, with its client connected over its standard input and output. */
async function launch(reportsDir: string) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAIN, '--endpoint', env.server.url, '--reports-dir', reportsDir, '--allow-write=stop', '--concurrency', '2'],
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', SMS_TOKEN: TOKEN },
    stderr: 'pipe',
  });
  let stderr = '';
  const logged: { text: RegExp; resolve: () => void }[] = [];
  transport.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk;
    for (const wait of logged) if (wait.text.test(stderr)) wait.resolve();
  });
  const client = new Client(
    { name: 'stdio-test', version: '1' },
    { capabilities: { elicitation: {} }, versionNegotiation: { mode: { pin: '2026-07-28' } } },
  );
  client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { confirm: true } }));
  await client.connect(transport);
  expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
  // The transport's own child process: its exit is the event these tests wait for.
  const child = (transport as unknown as { _process: ChildProcess })._process;
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  void exited.then(() => seen.push(stderr));
  return {
    client,
    child,
    exited,
    /** Resolves once the server has logged a line matching `text`. */
    logs: (text: RegExp) =>
      new Promise<void>((resolve) => (text.test(stderr) ? resolve() : logged.push({ text, resolve }))),
    async call(name: string, args: Record<string, unknown>) {
      const result = (await client.callTool({ name, arguments: args })) as ToolResult;
      seen.push(JSON.stringify(result));
      return result.structuredContent as Record<string, any>;
    },
  };
}

const runPlan = (server: Awaited<ReturnType<typeof launch>>, plan: Record<string, any>, wait_s: number) =>
  server.call('sms_run_wave', { plan_id: plan.plan_id, operation: 'stop', task_count: plan.task_count, wait_s });

it('after kill -9, the resume plan reads the calls that may have acted and sends none that did', async () => {
  const reportsDir = env.folder();
  const ids = Array.from({ length: 6 }, (_, i) => `k-${i}`);
  running(env.sandbox, ...ids);
  // k-2's call acts and its answer is lost; k-3's never reaches the service: both are in flight at the kill.
  const held = holdStops(env.sandbox, ['k-3'], ['k-2']);
  const first = await launch(reportsDir);
  const plan = await first.call('sms_plan_wave', { operation: 'stop', task_ids: ids });
  const { wave_id } = await runPlan(first, plan, 0);
  await held.arrived(4);
  first.child.kill('SIGKILL');
  expect(await first.exited).toEqual([null, 'SIGKILL']);
  held.remove();

  const second = await launch(reportsDir);
  expect(await second.call('sms_wave_status', { wave_id })).toMatchObject({ state: 'interrupted', in_flight: 2 });
  const rest = await second.call('sms_plan_wave', { operation: 'stop', resume_wave_id: wave_id });
  expect(rest).toMatchObject({ task_count: 4, counts: { done_before: 2, read_first: 2, send: 2 } });
  const done = await runPlan(second, rest, 25);
  expect(done).toMatchObject({ state: 'done', wave_ok: true, counts: { ok: 6 } });
  // After the kill: k-3 again (it had not acted), k-4 and k-5; never k-2, whose read showed it ABORT.
  expect(held.arrivals.slice(0, 4).sort()).toEqual(['k-0', 'k-1', 'k-2', 'k-3']);
  expect(
    env.sandbox
      .calls()
      .filter((call) => call.method === 'POST')
      .map((call) => call.taskId),
  ).not.toContain('k-2');
  const resumedPosts = env.sandbox
    .calls()
    .filter((call) => call.method === 'POST' && !['k-0', 'k-1'].includes(call.taskId!))
    .map((call) => call.taskId);
  expect(resumedPosts.sort()).toEqual(['k-3', 'k-4', 'k-5']);
  const reads = env.sandbox.calls().filter((call) => call.method === 'GET' && ['k-2', 'k-3'].includes(call.taskId!));
  expect(reads.length).toBeGreaterThanOrEqual(2);
  const journal = readJournal(`${reportsDir}/waves/${wave_id}.jsonl`);
  expect(journal.invalid, JSON.stringify(journal.errors)).toEqual([]);
  expect(
    journal.lines.find((line) => line.type === 'result' && line.task_id === 'k-2' && line.outcome === 'ok'),
  ).toMatchObject({ attempts: 0, state: 'ABORT' });

  // Standard input closed by the host: the wave running stops as on the CLI's SIGTERM, then the server exits.
  env.sandbox.reset();
  running(env.sandbox, 'd-0', 'd-1', 'd-2', 'd-3');
  // Both slots held (--concurrency 2): d-3 waits for one.
  const hold = holdStops(env.sandbox, ['d-1', 'd-2']);
  const plan2 = await second.call('sms_plan_wave', { operation: 'stop', task_ids: ['d-0', 'd-1', 'd-2', 'd-3'] });
  const wave2 = await second.call('sms_run_wave', {
    plan_id: plan2.plan_id,
    operation: 'stop',
    task_count: 4,
    wait_s: 0,
  });
  await hold.arrived(3);
  const closing = second.client.close();
  await second.logs(/standard input closed: stopping/);
  await hold.release();
  await closing;
  expect((await second.exited)[0]).toBe(0);
  const lines = readJournal(`${reportsDir}/waves/${wave2.wave_id}.jsonl`).lines;
  expect(lines.at(-1)).toMatchObject({ type: 'summary', cut: 'standard input closed', complete: false });
  expect(lines.find((line) => line.type === 'result' && line.task_id === 'd-1')).toMatchObject({ outcome: 'ok' });
  expect(hold.arrivals.sort()).toEqual(['d-0', 'd-1', 'd-2']);
});

it('SIGTERM stops the waves as the CLI does: no new calls, the calls in flight finish, the journal is completed', async () => {
  env.sandbox.reset();
  running(env.sandbox, 't-0', 't-1', 't-2', 't-3');
  const hold = holdStops(env.sandbox, ['t-1', 't-2']);
  const reportsDir = env.folder();
  const server = await launch(reportsDir);
  const plan = await server.call('sms_plan_wave', { operation: 'stop', task_ids: ['t-0', 't-1', 't-2', 't-3'] });
  const { wave_id } = await runPlan(server, plan, 0);
  await hold.arrived(3);
  server.child.kill('SIGTERM');
  await server.logs(/SIGTERM: stopping/);
  await hold.release();
  expect((await server.exited)[0]).toBe(143);
  const status = readJournal(`${reportsDir}/waves/${wave_id}.jsonl`);
  expect(status.lines.at(-1)).toMatchObject({ type: 'summary', cut: 'SIGTERM' });
  expect(hold.arrivals.sort()).toEqual(['t-0', 't-1', 't-2']);
  await server.client.close();
});
