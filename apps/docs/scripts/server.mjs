// A tiny static server for the built docs: the page (one self-contained file), the bundled OpenAPI
// description its download link points at, and the Markdown beside it (llms.txt, llms-full.txt, one
// file per operation and guide) that readers without JavaScript and agents read. Used by
// `preview`, the root start command and the browser tests.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
// By name, as the site publishes them: RFC 9512's media type for YAML, RFC 7763's for Markdown (the
// llms.txt files are Markdown under another name).
const TYPES = [
  [/\.html$/, 'text/html; charset=utf-8'],
  [/\.ya?ml$/, 'application/yaml; charset=utf-8'],
  [/(\.md|^llms(-full)?\.txt)$/, 'text/markdown; charset=utf-8'],
];

/** @param {{ port?: number, host?: string }} options */
export async function serveDocs({ port = 0, host = '127.0.0.1' } = {}) {
  const files = new Map();
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(DIST, join(entry.parentPath, entry.name)).split(sep).join('/');
    const type = TYPES.find(([pattern]) => pattern.test(path))?.[1];
    if (type) files.set(`/${path}`, { path, type });
  }
  if (!files.has('/index.html') || !files.has('/openapi.yaml')) {
    throw new Error('apps/docs/dist is missing the page: run `pnpm --filter @sms-task/docs build` first');
  }
  files.set('/', files.get('/index.html'));
  const contents = new Map(
    await Promise.all([...new Set(files.values())].map(async ({ path }) => [path, await readFile(join(DIST, path))])),
  );
  const server = createServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (file) {
      const body = contents.get(file.path);
      res.writeHead(200, { 'content-type': file.type, 'content-length': body.length });
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
