// The README's main job, as a newcomer runs it: `npm start` builds, then starts the local stack
// (scripts/start-stack.mjs) — the Prism mock, the sandbox and this docs site. This starts that same
// script on free ports and uses the stack the ways the README says: the curl requests, the client
// snippet, a web page calling the mock across origins, and Ctrl-C.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSmsClient } from '@sms-task/client';
import { TRANSITIONS } from '@sms-task/sandbox';
import { spec } from '@sms-task/spec';
import { chromiumLaunchOptions, recordingServer, runCommand, spawnUntilLine } from '@sms-task/test-support';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
/** What the sandbox answers to stop on a paused task: its refusal's example in the spec. */
const STOP_REFUSED = spec.examples.get(TRANSITIONS.stop!.refusal)!.value.error_code as string;

let stack: ChildProcess;
/** What the stack printed up to its ready line: where everything is. */
let output = '';
let mockUrl: string;
let docsUrl: string;
let sandboxUrl: string;
let browser: Browser | undefined;

beforeAll(async () => {
  // Port 0: the system picks free ports as the servers bind them, and the stack prints them.
  // Up when it says so, down when it exits first; the hook's timeout guards against a hang.
  const started = await spawnUntilLine(process.execPath, ['scripts/start-stack.mjs'], {
    cwd: ROOT,
    env: { ...process.env, SMS_MOCK_PORT: '0', SMS_DOCS_PORT: '0', SMS_SANDBOX_PORT: '0' },
    ready: /Ctrl-C stops them all/,
  });
  stack = started.child;
  output = started.output();
  mockUrl = /Prism mock\s+(\S+)/.exec(output)![1]!;
  docsUrl = /API docs\s+(\S+)/.exec(output)![1]!;
  sandboxUrl = /Sandbox\s+(\S+)/.exec(output)![1]!;
});

afterAll(async () => {
  await browser?.close();
  // Still up when a test failed before Ctrl-C: stop it the same way, so that it stops Prism too.
  if (stack && stack.exitCode === null && stack.signalCode === null) {
    const exited = new Promise((resolve) => stack.once('exit', resolve));
    stack.kill('SIGINT');
    const force = setTimeout(() => stack.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }
});

describe('the local stack (npm start)', () => {
  it('prints where the mock and the docs are, on the ports the system gave it for port 0', () => {
    expect(mockUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(docsUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    expect(output).toContain(`curl -X POST ${mockUrl}/v3/tasks/${TASK}/action`);
  });

  it('serves the spec it prints, in one file, beside the docs', async () => {
    const specUrl = /OpenAPI\s+(\S+)/.exec(output)![1]!;
    expect(specUrl).toBe(`${docsUrl}openapi.yaml`);
    const response = await fetch(specUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^openapi: 3\.1\.0\n/);
  });

  it('serves the Markdown for agents it prints: llms.txt, linking llms-full.txt, as text/markdown', async () => {
    const llmsUrl = /For agents\s+(\S+)/.exec(output)![1]!;
    expect(llmsUrl).toBe(`${docsUrl}llms.txt`);
    const response = await fetch(llmsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    const text = await response.text();
    expect(text).toMatch(/^# /);
    expect(text).toContain('llms-full.txt');
  });

  it("answers the README's curl request with 200 {}", async () => {
    const response = await fetch(`${mockUrl}/v3/tasks/${TASK}/action`, {
      method: 'POST',
      headers: { 'X-Auth-Token': 'any-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ operation: 'start' }),
    });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({});
  });

  it("answers the README's list reads as it says: a page, and a 400 for a limit the spec refuses", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const reads = [...readme.matchAll(/^curl '(http:\/\/127\.0\.0\.1:4010)(\/v3\/tasks\?[^']*)'.*\n# → (\d{3})/gm)];
    expect(reads.map(([, , , status]) => status)).toEqual(['200', '400']);
    for (const [, , path, status] of reads) {
      const response = await fetch(`${mockUrl}${path}`, { headers: { 'X-Auth-Token': 'any-token' } });
      expect(response.status, path).toBe(Number(status));
      if (status === '200')
        await expect(response.json()).resolves.toMatchObject({ count: expect.any(Number), tasks: expect.any(Array) });
    }
  });

  it("runs the README's client snippet against the mock, and the mock still refuses what the spec refuses", async () => {
    const sms = createSmsClient({ endpoint: mockUrl, auth: { token: 'any-token' } });
    await expect(sms.tasks.start(TASK)).resolves.toMatchObject({ data: {}, status: 200 });
    // Past the client's own validation (raw), straight to the mock: it validates too.
    const { response } = await sms.raw.POST('/v3/tasks/{task_id}/action', {
      params: { path: { task_id: TASK } },
      body: { operation: 'cutover' } as never,
    });
    expect(response.status).toBe(400);
  });

  it("answers the printed state-error request from the sandbox with stop's refusal, and shows the task", async () => {
    const [, url, body] = /curl -X POST (\S+) \\\n.*-d '(\{"operation":"stop"\})'/.exec(output)!;
    expect(url!.startsWith(sandboxUrl)).toBe(true);
    const response = await fetch(url!, {
      method: 'POST',
      headers: { 'X-Auth-Token': 'any-token', 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toMatchObject({ error_code: STOP_REFUSED });
    const taskUrl = /curl (\S+\/__sandbox\/tasks\/\S+)/.exec(output)![1]!;
    const task = await (await fetch(taskUrl)).json();
    expect(task).toMatchObject({
      state: 'ABORT',
      history: [{ operation: 'stop', status: 400, error_code: STOP_REFUSED }],
    });
  });

  it("runs the README's wave with sms-task against the sandbox: one task refused, then the wave resumed", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```sh\nexport SMS_TOKEN=any-token\n([\s\S]*?)```/.exec(readme)![1]!;
    const steps = block
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.replace(/\s+#.*$/, '').replaceAll('http://127.0.0.1:4011', sandboxUrl));
    expect(steps).toHaveLength(3);
    const dir = mkdtempSync(join(tmpdir(), 'sms-readme-wave-'));
    const shell = (line: string) =>
      promisify(execFile)('sh', ['-c', line], { cwd: ROOT, env: { ...process.env, SMS_TOKEN: 'any-token' } })
        .then(({ stdout }) => ({ code: 0, stdout }))
        .catch((error: { code: number; stdout: string }) => error);
    try {
      const report = join(dir, 'stop.jsonl');
      const first = await shell(steps[0]!.replace('stop.jsonl', report));
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(
        new RegExp(`wave-03\\s+│ refused\\s+│ 400\\s+│ ${STOP_REFUSED.replace('.', '\\.')}`),
      );
      // The report is a journal, one JSON line an event: the run's summary comes last.
      const journal = readFileSync(report, 'utf8').trim().split('\n');
      expect(JSON.parse(journal.at(-1)!)).toMatchObject({ type: 'summary', ok: 2, refused: 1 });
      await shell(steps[1]!);
      const resumed = await shell(`${steps[2]!.replace('stop.jsonl', report)} --output json`);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout).results).toMatchObject([{ task_id: 'wave-03', outcome: 'ok' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the docs page, and a page on that origin calls the mock with the client (CORS)', async () => {
    const page = await (browser ??= await chromium.launch(chromiumLaunchOptions())).newPage();
    // Waits give up only as a hang guard: a busy machine can take long to load the page.
    page.setDefaultTimeout(120_000);
    await page.goto(docsUrl);
    await expect(page.title()).resolves.toBe(spec.document.info.title);
    const bundle = await build({
      stdin: {
        contents: "export { createSmsClient } from '@sms-task/client';",
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        loader: 'js',
      },
      bundle: true,
      format: 'iife',
      globalName: 'sms',
      platform: 'browser',
      write: false,
      logLevel: 'error',
    });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const result = await page.evaluate(
      async ({ mockUrl, task }) => {
        const { createSmsClient } = (window as unknown as { sms: typeof import('@sms-task/client') }).sms;
        const sms = createSmsClient({ endpoint: mockUrl, auth: { token: 'any-token' } });
        const { data, status } = await sms.tasks.cloneTest(task, { template_id: 'template-1' });
        return { data, status, origin: location.origin };
      },
      { mockUrl, task: TASK },
    );
    expect(result).toEqual({ data: {}, status: 200, origin: new URL(docsUrl).origin });
  });

  it('stops every server on Ctrl-C (SIGINT) and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
    stack.kill('SIGINT');
    await expect(exited).resolves.toBe(0);
    for (const url of [mockUrl, docsUrl, sandboxUrl]) {
      await expect(fetch(url), url).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    }
  });
});

describe('the local stack when it cannot start', () => {
  /** Runs the stack command to its end (it must end by itself) and returns what it printed. */
  async function runToEnd(env: Record<string, string>) {
    const run = await runCommand(process.execPath, ['scripts/start-stack.mjs'], {
      cwd: ROOT,
      env: { ...process.env, SMS_SANDBOX_PORT: '0', ...env },
    });
    return { code: run.exitCode, printed: run.output };
  }

  /** The pids of the live processes whose environment has `entry` (Linux's /proc). */
  function processesWithEnvironment(entry: string): number[] {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry);
        } catch {
          return false; // gone meanwhile, or not ours to read
        }
      })
      .map(Number);
  }

  /** A port something else listens on, for the length of `use`. */
  async function withTakenPort<T>(use: (port: number) => Promise<T>): Promise<T> {
    const holder = await recordingServer();
    try {
      return await use(holder.port);
    } finally {
      await holder.close();
    }
  }

  it('names a taken mock port and the variable that moves it, in one line, and leaves nothing running', async () => {
    // Every process the stack starts inherits this variable: none may be left once it has ended.
    const mark = `stack-test-${process.pid}-${Date.now()}-mock`;
    const { code, printed } = await withTakenPort(async (port) =>
      runToEnd({ SMS_MOCK_PORT: String(port), SMS_DOCS_PORT: '0', SMS_SANDBOX_PORT: '0', SMS_STACK_TEST_MARK: mark }),
    );
    expect(code).toBe(1);
    expect(printed.trim()).toMatch(
      /^npm start: port \d+ \(the Prism mock\) is in use: stop what listens there, or choose another with SMS_MOCK_PORT=<port>$/,
    );
    expect(processesWithEnvironment(`SMS_STACK_TEST_MARK=${mark}`)).toEqual([]);
  });

  it('names a taken docs port, and leaves nothing running', async () => {
    // Every process the stack starts inherits this variable: none may be left once it has ended.
    const mark = `stack-test-${process.pid}-${Date.now()}`;
    const { code, printed } = await withTakenPort((port) =>
      runToEnd({ SMS_MOCK_PORT: '0', SMS_DOCS_PORT: String(port), SMS_STACK_TEST_MARK: mark }),
    );
    expect(code).toBe(1);
    expect(printed.trim()).toMatch(
      /^npm start: port \d+ \(the docs site\) is in use: stop what listens there, or choose another with SMS_DOCS_PORT=<port>$/,
    );
    expect(processesWithEnvironment(`SMS_STACK_TEST_MARK=${mark}`)).toEqual([]);
  });

  it('names a taken sandbox port, and leaves nothing running', async () => {
    const mark = `stack-test-${process.pid}-${Date.now()}-sandbox`;
    const { code, printed } = await withTakenPort((port) =>
      runToEnd({ SMS_MOCK_PORT: '0', SMS_DOCS_PORT: '0', SMS_SANDBOX_PORT: String(port), SMS_STACK_TEST_MARK: mark }),
    );
    expect(code).toBe(1);
    expect(printed.trim()).toMatch(
      /^npm start: port \d+ \(the sandbox\) is in use: stop what listens there, or choose another with SMS_SANDBOX_PORT=<port>$/,
    );
    expect(processesWithEnvironment(`SMS_STACK_TEST_MARK=${mark}`)).toEqual([]);
  });

  it('refuses a port variable that is not a port: the reason and the usage, exit 2', async () => {
    const { code, printed } = await runToEnd({ SMS_MOCK_PORT: '4010x' });
    expect(code).toBe(2);
    const [reason, usage] = printed.trim().split('\n');
    expect(reason).toBe('npm start: SMS_MOCK_PORT must be a port number from 0 to 65535, got "4010x"');
    expect(usage).toBe('usage: npm start');
  });
});
