// What the browser tests share: a module bundled for browsers (tsup, so the `browser` export
// conditions apply), served with msw's own mockServiceWorker.js by a node:http server on port 0,
// and headless Chromium to open it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@sms-task/test-support';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'tsup';

/** The module at `entry` with everything it imports, as one ES module for a browser. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'sandbox-browser-'));
  try {
    await build({
      entry: { page: entry },
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
    return readFileSync(join(out, 'page.js'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The path of every request it got, in order. */
  served: string[];
  close(): Promise<void>;
}

/** Serves a page that loads `script` as a module, and the worker MSW registers (msw's postinstall is denied here). */
export async function servePage(script: string): Promise<PageServer> {
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><title>app</title><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', script],
    '/mockServiceWorker.js': [
      'text/javascript',
      readFileSync(fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')), 'utf8'),
    ],
  };
  const served: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://page').pathname;
    served.push(path);
    const file = files[path];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
