// CORS over real HTTP: preflights and readable answers (errors and the control API's included) for
// pages served from this machine and for the origins the option adds, a refusal before anything
// acts for any other origin, the same from sms-sandbox's --cors-origin; and headless Chromium pages
// on other origins calling the server as a browser app under test would.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions, spawnUntilLine } from '@sms-task/test-support';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxServer, startSandboxServer } from '../dist/index.js';
import { example } from './spec.js';

// The pages of the browser tests: one blank page for every path, on its own port. Chromium reaches
// it as localhost, and as app.test and evil.test (mapped to 127.0.0.1): served from this machine as
// a dev server would, so Chromium's Local Network Access lets its pages call a loopback address.
const pages: Server = createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app under test</title>'),
);
await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
const PAGES_PORT = (pages.address() as AddressInfo).port;
const ADDED = `http://app.test:${PAGES_PORT}`;
const CONTROL_TOKEN = 'cors-test-control-token';
const TASKS = [
  { id: 'paused', state: 'ABORT' as const },
  { id: 'running', state: 'RUNNING' as const },
];
const CANNOT_PAUSE = example('cannot_pause').value.error_code as string;
// What the client and the official SDK send besides the CORS-safelisted headers.
const SENT_HEADERS = 'authorization,content-type,x-auth-token,x-project-id,x-request-id,x-sdk-date,x-security-token';

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandboxServer({ tasks: TASKS, cors: { origins: [ADDED] }, controlToken: CONTROL_TOKEN });
});
afterAll(async () => {
  await server?.close();
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
});

const preflight = (origin: string, path = '/v3/tasks/paused/action', method = 'POST', headers = SENT_HEADERS) =>
  fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
const stop = (origin?: string) =>
  fetch(`${server.url}/v3/tasks/paused/action`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 't', ...(origin && { origin }) },
    body: '{"operation":"stop"}',
  });

describe('a preflight', () => {
  it('is answered 204 for pages of this machine and the added origin, with what was asked for', async () => {
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
      'https://localhost',
      ADDED,
    ]) {
      const answer = await preflight(origin);
      expect(answer.status, origin).toBe(204);
      expect(Object.fromEntries(answer.headers)).toMatchObject({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': SENT_HEADERS,
        'access-control-max-age': expect.stringMatching(/^\d+$/),
        vary: expect.stringContaining('Origin'),
      });
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // The control API's, which a control token guards, is answered without it: a browser sends none.
    const control = await preflight(
      'http://localhost:5173',
      '/__sandbox/tasks/paused',
      'PUT',
      'authorization,content-type',
    );
    expect(control.status).toBe(204);
    expect(control.headers.get('access-control-allow-methods')).toBe('PUT');
  });

  it('is refused 403, with nothing a browser would accept, for any other origin', async () => {
    for (const origin of [
      'http://evil.test',
      'http://localhost.evil.test:5173',
      'null',
      'http://127.0.0.1.evil.test',
    ]) {
      const answer = await preflight(origin);
      expect(answer.status, origin).toBe(403);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(await answer.json()).toMatchObject({
        error_code: 'SANDBOX.0403',
        error_msg: expect.stringContaining('--cors-origin'),
      });
    }
  });

  it('is only an OPTIONS with an Origin and the method asked for: without them, the path answers as before (405)', async () => {
    const bare = await fetch(`${server.url}/v3/tasks/paused/action`, { method: 'OPTIONS' });
    expect(bare.status).toBe(405);
    expect(bare.headers.get('access-control-allow-origin')).toBeNull();
    const noMethod = await fetch(`${server.url}/v3/tasks/paused/action`, {
      method: 'OPTIONS',
      headers: { origin: ADDED },
    });
    expect(noMethod.status).toBe(405);
    expect(noMethod.headers.get('access-control-allow-origin')).toBe(ADDED);
  });
});

describe('an answer to an allowed origin', () => {
  it("is readable, a refusal's included: the origin, and the headers a page needs exposed", async () => {
    const answer = await stop('http://localhost:5173');
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error_code: CANNOT_PAUSE });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = answer.headers
      .get('access-control-expose-headers')!
      .split(/,\s*/)
      .map((h) => h.toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['x-request-id', 'retry-after', 'date']));
  });

  it("is readable from the control API, its token's refusal included", async () => {
    const refused = await fetch(`${server.url}/__sandbox/tasks/paused`, { headers: { origin: ADDED } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ADDED);
    const read = await fetch(`${server.url}/__sandbox/tasks/paused`, {
      headers: { origin: ADDED, authorization: `Bearer ${CONTROL_TOKEN}` },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe(ADDED);
  });

  it('is unchanged for a call with no Origin (curl, Node, the SDKs): no CORS headers', async () => {
    const answer = await stop();
    expect(answer.status).toBe(400);
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

it('refuses a call from any other origin before it acts: a form post elsewhere cannot drive the sandbox', async () => {
  const before = server.sandbox.calls().length;
  const reset = await fetch(`${server.url}/__sandbox/reset`, {
    method: 'POST',
    headers: { origin: 'http://evil.test', authorization: `Bearer ${CONTROL_TOKEN}` },
  });
  expect(reset.status).toBe(403);
  const start = await fetch(`${server.url}/v3/tasks/paused/action`, {
    method: 'POST',
    headers: { origin: 'http://evil.test', 'content-type': 'application/json', 'x-auth-token': 't' },
    body: '{"operation":"start"}',
  });
  expect(start.status).toBe(403);
  expect(server.sandbox.task('paused')!.state).toBe('ABORT');
  expect(server.sandbox.calls()).toHaveLength(before);
});

describe('the option', () => {
  it("'*' allows any origin, a file page's null too", async () => {
    const any = await startSandboxServer({ tasks: TASKS, cors: { origins: '*' } });
    try {
      for (const origin of ['http://evil.test', 'null']) {
        const answer = await fetch(`${any.url}/__sandbox/tasks`, { headers: { origin } });
        expect(answer.headers.get('access-control-allow-origin'), origin).toBe(origin);
      }
    } finally {
      await any.close();
    }
  });

  it('refuses what is not an origin, before it listens', async () => {
    for (const origins of [['http://app.test:3000/path'], ['app.test'], ['ftp://app.test']]) {
      await expect(startSandboxServer({ cors: { origins } })).rejects.toThrow(/is not an origin/);
    }
  });

  it('is sms-sandbox --cors-origin, repeatable, named in its readiness line', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const { child, match } = await spawnUntilLine(
      process.execPath,
      [cli, '--port', '0', '--cors-origin', ADDED, '--cors-origin', 'null'],
      { ready: /listening on (\S+)/ },
    );
    try {
      expect(match.input).toContain(`, CORS also for ${ADDED} null)`);
      const answer = await fetch(`${match[1]}/__sandbox/tasks`, { headers: { origin: 'null' } });
      expect(answer.headers.get('access-control-allow-origin')).toBe('null');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});

describe('in headless Chromium, a page on another origin', () => {
  let browser: Browser;
  let page: Page;
  // Every call a page makes goes over the network to the sandbox server, through Chromium's own checks.
  const pageAt = (origin: string) => page.goto(`${origin}/`);
  /** Calls the sandbox from the page with fetch; what the page could read, or the error. */
  const callFromPage = (path: string, init: RequestInit) =>
    page.evaluate(
      async ({ url, init }) => {
        try {
          const answer = await fetch(url, init);
          return {
            status: answer.status,
            body: await answer.text(),
            requestId: answer.headers.get('x-request-id'),
            date: answer.headers.get('date'),
          };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { url: `${server.url}${path}`, init },
    );
  const stopInit = {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 'browser-token' },
    body: '{"operation":"stop"}',
  };

  beforeAll(async () => {
    const options = chromiumLaunchOptions();
    browser = await chromium.launch({
      ...options,
      args: [...options.args, '--host-resolver-rules=MAP *.test 127.0.0.1'],
    });
    page = await browser.newPage();
    page.setDefaultTimeout(120_000);
  });
  afterAll(() => browser?.close());

  it('on loopback reads a refusal (status, body, X-Request-Id, Date), sets a state through the control API, then acts', async () => {
    await pageAt(`http://localhost:${PAGES_PORT}`);
    const refused = await callFromPage('/v3/tasks/paused/action', stopInit);
    expect(refused).toMatchObject({ status: 400, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(JSON.parse((refused as { body: string }).body).error_code).toBe(CANNOT_PAUSE);
    expect(new Date((refused as { date: string }).date).getTime()).not.toBeNaN();

    const set = await callFromPage('/__sandbox/tasks/paused', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CONTROL_TOKEN}` },
      body: '{"state":"RUNNING"}',
    });
    expect(set).toMatchObject({ status: 200 });
    await expect(callFromPage('/v3/tasks/paused/action', stopInit)).resolves.toMatchObject({ status: 200 });
    expect(server.sandbox.task('paused')!.state).toMatch(/^ABORT/);
  });

  it('on an origin the option adds is allowed; on any other, the browser gets nothing and nothing acts', async () => {
    server.sandbox.reset();
    await pageAt(ADDED);
    await expect(callFromPage('/v3/tasks/running/action', stopInit)).resolves.toMatchObject({ status: 200 });
    server.sandbox.reset();
    await pageAt(`http://evil.test:${PAGES_PORT}`);
    const refused = await callFromPage('/v3/tasks/running/action', stopInit);
    expect(refused).toMatchObject({ error: expect.stringContaining('Failed to fetch') });
    expect(server.sandbox.task('running')!.state).toBe('RUNNING');
    expect(server.sandbox.calls()).toEqual([]);
  });
});
