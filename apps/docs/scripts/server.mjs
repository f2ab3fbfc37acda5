// A tiny static server for the built docs page; used by `preview`, the root start command and
// the browser test. The page is one self-contained file, so there is nothing else to serve.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const PAGE = new URL('../dist/index.html', import.meta.url);

/** @param {{ port?: number, host?: string }} options */
export async function serveDocs({ port = 0, host = '127.0.0.1' } = {}) {
  const html = await readFile(PAGE).catch(() => {
    throw new Error('apps/docs/dist/index.html is missing: run `pnpm --filter @sms-task/docs build` first');
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
      res.end(req.method === 'HEAD' ? undefined : html);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
