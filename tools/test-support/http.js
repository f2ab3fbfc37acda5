// One real HTTP server on 127.0.0.1 for the tests: it records every request it gets (method, URL,
// headers, body) and answers with the handler the test sets, so a test asserts on what was sent.
import { createServer } from 'node:http';

/** A handler that answers with this status, JSON body and headers. */
export const json =
  (status, body, headers = {}) =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

/**
 * Listens on a port the system picks (port 0) and keeps it. Headers may be up to 64 KiB, so that
 * Node's default 16 KiB limit does not refuse the spec's longest token before the handler sees it.
 */
export async function recordingServer(initial = json(200, {}), { keepAliveTimeout } = {}) {
  const requests = [];
  let handlers = [];
  let fallback = initial;
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      (handlers.shift() ?? fallback)(req, res, recorded);
    });
  });
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    reply(...next) {
      handlers = next;
    },
    always(handler) {
      fallback = handler;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
