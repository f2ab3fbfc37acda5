// The sandbox in a browser: a page bundled for browsers (the `browser` export conditions of the
// sandbox, its MSW entry and the client) runs the sandbox behind MSW's setupWorker, and the
// client's browser build calls a region's endpoint from the spec and a custom one, in headless
// Chromium. Nothing reaches a network: msw's own mockServiceWorker.js answers in the page.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, launchChromium, type PageServer, servePage } from './browser-harness.js';
import { example, REGION_SERVERS } from './spec.js';

const CUSTOM = 'http://sms.test:8080';
const REGION = REGION_SERVERS[0]!.url;
const CANNOT_PAUSE = example('cannot_pause').value.error_code as string;

let server: PageServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await servePage(await bundleForBrowser(fileURLToPath(new URL('./browser-page.ts', import.meta.url))));
  browser = await launchChromium();
  page = await browser.newPage();
  // A hang guard only: a busy machine can take long to load the page.
  page.setDefaultTimeout(120_000);
  await page.goto(`${server.url}/?endpoint=${encodeURIComponent(CUSTOM)}`);
  await page.waitForFunction(() => 'ready' in window);
  await page.evaluate(() => (window as any).ready);
});

afterEach(async () => {
  await page?.evaluate(() => (window as any).app.sandbox.reset());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
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
      {
        method: 'POST',
        taskId: 'ready-1',
        operation: 'start',
        body: { operation: 'start' },
        credential: 'token',
        status: 200,
      },
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
  const outcome = await inPage(server.url, "return await sms.tasks.start('ready-1');", 'ready-1');
  // The call fails (in a browser, MSW's 'error' strategy answers 500 from the worker) and the
  // sandbox never saw it.
  expect(outcome.result).toBeUndefined();
  expect(outcome.error).toBeDefined();
  expect(outcome).toMatchObject({ state: 'READY', calls: [] });
  expect(server.served.filter((path) => path.startsWith('/v3/'))).toEqual([]);
});
