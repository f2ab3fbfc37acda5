// sms-sandbox as an operator runs it: one readiness line with the URL, a clean stop on SIGTERM and
// SIGINT, and a bad seed or option refused before it listens, with the line and the reason, exit 2.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSmsClient } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { spawnUntilLine } from '@sms-task/test-support';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sms-sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function seedFile(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });

/** Starts the command and resolves with its readiness line, or rejects with what it printed if it ends first. */
async function serve(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; line: string; url: string }> {
  const { child, match } = await spawnUntilLine(process.execPath, [CLI, '--port', '0', ...args], {
    env,
    ready: /listening on (\S+)/,
  });
  return { child, line: match.input, url: match[1]! };
}

describe('sms-sandbox', () => {
  it('serves the seed, prints one readiness line, and stops cleanly on SIGTERM', async () => {
    const seed = seedFile(
      'wave.json',
      JSON.stringify(
        {
          tasks: [
            { id: 'a', state: 'RUNNING' },
            { id: 'b', state: 'ABORT' },
          ],
        },
        null,
        2,
      ),
    );
    const { child, line, url } = await serve(['--seed', seed]);
    expect(line).toMatch(/^sms-sandbox listening on http:\/\/127\.0\.0\.1:\d+ \(strict, 2 tasks\)$/);
    const sms = createSmsClient({ endpoint: url, auth: { token: 't' }, retry: false });
    await expect(sms.tasks.stop('a')).resolves.toMatchObject({ status: 200 });
    await expect(sms.tasks.stop('b')).rejects.toMatchObject({ errorCode: 'SMS.1038' });
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });

  it('stops cleanly on SIGINT (Ctrl-C), in permissive mode with unknown ids created', async () => {
    const { child, line, url } = await serve(['--mode', 'permissive', '--auto-create']);
    expect(line).toContain('(permissive, 0 tasks, unknown ids created)');
    const sms = createSmsClient({ endpoint: url, auth: { token: 't' }, retry: false });
    await expect(sms.tasks.restart('any')).resolves.toMatchObject({ status: 200 });
    child.kill('SIGINT');
    expect((await once(child, 'exit'))[0]).toBe(0);
  });

  it('refuses a seed with an unknown state or a duplicate id, naming the file, line and reason (exit 2)', () => {
    const unknown = seedFile(
      'unknown.json',
      '{\n  "tasks": [\n    { "id": "a", "state": "RUNNING" },\n    { "id": "b", "state": "PAUSED" }\n  ]\n}\n',
    );
    const bad = run(['--port', '0', '--seed', unknown]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      new RegExp(`^sms-sandbox: ${unknown}:4: tasks\\[1\\]: unknown state "PAUSED": use READY,`),
    );
    const twice = seedFile(
      'twice.json',
      '{ "tasks": [\n  { "id": "a", "state": "READY" },\n  { "id": "a", "state": "RUNNING" }\n] }\n',
    );
    const duplicate = run(['--port', '0', '--seed', twice]);
    expect(duplicate.status).toBe(2);
    expect(duplicate.stderr).toContain(`${twice}:3: tasks[1]: the id "a" is given twice`);
  });

  it('names the line of a refused task when the seed holds braces in its text (an error_json)', () => {
    const seed = seedFile(
      'braces.json',
      [
        '{ "tasks": [',
        '  { "id": "a", "state": "MIGRATE_FAIL", "error_json": "{\\"error_code\\": \\"SMS.X\\"}" },',
        '  { "id": "b", "state": "RUNNING", "progress": 40 }',
        '] }',
      ].join('\n'),
    );
    const result = run(['--port', '0', '--seed', seed]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${seed}:3: tasks[1]: progress is how much of the migration is done`);
  });

  it("runs the clock at --time-scale, or at the seed's timeScale, and says so in its readiness line", async () => {
    const seed = seedFile('scaled.json', JSON.stringify({ timeScale: 0, tasks: [{ id: 'a', state: 'RUNNING' }] }));
    const fromSeed = await serve(['--seed', seed]);
    expect(fromSeed.line).toContain('(strict, 1 task, clock ×0)');
    const clock = async () => (await (await fetch(`${fromSeed.url}/__sandbox/clock`)).json()).now;
    // Stopped: only an advance moves it.
    const first = await clock();
    await fetch(`${fromSeed.url}/__sandbox/advance`, { method: 'POST', body: '{"seconds":60}' });
    expect(await clock()).toBe(first + 60_000);
    fromSeed.child.kill('SIGTERM');
    await once(fromSeed.child, 'exit');

    const flagged = await serve(['--seed', seed, '--time-scale', '3600']);
    expect(flagged.line).toContain('clock ×3600');
    flagged.child.kill('SIGTERM');
    await once(flagged.child, 'exit');
  });

  it('refuses a seed that is not a task list, and bad options, before it listens (exit 2)', () => {
    const notJson = seedFile('not.json', '{ tasks: ');
    for (const [args, reason] of [
      [['--seed', notJson], /not JSON/],
      [['--seed', seedFile('shape.json', '{"task":[]}')], /the seed must be \{ "tasks"/],
      [['--seed', join(dir, 'missing.json')], /cannot read the seed/],
      [['--mode', 'lenient'], /--mode must be strict or permissive/],
      [['--port', 'http'], /--port must be a port number/],
      [['--settle-ms', 'soon'], /--settle-ms must be/],
      [['--time-scale', 'fast'], /--time-scale must be a number/],
      [['--seed', seedFile('scale.json', '{"timeScale":-1,"tasks":[]}')], /timeScale must be a number ≥ 0/],
      [['--nope'], /Unknown option '--nope'/],
    ] as const) {
      const result = run([...args]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(reason);
    }
  });

  it("verifies signatures with the official SDKs' HUAWEICLOUD_SDK_* pair, and refuses half a pair (exit 2)", async () => {
    const pair = { ak: 'CLIAK', sk: 'cli-secret-key', domainId: 'cli-domain' };
    const env = {
      ...process.env,
      HUAWEICLOUD_SDK_AK: pair.ak,
      HUAWEICLOUD_SDK_SK: pair.sk,
      HUAWEICLOUD_SDK_DOMAIN_ID: pair.domainId,
    };
    const { child, line, url } = await serve(['--auto-create'], env);
    expect(line).toContain(', AK/SK verified)');
    const signed = (sk: string) => createSmsClient({ endpoint: url, auth: akskAuth({ ...pair, sk }), retry: false });
    await expect(signed(pair.sk).tasks.start('a')).resolves.toMatchObject({ status: 200 });
    await expect(signed('another-secret-key').tasks.start('a')).rejects.toMatchObject({ status: 401 });
    child.kill('SIGTERM');
    await once(child, 'exit');

    const half = run(['--port', '0'], { ...process.env, HUAWEICLOUD_SDK_AK: pair.ak, HUAWEICLOUD_SDK_SK: '' });
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(/^sms-sandbox: .*HUAWEICLOUD_SDK_SK is not set, but HUAWEICLOUD_SDK_AK is/);
    expect(half.stderr).not.toContain(pair.ak);
  });

  it('prints its usage and version', () => {
    expect(run(['--help']).stdout).toContain('usage: sms-sandbox');
    expect(run(['--version']).stdout).toMatch(/^sms-sandbox \d+\.\d+\.\d+\n$/);
  });
});
