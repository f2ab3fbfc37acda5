// The sandbox behind node:http: each request becomes the handler's plain request (its body read up
// to the spec's limit), and its answer is written back (or the socket destroyed, for a dropped
// connection). Control calls need the control token when one is set. The seed and options are
// checked before the port opens, so a bad one never leaves a server listening.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isControlPath } from '../protocol/messages.js';
import { controlRefusal, controlTokenProblem, hasControlToken } from './control-token.js';
import { prepareSandbox, type Sandbox, SandboxConfigError, type SandboxOptions } from './sandbox.js';

export interface SandboxServerOptions extends Omit<SandboxOptions, 'url'> {
  /** Default 0: the system picks a free port (read it from `url`). */
  port?: number;
  /** Default 127.0.0.1. Beyond loopback (not 127.0.0.0/8, ::1 or localhost), `controlToken` is required. */
  host?: string;
  /**
   * The token control calls (/__sandbox/…) must send as `Authorization: Bearer <token>`; at least 16
   * characters. Required beyond loopback; on loopback, enforced when given.
   */
  controlToken?: string;
}

export interface SandboxServer {
  /** `http://host:port`, once listening. */
  readonly url: string;
  readonly sandbox: Sandbox;
  /** Stops accepting, ends open connections, and resolves once closed. */
  close(): Promise<void>;
}

export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const { port = 0, host = '127.0.0.1', controlToken, ...rest } = options;
  const problem = controlTokenProblem(host, controlToken);
  if (problem) throw new SandboxConfigError(problem);
  const makeSandbox = prepareSandbox(rest);
  let sandbox: Sandbox | undefined;
  const server = createServer((req, res) => {
    serve(sandbox!, req, res, controlToken).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 'SANDBOX.0500', error_msg: `The sandbox failed: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  sandbox = makeSandbox(url);
  return {
    url,
    sandbox,
    close: () =>
      new Promise<void>((resolve) => {
        sandbox!.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse, controlToken?: string) {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  // The same URL the handler routes by, so no Host or path trick reaches the control API around this.
  if (
    controlToken &&
    isControlPath(new URL(url).pathname) &&
    !(await hasControlToken(req.headers.authorization, controlToken))
  ) {
    res.writeHead(controlRefusal.status, controlRefusal.headers);
    res.end(controlRefusal.body);
    return;
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const answer = await sandbox.handle({
    method: req.method ?? 'GET',
    url,
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
    body: await readBody(hasBody ? req : null, sandbox.maxBodyBytes),
  });
  if (!answer) {
    req.socket.destroy();
    return;
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/** The body as text, or undefined when it is larger than `limit` bytes (read no further). */
export async function readBody(chunks: AsyncIterable<Uint8Array> | null, limit: number): Promise<string | undefined> {
  if (!chunks) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    parts.push(chunk);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(whole);
}
