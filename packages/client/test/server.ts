// A real HTTP server on 127.0.0.1 for the client's tests: it records every request it gets and
// answers with whatever the current handler does.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPort, type ClosedPort } from '@sms-task/test-support';
import type { Authenticator } from '../src/index.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, recorded: Recorded) => void;

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

/** Sends the status and the start of a JSON body that claims 100 bytes, then drops the connection. */
export const cutMidBody =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': '100', ...headers });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 10);
  };

export interface ServerOptions {
  /** Node's idle limit for a kept-alive connection (default 5 s); 0 never closes one. */
  keepAliveTimeout?: number;
}

export async function startServer(initial: Handler = json(200, {}), options: ServerOptions = {}) {
  const requests: Recorded[] = [];
  let handlers: Handler[] = [];
  let fallback = initial;
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      (handlers.shift() ?? fallback)(req, res, recorded);
    });
  });
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    /** Answer the next requests with these handlers, in order, then with `always`. */
    reply(...next: Handler[]) {
      handlers = next;
    },
    always(handler: Handler) {
      fallback = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/**
 * Token auth that counts the tries of a call (each try applies its credentials once). Unlike the
 * requests a server records, the count does not depend on whether a try's request got there
 * before its deadline, which on a busy machine a short one may not.
 */
export function countingAuth(token = 't'): { auth: Authenticator; tries(): number } {
  let tries = 0;
  const auth: Authenticator = {
    apply: (request) => void (tries++, request.headers.set('x-auth-token', token)),
    secrets: () => [token],
    renew: () => false,
  };
  return { auth, tries: () => tries };
}

/** A port that refuses connections (see @sms-task/test-support), held for the file's tests. */
export function useClosedPort(): { readonly url: string } {
  let held: ClosedPort | undefined;
  beforeAll(async () => {
    held = await closedPort();
  });
  afterAll(() => held?.release());
  return {
    get url() {
      if (!held) throw new Error('the closed port is used before beforeAll took it');
      return held.url;
    },
  };
}

/**
 * A test server for each test of the file (or describe block) that calls this: started before the
 * test with `initial` as its handler, closed after it with every connection. A request that a
 * test's client sent late (a timed-out call on a busy machine) so never reaches the next test's
 * server. The returned object forwards to the running server.
 */
export function useTestServer(initial: Handler = json(200, {}), options: ServerOptions = {}): TestServer {
  let current: TestServer | undefined;
  beforeEach(async () => {
    current = await startServer(initial, options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestServer, {
    get: (_, key) => {
      if (!current) throw new Error('the test server is used outside a test');
      return current[key as keyof TestServer];
    },
  });
}
