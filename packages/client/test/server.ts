// The client's tests' servers: test-support's recording server (a real HTTP server on 127.0.0.1
// that records every request and answers with the current handler), one per test, and a few
// handlers and ports of the client's own.
import {
  closedPort,
  type ClosedPort,
  type Handler,
  json,
  type RecordingServer,
  recordingServer,
} from '@sms-task/test-support';
import type { Authenticator } from '../src/index.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export { json, recordingServer, type Handler, type Recorded } from '@sms-task/test-support';
export type TestServer = RecordingServer;

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
    current = await recordingServer(initial, options);
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
