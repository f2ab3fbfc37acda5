// The sandbox in a browser: a page bundled for browsers (the `browser` export conditions of the
// sandbox, its MSW entry and the client) runs the sandbox behind MSW's setupWorker, and the
// client's browser build calls a region's endpoint from the spec and a custom one, in headless
// Chromium. Nothing reaches a network: msw's own mockServiceWorker.js answers in the page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'tsup';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { example, REGION_SERVERS } from './spec.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CUSTOM = 'http://sms.test:8080';
const REGION = REGION_SERVERS[0]!.url;
const CANNOT_PAUSE = example('cannot_pause').value.error_code as string;

let out: string;
let server: Server;
let browser: Browser;
let page: Page;
/** Every request the page server got, by path: the page, its script and the worker, nothing else. */
const served: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'sandbox-browser-'));
  await build({
    entry: { page: fileURLToPath(new URL('./browser-page.ts', import.meta.url)) },
    outDir: out,
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/./],
    splitting: false,
    dts: false,
    config: false,
    silent: true,
  });
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><title>app</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', readFileSync(join(out, 'page.js'), 'utf8')],
    // msw's postinstall (which copies the worker into an app) is denied here: served from the package.
    '/mockServiceWorker.js': [
      'text/javascript',
      readFileSync(fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')), 'utf8'),
    ],
  };
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://page').pathname;
    served.push(path);
    const file = files[path];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  page = await browser.newPage();
  // A hang guard only: a busy machine can take long to load the page.
  page.setDefaultTimeout(120_000);
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/?endpoint=${encodeURIComponent(CUSTOM)}`);
  await page.waitForFunction(() => 'ready' in window);
  await page.evaluate(() => (window as any).ready);
});

afterEach(async () => {
  await page?.evaluate(() => (window as any).app.sandbox.reset());
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

interface Outcome {
  result?: { status: number; requestId?: string };
  error?: { name: string; status?: number; errorCode?: string; isApiError: boolean; isNetworkError: boolean };
  state?: string;
  calls: unknown[];
}

/** Runs `body` in the page with `sms` (a client on `url`) and `app` in scope; its outcome, task state and calls. */
function inPage(url: string, body: string, task: string): Promise<Outcome> {
  return page.evaluate(
    async ({ url, body, task }) => {
      const { app } = window as any;
      const sms = app.createSmsClient({ endpoint: url, auth: { token: 'any-token' }, retry: { baseDelayMs: 1 } });
      const outcome: Record<string, unknown> = {};
      try {
        const { status, requestId } = await new Function('sms', 'app', `return (async () => { ${body} })()`)(sms, app);
        outcome.result = { status, requestId };
      } catch (e: any) {
        outcome.error = {
          name: e.name,
          status: e.status,
          errorCode: e.errorCode,
          isApiError: e instanceof app.SmsApiError,
          isNetworkError: e instanceof app.SmsNetworkError,
        };
      }
      return { ...outcome, state: app.sandbox.task(task)?.state, calls: app.sandbox.calls() };
    },
    { url, body, task },
  );
}

describe.each([
  { name: `the spec's first region (${REGION})`, url: REGION },
  { name: 'a custom endpoint', url: CUSTOM },
])('in headless Chromium, the client through setupWorker(...handlersFor(sandbox)) on $name', ({ url }) => {
  it('starts a READY task: 200, and the task runs', async () => {
    const outcome = await inPage(url, "return await sms.tasks.start('ready-1');", 'ready-1');
    expect(outcome).toMatchObject({ result: { status: 200 }, state: 'RUNNING' });
    expect(outcome.calls).toEqual([
      { taskId: 'ready-1', operation: 'start', body: { operation: 'start' }, credential: 'token', status: 200 },
    ]);
  });

  it("refuses to stop a paused task with SmsApiError and the spec's code", async () => {
    const outcome = await inPage(url, "return await sms.tasks.stop('paused-1');", 'paused-1');
    expect(outcome).toMatchObject({
      error: { name: 'SmsApiError', status: 400, errorCode: CANNOT_PAUSE, isApiError: true },
      state: 'ABORT',
    });
  });

  it('answers through a once override that patches the answer, then as before', async () => {
    const outcome = await inPage(
      url,
      `app.sandbox.override('stop', async (call, next) => {
         const answer = await next();
         return { ...answer, headers: { ...answer.headers, 'x-request-id': 'patched-' + call.taskId } };
       }, { once: true });
       const first = await sms.tasks.stop('running-1');
       app.sandbox.advance();
       const second = await sms.tasks.stop('running-1').catch((e) => e);
       return { status: first.status, requestId: [first.requestId, second.errorCode].join(' ') };`,
      'running-1',
    );
    expect(outcome).toMatchObject({ result: { status: 200, requestId: `patched-running-1 ${CANNOT_PAUSE}` } });
    expect(outcome.state).toBe('ABORT');
  });

  it('turns a dropped connection (a fault) into a network error, the task untouched', async () => {
    const outcome = await inPage(
      url,
      "app.sandbox.setFaults([{ drop: true }]); return await sms.tasks.stop('running-1');",
      'running-1',
    );
    expect(outcome).toMatchObject({ error: { name: 'SmsNetworkError', isNetworkError: true }, state: 'RUNNING' });
    expect(outcome.calls).toMatchObject([{ taskId: 'running-1', status: 0 }]);
  });
});

it("lets nothing leave the page for an endpoint the handlers do not serve (onUnhandledRequest: 'error')", async () => {
  // The page's own server is the endpoint here: the call must not reach it.
  const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const outcome = await inPage(own, "return await sms.tasks.start('ready-1');", 'ready-1');
  // The call fails (in a browser, MSW's 'error' strategy answers 500 from the worker) and the
  // sandbox never saw it.
  expect(outcome.result).toBeUndefined();
  expect(outcome.error).toBeDefined();
  expect(outcome).toMatchObject({ state: 'READY', calls: [] });
  expect(served.filter((path) => path.startsWith('/v3/'))).toEqual([]);
});
