// A tiny static server for the built docs: the page, which is one self-contained file, and the
// bundled OpenAPI description its download link points at. Used by `preview`, the root start
// command and the browser tests.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  // RFC 9512's media type for YAML.
  '/openapi.yaml': ['openapi.yaml', 'application/yaml; charset=utf-8'],
};

/** @param {{ port?: number, host?: string }} options */
export async function serveDocs({ port = 0, host = '127.0.0.1' } = {}) {
  const contents = Object.fromEntries(
    await Promise.all(
      [...new Set(Object.values(FILES).map(([file]) => file))].map(async (file) => [
        file,
        await readFile(new URL(`../dist/${file}`, import.meta.url)).catch(() => {
          throw new Error(`apps/docs/dist/${file} is missing: run \`pnpm --filter @sms-task/docs build\` first`);
        }),
      ]),
    ),
  );
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [file, type] = FILES[path] ?? [];
    if (file) {
      const body = contents[file];
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
