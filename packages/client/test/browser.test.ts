// The package as a web app gets it: the built `@sms-task/client` and `@sms-task/client/aksk`,
// bundled by esbuild for the browser (so the export conditions pick the fetch and Web Crypto
// builds), loaded by a page in headless Chromium and calling a real server on another origin, with
// CORS preflights and the browser's own fetch rules (opaque redirects, hidden headers).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromiumLaunchOptions } from '@sms-task/test-support';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialAuthorization } from './official-signer.js';
import { cutMidBody, json, recordingServer, useTestServer, type Handler, type TestServer } from './server.js';

const TOKEN = 'browser-secret-token-0123456789';
const AK = 'BROWSERAK0123456789';
const SK = 'browser-sk-abcdefghijklmnopqrstuvwxyz';

/** What a page sees of the CORS answer: a permissive policy that exposes the headers the client reads. */
const EXPOSED = 'X-Request-Id, Retry-After';
function withCors(handler: Handler, { expose = EXPOSED }: { expose?: string } = {}): Handler {
  return (req, res, recorded) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      // Max-Age 0: every call is preflighted, so each test sees its own.
      res.writeHead(204, {
        'Access-Control-Max-Age': '0',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
      });
      return res.end();
    }
    if (expose) res.setHeader('Access-Control-Expose-Headers', expose);
    handler(req, res, recorded);
  };
}
const hang: Handler = () => {};

let browser: Browser;
let page: Page;
let pageServer: { url: string; close(): void };
const api = useTestServer(withCors(json(200, {}, { 'x-request-id': 'req-1' })));

beforeAll(async () => {
  // Resolved by the package's own name, as an application's bundler would resolve it.
  const bundle = await build({
    stdin: {
      contents: "export * from '@sms-task/client'; export { akskAuth } from '@sms-task/client/aksk';",
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  // What a bundler tells the application's developer about this package: nothing.
  expect(bundle.warnings.map((w) => w.text)).toEqual([]);
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/sms.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<!doctype html><title>app</title><script type="module">import * as sms from "/sms.js"; window.sms = sms;</script>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageServer = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage();
  // Waits give up only as a hang guard: a busy machine can take long to load the page.
  page.setDefaultTimeout(120_000);
  await page.goto(pageServer.url);
  await page.waitForFunction(() => 'sms' in window);
});

afterAll(async () => {
  await browser?.close();
  pageServer?.close();
});

interface Outcome {
  result?: { data: unknown; status: number; requestId?: string };
  error?: {
    name: string;
    message: string;
    status?: number;
    errorCode?: string;
    requestId?: string;
    isSmsError: boolean;
    views: string;
  };
}

/**
 * Runs `body` in the page with the bundle's exports in scope as `sms`, and returns the call's
 * result or what the page sees of its error (every printed form of it, for the secrets checks).
 */
async function inPage(body: string, args: Record<string, unknown>): Promise<Outcome> {
  return page.evaluate(
    async ({ body, args }) => {
      const sms = (window as unknown as { sms: Record<string, any> }).sms;
      try {
        const result = await new Function('sms', 'args', `return (async () => { ${body} })()`)(sms, args);
        return { result };
      } catch (e: any) {
        const views = [String(e), e.stack, JSON.stringify(e), JSON.stringify(e.cause ?? null), String(e.cause)].join(
          '\n',
        );
        return {
          error: {
            name: e.name,
            message: e.message,
            status: e.status,
            errorCode: e.errorCode,
            requestId: e.requestId,
            isSmsError: e instanceof sms.SmsError,
            views,
          },
        };
      }
    },
    { body, args },
  );
}

const posts = (server: TestServer) => server.requests.filter((r) => r.method === 'POST');

describe('in a browser (headless Chromium, the package bundled by esbuild)', () => {
  it('loads in the page and exports the public API', async () => {
    const exported = await page.evaluate(() => Object.keys((window as unknown as { sms: object }).sms).sort());
    expect(exported).toEqual(
      expect.arrayContaining([
        'createSmsClient',
        'akskAuth',
        'SmsApiError',
        'SmsValidationError',
        'REGIONS',
        'OPERATIONS',
      ]),
    );
  });

  it('sends a token call across origins (through the CORS preflight) and reads the exposed request id', async () => {
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token } });
       return await c.tasks.cloneTest('task-1', { template_id: 'tpl-1', switch_hce: true });`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome).toEqual({ result: { data: {}, status: 200, requestId: 'req-1', attempts: 1 } });
    expect(api.requests.map((r) => r.method)).toEqual(['OPTIONS', 'POST']);
    const [post] = posts(api);
    expect(post!.url).toBe('/v3/tasks/task-1/action');
    expect(post!.headers['x-auth-token']).toBe(TOKEN);
    expect(post!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post!.body)).toEqual({ template_id: 'tpl-1', switch_hce: true, operation: 'clone_test' });
  });

  it('signs with Web Crypto exactly as the official SDK signs the request the browser sent', async () => {
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: sms.akskAuth({ ak: args.ak, sk: args.sk, domainId: 'domain-1' }) });
       return await c.tasks.start('task/with space');`,
      { url: api.url, ak: AK, sk: SK },
    );
    expect(outcome.result?.status).toBe(200);
    const [post] = posts(api);
    expect(post!.url).toBe('/v3/tasks/task%2Fwith%20space/action');
    expect(post!.headers['x-domain-id']).toBe('domain-1');
    const signed = {
      'Content-Type': post!.headers['content-type'] as string,
      'X-Sdk-Date': post!.headers['x-sdk-date'] as string,
      'X-Domain-Id': 'domain-1',
    };
    expect(post!.headers.authorization).toBe(
      officialAuthorization(
        { method: 'POST', url: `${api.url}${post!.url}`, headers: signed, body: post!.body },
        AK,
        SK,
      ),
    );
    expect(post!.headers.authorization).toContain('SignedHeaders=content-type;host;x-domain-id;x-sdk-date,');
  });

  it('refuses bad input with a typed error before anything, not even a preflight, is sent', async () => {
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token } });
       return await c.tasks.cloneTest('task-1', {});`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome.error).toMatchObject({
      name: 'SmsValidationError',
      message: 'template_id: is required when operation is clone_test',
      isSmsError: true,
    });
    expect(api.requests).toEqual([]);
  });

  it('turns an API error into SmsApiError, with the echoed token redacted from every printed form', async () => {
    api.always(
      withCors(json(400, { error_code: 'SMS.6501', error_msg: `bad token ${TOKEN}` }, { 'x-request-id': 'req-err' })),
    );
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token } });
       return await c.tasks.stop('task-1');`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome.error).toMatchObject({
      name: 'SmsApiError',
      status: 400,
      errorCode: 'SMS.6501',
      requestId: 'req-err',
      message: 'SMS API 400 SMS.6501: bad token [redacted] (request id req-err)',
    });
    expect(outcome.error!.views).not.toContain(TOKEN);
    expect(posts(api)).toHaveLength(1);
  });

  it('does not follow a redirect: the browser hides it (status 0) and the other origin gets nothing', async () => {
    const elsewhere = await recordingServer(withCors(json(200, {})));
    try {
      api.always(withCors((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/steal` }).end()));
      const outcome = await inPage(
        `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token } });
         return await c.tasks.start('task-1');`,
        { url: api.url, token: TOKEN },
      );
      expect(outcome.error).toMatchObject({
        name: 'SmsApiError',
        status: 0,
        message: 'SMS API 0: redirect not followed',
      });
      expect(posts(api)).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('repeats a 503, waiting as an exposed Retry-After says, then returns the success', async () => {
    // Twice: the preflight takes the first handler, the action the second.
    const busy = withCors(json(503, { error_code: 'SMS.0503', error_msg: 'busy' }, { 'retry-after': '0' }));
    api.reply(busy, busy);
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token }, retry: { baseDelayMs: 60_000 } });
       return await c.tasks.restart('task-1');`,
      { url: api.url, token: TOKEN },
    );
    // A base delay of a minute: only the header's 0 s could have let the second try through in time.
    expect(outcome.result).toMatchObject({ status: 200 });
    expect(posts(api)).toHaveLength(2);
  });

  it('repeats a 503 whose Retry-After the server does not expose, by the backoff policy', async () => {
    const busy = withCors(json(503, {}, { 'retry-after': '3600' }), { expose: '' });
    api.reply(busy, busy);
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token }, retry: { baseDelayMs: 1 } });
       return await c.tasks.restart('task-1');`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome.result).toMatchObject({ status: 200 });
    expect(posts(api)).toHaveLength(2);
  });

  it('times out an attempt the server never answers, and does not repeat it', async () => {
    api.always(withCors(hang));
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token }, timeoutMs: 300 });
       return await c.tasks.stop('task-1');`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome.error).toMatchObject({
      name: 'SmsTimeoutError',
      message: 'no answer within 300 ms; the server may have acted',
    });
    expect(posts(api)).toHaveLength(1);
  });

  it("stops at the caller's AbortSignal", async () => {
    api.always(withCors(hang));
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token } });
       const controller = new AbortController();
       setTimeout(() => controller.abort(), 100);
       return await c.tasks.stop('task-1', undefined, { signal: controller.signal });`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome.error).toMatchObject({ name: 'SmsAbortError', message: 'aborted by the caller' });
  });

  it('reports a body cut short after a 200 as SmsResponseError: the browser saw the answer, so the action probably ran', async () => {
    api.always(withCors(cutMidBody(200, { 'x-request-id': 'cut-1' })));
    const outcome = await inPage(
      `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token }, retry: { baseDelayMs: 1 } });
       return await c.tasks.start('task-1');`,
      { url: api.url, token: TOKEN },
    );
    expect(outcome.error).toMatchObject({
      name: 'SmsResponseError',
      status: 200,
      requestId: 'cut-1',
      isSmsError: true,
      message: 'SMS API 200: the body could not be read; the operation was probably accepted',
    });
    expect(posts(api)).toHaveLength(1);
  });

  it('reports a server that refuses CORS as SmsNetworkError, without repeating it (a browser cannot tell why fetch failed)', async () => {
    const noCors = await recordingServer(json(200, {}));
    try {
      const outcome = await inPage(
        `const c = sms.createSmsClient({ endpoint: args.url, auth: { token: args.token }, retry: { baseDelayMs: 1 } });
         return await c.tasks.stop('task-1');`,
        { url: noCors.url, token: TOKEN },
      );
      expect(outcome.error).toMatchObject({ name: 'SmsNetworkError', isSmsError: true });
      expect(outcome.error!.message).toMatch(/^connection failed: /);
      // The preflight was refused, once: the action itself never left the browser.
      expect(noCors.requests.map((r) => r.method)).toEqual(['OPTIONS']);
    } finally {
      await noCors.close();
    }
  });
});
