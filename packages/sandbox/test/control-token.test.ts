// The control API is the sandbox's keys: bound beyond loopback, sms-sandbox starts only with a
// control token and answers control calls without it 401; the API keeps its own credential rules.
// The servers bind 0.0.0.0 and are called on 127.0.0.1: no traffic leaves the machine.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EndedBeforeReady, spawnUntilLine } from '@sms-task/test-support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SandboxConfigError, type SandboxServer, startSandboxServer } from '../dist/index.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const TOKEN = 'control-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sms-sandbox-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tokenFile = join(dir, 'control-token');
writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });

const children: ChildProcess[] = [];
let server: SandboxServer | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  await server?.close();
  server = undefined;
});

/** Starts sms-sandbox to its readiness line; called on loopback whatever it bound (0.0.0.0 → 127.0.0.1). */
async function serve(args: string[], env: Record<string, string> = {}) {
  const started = await spawnUntilLine(process.execPath, [CLI, '--port', '0', ...args], {
    env: { ...withoutToken(process.env), ...env },
    ready: /listening on http:\/\/\S+:(\d+)/,
  });
  children.push(started.child);
  return { line: started.match.input, base: `http://127.0.0.1:${started.match[1]}`, output: started.output };
}

/** Runs sms-sandbox when it should end before it listens: how it ended, with its exit code and output. */
const refused = (args: string[], env: Record<string, string> = {}): Promise<EndedBeforeReady> =>
  serve(args, env).then(
    ({ line }) => {
      throw new Error(`sms-sandbox started: ${line}`);
    },
    (error: EndedBeforeReady) => error,
  );

function withoutToken(env: NodeJS.ProcessEnv) {
  const { SMS_SANDBOX_CONTROL_TOKEN: _, ...rest } = env;
  return rest as Record<string, string>;
}

const control = (base: string, authorization?: string) =>
  fetch(`${base}/__sandbox/tasks/a`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: '{"state":"RUNNING"}',
  });
const stop = (base: string) =>
  fetch(`${base}/v3/tasks/a/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
    body: '{"operation":"stop"}',
  });

describe('sms-sandbox beyond loopback', () => {
  it('refuses to start without a control token (exit 2), saying how to give one', async () => {
    const result = await refused(['--host', '0.0.0.0']);
    expect(result).toMatchObject({ exitCode: 2 });
    expect(result.output).toBe(
      'sms-sandbox: the host 0.0.0.0 is beyond loopback: the control API (/__sandbox) needs a token ' +
        '(--control-token-file FILE, or SMS_SANDBOX_CONTROL_TOKEN)\n',
    );
  });

  it('with a token file: control calls without it 401, with it 200; the API unaffected', async () => {
    const { base, line, output } = await serve(['--host', '0.0.0.0', '--control-token-file', tokenFile]);
    expect(line).toMatch(
      /^sms-sandbox listening on http:\/\/0\.0\.0\.0:\d+ \(strict, 0 tasks, control API behind its token\)$/,
    );

    for (const authorization of [
      undefined,
      `Bearer ${TOKEN.slice(0, -1)}x`,
      `Bearer ${TOKEN}extra`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const refused = await control(base, authorization);
      expect(refused.status, authorization).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const text = await refused.text();
      expect(JSON.parse(text).error).toMatch(/Authorization: Bearer <token>/);
      expect(text).not.toContain(TOKEN);
    }
    const getTasks = await fetch(`${base}/__sandbox/tasks`);
    expect(getTasks.status).toBe(401);

    const accepted = await control(base, `Bearer ${TOKEN}`);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ id: 'a', state: 'RUNNING' });

    // The API keeps its own rules: a token it accepts, no control token needed.
    const api = await stop(base);
    expect(api.status).toBe(200);
    expect(output()).not.toContain(TOKEN);
  });

  it('takes the token from SMS_SANDBOX_CONTROL_TOKEN too', async () => {
    const { base } = await serve(['--host', '0.0.0.0'], { SMS_SANDBOX_CONTROL_TOKEN: TOKEN });
    expect((await control(base)).status).toBe(401);
    expect((await control(base, `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('refuses a token file it cannot read, or a token too short to guess at (exit 2)', async () => {
    const short = join(dir, 'short');
    writeFileSync(short, 'abc\n');
    for (const [file, reason] of [
      [join(dir, 'missing'), /^sms-sandbox: cannot read the control token file: ENOENT/],
      [short, /^sms-sandbox: the control token must be at least 16 characters/],
    ] as const) {
      const result = await refused(['--host', '0.0.0.0', '--control-token-file', file]);
      expect(result).toMatchObject({ exitCode: 2 });
      expect(result.output).toMatch(reason);
    }
  });
});

describe('sms-sandbox on loopback', () => {
  it('behaves as before without a token: control calls need none', async () => {
    const { base, line } = await serve([]);
    expect(line).toMatch(/^sms-sandbox listening on http:\/\/127\.0\.0\.1:\d+ \(strict, 0 tasks\)$/);
    expect((await control(base)).status).toBe(200);
  });

  it('enforces a token when one is given', async () => {
    const { base } = await serve(['--control-token-file', tokenFile]);
    expect((await control(base)).status).toBe(401);
    expect((await control(base, `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await stop(base)).status).toBe(200);
  });
});

describe('startSandboxServer', () => {
  it('refuses a host beyond loopback without a control token, before it listens', async () => {
    await expect(startSandboxServer({ host: '0.0.0.0' })).rejects.toThrow(SandboxConfigError);
    await expect(startSandboxServer({ host: '0.0.0.0' })).rejects.toThrow(/beyond loopback/);
    await expect(startSandboxServer({ host: '0.0.0.0', controlToken: 'short' })).rejects.toThrow(/at least 16/);
  });

  it('serves the control API behind the token, and loopback hosts without one', async () => {
    server = await startSandboxServer({ host: '0.0.0.0', controlToken: TOKEN });
    const base = `http://127.0.0.1:${new URL(server.url).port}`;
    expect((await control(base)).status).toBe(401);
    expect((await control(base, `bearer ${TOKEN}`)).status).toBe(200);
    await server.close();
    server = await startSandboxServer({ host: 'localhost' });
    expect((await control(server.url)).status).toBe(200);
  });
});
