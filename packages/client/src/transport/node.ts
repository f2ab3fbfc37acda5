// The Node transport: a fetch-compatible function over node:http/node:https with a keep-alive
// Agent, and light Request/Response objects that give openapi-fetch and the client's middleware
// everything they use — without the cost of building WHATWG Request/Response objects per call.
// Only the `node` export condition loads this file; browsers, Deno, Bun and edge runtimes keep
// the global fetch path.
import { EventEmitter } from 'node:events';
// The module objects, not named bindings: mocking libraries (MSW, nock) replace `request` on them
// at run time, which an ESM named import taken at load time would never see. So `request`, the
// agents and the global agents are read from them when used.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { checkOption } from '../errors.js';

// The public options avoid Node's own types, so that TypeScript users without @types/node
// (whose resolver still picks this entry through the `node` condition) type-check cleanly.
export interface NodeTransportOptions {
  /** Your own `http.Agent`/`https.Agent` (one for both, or `{ http, https }`), e.g. a proxy agent. */
  agent?: object | { http?: object; https?: object };
  /** Extra trusted CA certificate(s) (PEM) for https endpoints, e.g. a corporate or test CA. */
  ca?: string | Uint8Array | Array<string | Uint8Array>;
  /** Sockets per host; default Infinity (as Node's own agents). */
  maxSockets?: number;
  /**
   * How long an idle connection waits for the next call before the client closes it; default
   * 4,000 ms, and shorter when the server announces `Keep-Alive: timeout=N` (N s less Node's 1 s
   * margin). Keep it below the idle timeout of the server or load balancer: a call sent on a
   * connection the server is closing fails with ECONNRESET, and cannot safely be repeated.
   */
  keepAliveTimeoutMs?: number;
  /**
   * An undici `Dispatcher` — `Pool`, `Agent`, `ProxyAgent`, `EnvHttpProxyAgent`… — to send calls
   * through instead of node:http: undici's pool is the fastest HTTP/1.1 client on Node at high
   * concurrency. `agent`, `ca`, `maxSockets` and `keepAliveTimeoutMs` are then ignored (configure the dispatcher).
   */
  dispatcher?: DispatcherLike;
}

/**
 * What the transport uses of an undici Dispatcher (structural, so undici stays your dependency).
 * `signal` is an AbortSignal, or an EventEmitter that emits `'abort'` (both are undici's own
 * `signal` types): the client's per-attempt timeout and abort arrive as the latter.
 */
export interface DispatcherLike {
  request(options: {
    origin: string;
    path: string;
    method: string;
    headers: Record<string, string>;
    body: Uint8Array | null;
    signal?: AbortSignal | AbortEmitter;
  }): Promise<{
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body: AsyncIterable<Uint8Array>;
  }>;
}

/** An EventEmitter that emits `'abort'` (structural: these public types need no Node typings). */
export interface AbortEmitter {
  readonly aborted: boolean;
  readonly reason: unknown;
  once(event: 'abort', listener: () => void): unknown;
  removeListener(event: 'abort', listener: () => void): unknown;
}

type Body = string | Uint8Array | null | undefined;

/**
 * The client's per-attempt abort handle on Node, shaped like an AbortController whose `signal` is
 * itself: an EventEmitter with `aborted` and `reason` that emits `'abort'`, which undici takes as
 * a signal: a real AbortSignal per request is costly under concurrency (its EventTarget listeners,
 * here and in undici; BENCHMARKS.md has the figure). A request turns it into a real AbortSignal
 * only when something reads `request.signal`.
 */
export class NodeAbortHandle extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;
  get signal(): this {
    return this;
  }
  abort(reason: unknown = abortedError()): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

type Abortable = AbortSignal | NodeAbortHandle;

/** Calls `listener` once when `abortable` aborts; returns what stops listening. */
function onAbort(abortable: Abortable, listener: () => void): () => void {
  if (abortable instanceof NodeAbortHandle) {
    abortable.once('abort', listener);
    return () => abortable.removeListener('abort', listener);
  }
  abortable.addEventListener('abort', listener, { once: true });
  return () => abortable.removeEventListener('abort', listener);
}

/** What openapi-fetch and the middleware use of a Request: url, method, headers, body, signal, clone(). */
export class NodeRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly redirect: string;
  readonly body: Body;
  /** What the transport listens to: the caller's AbortSignal, or the client's NodeAbortHandle. */
  readonly abortable: Abortable | undefined;
  #signal: AbortSignal | undefined;
  constructor(
    input: string | URL | NodeRequest,
    init: { method?: string; headers?: HeadersInit; body?: Body; signal?: Abortable | null; redirect?: string } = {},
  ) {
    const from = input instanceof NodeRequest ? input : undefined;
    this.url = from ? from.url : String(input);
    this.method = (init.method ?? from?.method ?? 'GET').toUpperCase();
    // openapi-fetch hands over a Headers it does not touch again: take it rather than copy it.
    const headers = init.headers ?? from?.headers;
    this.headers = headers instanceof Headers && !from ? headers : new Headers(headers);
    this.body = init.body ?? from?.body;
    this.abortable = init.signal ?? from?.abortable ?? undefined;
    this.redirect = init.redirect ?? from?.redirect ?? 'follow';
  }
  /** A real AbortSignal (made on first read from the client's handle), for middleware and authenticators. */
  get signal(): AbortSignal | undefined {
    const handle = this.abortable;
    if (!(handle instanceof NodeAbortHandle)) return handle;
    if (!this.#signal) {
      const controller = new AbortController();
      if (handle.aborted) controller.abort(handle.reason);
      else handle.once('abort', () => controller.abort(handle.reason));
      this.#signal = controller.signal;
    }
    return this.#signal;
  }
  clone(): NodeRequest {
    return new NodeRequest(this);
  }
  async text(): Promise<string> {
    return this.body == null ? '' : typeof this.body === 'string' ? this.body : new TextDecoder().decode(this.body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    // Both make a fresh, exactly sized copy: the caller may keep or change it.
    return (typeof this.body === 'string' ? new TextEncoder().encode(this.body) : new Uint8Array(this.body ?? []))
      .buffer;
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

/**
 * What openapi-fetch and the client read of a Response. Like fetch's, it exists once the status
 * and headers have come, and its body may still fail: a body that cannot be read is then told
 * apart from a connection that never answered (the server did answer, and its status says
 * whether it acted).
 */
export class NodeResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  constructor(
    private readonly bytes: Promise<Buffer>,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
  ) {
    this.ok = status >= 200 && status < 300;
    // Read or not (openapi-fetch skips the body of a 204), a failed body must not be an unhandled rejection.
    bytes.catch(() => {});
  }
  get body(): ReadableStream<Uint8Array> {
    const bytes = this.bytes;
    return new ReadableStream({
      async pull(controller) {
        controller.enqueue(new Uint8Array(await bytes));
        controller.close();
      },
    });
  }
  async text() {
    return (await this.bytes).toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async arrayBuffer() {
    const bytes = await this.bytes;
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  async blob() {
    return new Blob([(await this.bytes) as unknown as BlobPart]);
  }
  clone() {
    return new NodeResponse(this.bytes, this.status, this.statusText, this.headers, this.url);
  }
}

const INFLATE: Record<string, (bytes: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** The body as the server meant it: gzip, deflate and br are decoded; any other coding is left as sent. */
function decodeBody(bytes: Buffer, contentEncoding: unknown): Promise<Buffer> | Buffer {
  const decode =
    INFLATE[
      String(contentEncoding ?? '')
        .trim()
        .toLowerCase()
    ];
  return decode ? decode(bytes) : bytes;
}

const abortedError = () => new DOMException('This operation was aborted', 'AbortError');

function abortReason(abortable: Abortable): unknown {
  return abortable.reason ?? abortedError();
}

/**
 * The options of the client's own agents. Values a Node agent takes and then misbehaves with are
 * input errors: a negative maxSockets hangs every call, a negative socket timeout throws inside
 * the agent after a call, one past 31 bits prints a TimeoutOverflowWarning.
 */
function agentOptions({ maxSockets = Infinity, keepAliveTimeoutMs = 4_000 }: NodeTransportOptions) {
  checkOption(
    typeof maxSockets === 'number' && maxSockets >= 1,
    'transport.maxSockets',
    'must be 1 or more (Infinity for no limit)',
  );
  checkOption(
    typeof keepAliveTimeoutMs === 'number' && keepAliveTimeoutMs > 0 && keepAliveTimeoutMs < 2 ** 31,
    'transport.keepAliveTimeoutMs',
    'must be a number of ms above 0 and below 2^31',
  );
  return { keepAlive: true, maxSockets, timeout: keepAliveTimeoutMs };
}

const TRANSPORT_KEYS = ['agent', 'ca', 'maxSockets', 'keepAliveTimeoutMs', 'dispatcher'];

/** A misspelt key would silently leave its default in place (a proxy agent or CA not used). */
function checkTransport(options: NodeTransportOptions): void {
  checkOption(options && typeof options === 'object', 'transport', 'must be an object');
  for (const [key, value] of Object.entries(options)) {
    checkOption(
      value === undefined || TRANSPORT_KEYS.includes(key),
      `transport.${key}`,
      `is unknown: use ${TRANSPORT_KEYS.join(', ')}`,
    );
  }
  const { dispatcher } = options;
  checkOption(
    dispatcher == null || typeof dispatcher.request === 'function',
    'transport.dispatcher',
    'must be an undici Dispatcher (Agent, Pool, ProxyAgent…)',
  );
}

/**
 * Node 22.21+ and 24 honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY when run with
 * NODE_USE_ENV_PROXY=1 or --use-env-proxy, but only in their global agents (and fetch): the
 * client's own agents follow the same decision, read from the global agent.
 */
function proxyEnvOf(globalAgent: http.Agent): { proxyEnv?: unknown } {
  const { proxyEnv } = (globalAgent as unknown as { options: { proxyEnv?: unknown } }).options;
  return proxyEnv ? { proxyEnv } : {};
}

/** A fetch-compatible function (for NodeRequest or any Request) over node:http(s) with keep-alive. */
export function createNodeFetch(options: NodeTransportOptions = {}) {
  checkTransport(options);
  const custom = options.agent;
  // Node's agents keep an idle socket until the server closes it, and ignore the server's
  // Keep-Alive hint unless a timeout is set: a call made as a load balancer drops an idle
  // connection then goes out on a dying socket and fails (undici closes them after 4 s too).
  const keepAlive = agentOptions(options);
  const agents =
    custom && !('http' in custom || 'https' in custom)
      ? { http: custom as http.Agent, https: custom as https.Agent }
      : {
          http:
            (custom as { http?: http.Agent })?.http ??
            new http.Agent({ ...keepAlive, ...proxyEnvOf(http.globalAgent) }),
          https:
            (custom as { https?: https.Agent })?.https ??
            new https.Agent({
              ...keepAlive,
              ...proxyEnvOf(https.globalAgent),
              ...(options.ca ? { ca: options.ca as string | Buffer | Array<string | Buffer> } : {}),
            }),
        };

  return async function nodeFetch(input: NodeRequest | Request): Promise<NodeResponse> {
    const request =
      input instanceof NodeRequest
        ? input
        : new NodeRequest(input.url, {
            method: input.method,
            headers: input.headers,
            body: input.body ? new Uint8Array(await input.arrayBuffer()) : undefined,
            signal: input.signal,
            redirect: input.redirect,
          });
    const { abortable } = request;
    if (abortable?.aborted) throw abortReason(abortable);
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const body =
      request.body == null ? undefined : typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
    request.headers.forEach((value, name) => (headers[name] = value));
    if (body) headers['content-length'] = String(body.byteLength);
    if (options.dispatcher) return viaDispatcher(options.dispatcher, url, request, headers, body);

    return new Promise<NodeResponse>((resolve, reject) => {
      // `ca` also goes with the request, so that a custom agent (a proxy tunnel, say) verifies with it.
      const req = (secure ? https : http).request(url, {
        method: request.method,
        headers,
        agent: secure ? agents.https : agents.http,
        ...(secure && options.ca ? { ca: options.ca as string } : {}),
      });
      // Before the response head a failure rejects the call; after it, the body.
      let rejectBody: ((error: unknown) => void) | undefined;
      // An abort settles the call itself: it must not depend on the request still emitting
      // events (a request whose socket Node already destroyed emits none).
      const stop = abortable ? onAbort(abortable, () => fail(abortReason(abortable))) : () => {};
      function fail(error: unknown) {
        stop();
        req.destroy();
        (rejectBody ?? reject)(error);
      }
      req.on('error', fail);
      // Nothing asked to switch protocols: without this listener Node drops the socket silently
      // and the call would never settle.
      req.on('upgrade', (res: IncomingMessage, socket: { destroy(): void }) => {
        socket.destroy();
        fail(
          new Error(
            `the server switched protocols (${[res.statusCode, res.headers.upgrade].filter(Boolean).join(' ')}) unasked`,
          ),
        );
      });
      req.on('response', (res: IncomingMessage) => {
        const bytes = new Promise<Buffer>((resolveBody, reject) => {
          rejectBody = reject;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          // A body cut short (reset mid-response) must not hang: 'aborted' fires without 'end'.
          res.on('aborted', () => fail(Object.assign(new Error('the response was cut short'), { code: 'ECONNRESET' })));
          res.on('end', () => {
            stop();
            resolveBody(decodeBody(Buffer.concat(chunks), res.headers['content-encoding']));
          });
        });
        const responseHeaders = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        resolve(new NodeResponse(bytes, res.statusCode!, res.statusMessage ?? '', responseHeaders, request.url));
      });
      req.end(body);
    });
  };
}

/** The same request through an undici Dispatcher; it neither follows redirects nor decompresses. */
async function viaDispatcher(
  dispatcher: DispatcherLike,
  url: URL,
  request: NodeRequest,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): Promise<NodeResponse> {
  const res = await dispatcher.request({
    origin: url.origin,
    path: url.pathname + url.search,
    method: request.method,
    headers,
    body: body ?? null,
    ...(request.abortable ? { signal: request.abortable } : {}),
  });
  const bytes = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    return decodeBody(Buffer.concat(chunks), res.headers['content-encoding']);
  })();
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      responseHeaders.append(name, one);
  }
  return new NodeResponse(bytes, res.statusCode, '', responseHeaders, request.url);
}
