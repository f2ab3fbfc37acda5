// The sandbox behind node:http: each request becomes the handler's plain request (its body read up
// to the spec's limit), and its answer is written back (or the socket destroyed, for a dropped
// connection). Control calls need the control token when one is set. Browsers on other origins get
// CORS answers (cors.ts). The seed and options are checked before the port opens, so a bad one never
// leaves a server listening.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isControlPath } from '../protocol/messages.js';
import { controlRefusal, controlTokenProblem, hasControlToken } from './control-token.js';
import { type CorsOptions, corsPolicy } from './cors.js';
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
  /**
   * Browser pages served from this machine (http://localhost:*, http://127.0.0.1:*, http://[::1]:*)
   * may call the server; `{ origins: ['http://app.test:3000'] }` allows others too, `'*'` any. A
   * request from any other origin is refused (403) before it acts.
   */
  cors?: CorsOptions;
}

export interface SandboxServer {
  /** `http://host:port`, once listening. */
  readonly url: string;
  readonly sandbox: Sandbox;
  /** Stops accepting, ends open connections, and resolves once closed. */
  close(): Promise<void>;
}

export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const { port = 0, host = '127.0.0.1', controlToken, cors, ...rest } = options;
  const problem = controlTokenProblem(host, controlToken);
  if (problem) throw new SandboxConfigError(problem);
  const judge = corsPolicy(cors);
  const makeSandbox = prepareSandbox(rest);
  let sandbox: Sandbox | undefined;
  const server = createServer((req, res) => {
    const verdict = judge(req.method ?? 'GET', (name) => single(req.headers[name]));
    if (verdict.kind === 'refused' || verdict.kind === 'preflight') {
      const [status, body] = verdict.kind === 'refused' ? [verdict.status, verdict.body] : [204, undefined];
      res.writeHead(status, verdict.headers).end(body);
      return;
    }
    // Every answer from here on, the failures and the control API's included, is readable by the page.
    const readable = verdict.kind === 'allowed' ? verdict.headers : {};
    serve(sandbox!, req, res, controlToken, readable).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { ...readable, 'content-type': 'application/json' });
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

/** A header's value as one string (repeated ones joined), or undefined. */
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value);

async function serve(
  sandbox: Sandbox,
  req: IncomingMessage,
  res: ServerResponse,
  controlToken: string | undefined,
  cors: Record<string, string>,
) {
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  // The same URL the handler routes by, so no Host or path trick reaches the control API around this.
  if (
    controlToken &&
    isControlPath(new URL(url).pathname) &&
    !(await hasControlToken(req.headers.authorization, controlToken))
  ) {
    res.writeHead(controlRefusal.status, { ...controlRefusal.headers, ...cors });
    res.end(controlRefusal.body);
    return;
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const answer = await sandbox.handle({
    method: req.method ?? 'GET',
    url,
    header: (name) => single(req.headers[name]) ?? null,
    body: await readBody(hasBody ? req : null, sandbox.maxBodyBytes),
  });
  if (!answer) {
    req.socket.destroy();
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, ...cors });
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
