// What only the Node transport has to prove; everything else runs against both transports
// (see the `node-transport` project in vitest.config.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { Pool, ProxyAgent, type Dispatcher } from 'undici';
import { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsApiError, SmsNetworkError, SmsTimeoutError, SmsValidationError } from '../src/index.js';
import { createSmsClient } from '../src/node.js';
import { cutMidBody, json, useTestServer } from './server.js';

let connections = 0;
// The server never closes an idle connection, so only the client decides when one ends.
const server = useTestServer(json(200, {}), { keepAliveTimeout: 0 });

describe('the Node transport', () => {
  it('does not use the global fetch', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('global fetch must not be used'));
    try {
      await expect(
        createSmsClient({ endpoint: server.url, auth: { token: 't' } }).tasks.start('t'),
      ).resolves.toMatchObject({ status: 200 });
    } finally {
      globalThis.fetch = original;
    }
  });

  it('sends through an undici Pool given as transport.dispatcher, not node:http', async () => {
    const pool = new Pool(server.url, { connections: 2 });
    const requests: string[] = [];
    // Wrapped to see every request the transport hands to the dispatcher.
    const dispatcher = {
      request: (options: Dispatcher.RequestOptions) => (
        requests.push(`${options.method} ${options.path}`), pool.request(options)
      ),
    };
    try {
      const sms = createSmsClient({ endpoint: server.url, auth: { token: 'pooled' }, transport: { dispatcher } });
      await expect(sms.tasks.cloneTest('a b', { template_id: 'tpl' })).resolves.toMatchObject({
        status: 200,
        data: {},
      });
      expect(requests).toEqual(['POST /v3/tasks/a%20b/action']);
      expect(server.requests[0]).toMatchObject({
        url: '/v3/tasks/a%20b/action',
        body: '{"template_id":"tpl","operation":"clone_test"}',
      });
      expect(server.requests[0]!.headers['x-auth-token']).toBe('pooled');
      expect(pool.stats.connected).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("hands a dispatcher of your own the attempt's abort as an EventEmitter signal, which fires on timeout", async () => {
    server.always(() => {});
    const pool = new Pool(server.url, { connections: 1 });
    const signals: unknown[] = [];
    const dispatcher = {
      request: (options: Dispatcher.RequestOptions) => (signals.push(options.signal), pool.request(options)),
    };
    try {
      const sms = createSmsClient({
        endpoint: server.url,
        auth: { token: 't' },
        retry: false,
        timeoutMs: 50,
        transport: { dispatcher },
      });
      await expect(sms.tasks.start('t')).rejects.toMatchObject({ name: 'SmsTimeoutError' });
      expect(signals).toHaveLength(1);
      const signal = signals[0] as { aborted: boolean; once: unknown };
      expect(signal).not.toBeInstanceOf(AbortSignal);
      expect(typeof signal.once).toBe('function');
      expect(signal.aborted).toBe(true);
    } finally {
      await pool.destroy();
    }
  });

  it('keeps one connection alive across sequential calls', async () => {
    const seen = new Set<unknown>();
    server.always((req, res) => {
      seen.add(req.socket);
      json(200, {})(req, res, undefined as never);
    });
    const sms = createSmsClient({
      endpoint: server.url,
      auth: { token: 't' },
      transport: { keepAliveTimeoutMs: 600_000 },
    });
    for (let i = 0; i < 10; i++) await sms.tasks.start('t');
    expect(server.requests).toHaveLength(10);
    expect(seen.size).toBe(1);
    connections = seen.size;
  });

  it.each([
    ['gzip', 'node:http', gzipSync],
    ['deflate', 'node:http', deflateSync],
    ['br', 'node:http', brotliCompressSync],
    ['gzip', 'an undici dispatcher', gzipSync],
    ['deflate', 'an undici dispatcher', deflateSync],
    ['br', 'an undici dispatcher', brotliCompressSync],
  ] as const)('decodes a %s-encoded body over %s', async (encoding, via, compress) => {
    server.always((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end(
        compress(
          Buffer.from(
            JSON.stringify({
              error_code: 'SMS.9004',
              error_msg: `denied, accepting ${req.headers['accept-encoding']}`,
            }),
          ),
        ),
      );
    });
    const pool = via === 'node:http' ? undefined : new Pool(server.url);
    let dispatched = 0;
    const dispatcher = pool && {
      request: (options: Dispatcher.RequestOptions) => (dispatched++, pool.request(options)),
    };
    try {
      const error = await createSmsClient({
        endpoint: server.url,
        auth: { token: 't' },
        ...(dispatcher ? { transport: { dispatcher } } : {}),
      })
        .tasks.start('t')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error).toMatchObject({ errorCode: 'SMS.9004', errorMsg: 'denied, accepting gzip, deflate, br' });
      expect(dispatched).toBe(pool ? 1 : 0);
    } finally {
      await pool?.close();
    }
  });

  it('reads a chunked body', async () => {
    server.always((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'chunky' });
      res.write('{');
      setTimeout(() => res.end('}'), 10);
    });
    await expect(createSmsClient({ endpoint: server.url, auth: { token: 't' } }).tasks.start('t')).resolves.toEqual({
      data: {},
      status: 200,
      requestId: 'chunky',
      attempts: 1,
    });
  });

  it.each([
    ['node:http', undefined],
    ['an undici dispatcher', 'undici'],
  ] as const)('gives raw calls over %s the body in every parseAs openapi-fetch offers', async (_via, kind) => {
    server.always((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 10);
    });
    const pool = kind ? new Pool(server.url) : undefined;
    try {
      const { raw } = createSmsClient({
        endpoint: server.url,
        auth: { token: 't' },
        ...(pool ? { transport: { dispatcher: pool } } : {}),
      });
      const path = '/v3/tasks/{task_id}/action';
      const init = { params: { path: { task_id: 't' } }, body: { operation: 'start' as const } };
      expect((await raw.POST(path, { ...init, parseAs: 'json' })).data).toEqual({ a: 1 });
      expect((await raw.POST(path, { ...init, parseAs: 'text' })).data).toBe('{"a":1}');
      expect(Buffer.from((await raw.POST(path, { ...init, parseAs: 'arrayBuffer' })).data!).toString()).toBe('{"a":1}');
      expect(await (await raw.POST(path, { ...init, parseAs: 'blob' })).data!.text()).toBe('{"a":1}');
      expect(
        await new Response((await raw.POST(path, { ...init, parseAs: 'stream' })).data as ReadableStream).text(),
      ).toBe('{"a":1}');
    } finally {
      await pool?.close();
    }
  });

  it('errors the body stream of a raw call whose body is cut short, rather than hang', async () => {
    server.always(cutMidBody(200));
    const { data } = await createSmsClient({ endpoint: server.url, auth: { token: 't' } }).raw.POST(
      '/v3/tasks/{task_id}/action',
      {
        params: { path: { task_id: 't' } },
        body: { operation: 'start' },
        parseAs: 'stream',
      },
    );
    await expect(new Response(data as ReadableStream).text()).rejects.toThrow();
  });

  describe('idle connections', () => {
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /**
     * An HTTP/1.1 server that, like many load balancers, drops a connection after `idleMs` of
     * silence and announces no Keep-Alive timeout.
     */
    async function silentCloser(idleMs: number) {
      const stats = { connections: 0, requests: 0 };
      const tcp = createTcpServer((socket) => {
        stats.connections++;
        let buffered = '';
        let timer: NodeJS.Timeout | undefined;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => socket.destroy(), idleMs);
        };
        arm();
        socket.on('error', () => {});
        socket.on('data', (data: Buffer) => {
          buffered += data.toString('latin1');
          const end = buffered.indexOf('\r\n\r\n');
          const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
          if (end < 0 || buffered.length < end + 4 + length) return;
          buffered = buffered.slice(end + 4 + length);
          stats.requests++;
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
          arm();
        });
      });
      await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
      return { url: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`, stats, close: () => tcp.close() };
    }

    /**
     * A server that never closes an idle connection itself (so whoever closes one is the client),
     * optionally announcing `Keep-Alive: timeout=N`. For each connection it records when its last
     * answer went out and resolves `closedByClient` with the idle time when the client's FIN arrives.
     */
    async function patientServer(hint?: string) {
      const connections: Array<{ socket: Socket; lastAnswer: number; closedByClient: Promise<number> }> = [];
      const patient = createHttpServer((req, res) => {
        const connection = connections.find((c) => c.socket === req.socket)!;
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json', ...(hint ? { 'keep-alive': hint } : {}) }).end('{}');
          res.once('finish', () => (connection.lastAnswer = performance.now()));
        });
      });
      // 0: no idle timeout, and no Keep-Alive header of Node's own.
      patient.keepAliveTimeout = 0;
      patient.on('connection', (socket: Socket) => {
        const connection = {
          socket,
          lastAnswer: 0,
          closedByClient: new Promise<number>((resolve) =>
            socket.once('end', () => resolve(performance.now() - connection.lastAnswer)),
          ),
        };
        connections.push(connection);
      });
      await new Promise<void>((resolve) => patient.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(patient.address() as AddressInfo).port}`,
        connections,
        close: () => (patient.closeAllConnections(), patient.close()),
      };
    }

    // Timers fire late on a busy machine, never early: each test waits for the client's FIN (bounded
    // only by the test's timeout) and checks that it came no sooner than the idle time allows.
    // Node may fire a timer up to 1 ms before its time as Date counts it.
    const SLACK_MS = 2;

    it('reuses a connection for calls made while it is open', async () => {
      const patient = await patientServer();
      try {
        const sms = createSmsClient({
          endpoint: patient.url,
          auth: { token: 't' },
          transport: { keepAliveTimeoutMs: 600_000 },
        });
        for (let i = 0; i < 3; i++) await sms.tasks.start('t');
        expect(patient.connections).toHaveLength(1);
      } finally {
        patient.close();
      }
    });

    it('closes a connection left idle for transport.keepAliveTimeoutMs, and opens a new one for the next call', async () => {
      const patient = await patientServer();
      try {
        const sms = createSmsClient({
          endpoint: patient.url,
          auth: { token: 't' },
          transport: { keepAliveTimeoutMs: 150 },
        });
        await sms.tasks.start('t');
        expect(await patient.connections[0]!.closedByClient).toBeGreaterThanOrEqual(150 - SLACK_MS);
        await sms.tasks.start('t');
        expect(patient.connections).toHaveLength(2);
      } finally {
        patient.close();
      }
    });

    it("closes an idle connection after 4 s by default, before a server that allows 5 s (Node's default) would", async () => {
      const patient = await patientServer();
      try {
        await createSmsClient({ endpoint: patient.url, auth: { token: 't' } }).tasks.start('t');
        expect(await patient.connections[0]!.closedByClient).toBeGreaterThanOrEqual(4_000 - SLACK_MS);
      } finally {
        patient.close();
      }
    });

    it("closes an idle connection a second before the server's Keep-Alive: timeout hint runs out", async () => {
      const patient = await patientServer('timeout=2');
      try {
        // The client's own idle limit is far away: only the hint can close the connection in time.
        const sms = createSmsClient({
          endpoint: patient.url,
          auth: { token: 't' },
          transport: { keepAliveTimeoutMs: 600_000 },
        });
        await sms.tasks.start('t');
        expect(await patient.connections[0]!.closedByClient).toBeGreaterThanOrEqual(1_000 - SLACK_MS);
        await sms.tasks.start('t');
        expect(patient.connections).toHaveLength(2);
      } finally {
        patient.close();
      }
    });

    it('never sends a call on a connection that a silent load balancer is dropping at that moment', async () => {
      const balancer = await silentCloser(400);
      try {
        const sms = createSmsClient({
          endpoint: balancer.url,
          auth: { token: 't' },
          retry: false,
          transport: { keepAliveTimeoutMs: 100 },
        });
        const outcomes: string[] = [];
        // Each call leaves as the balancer's idle timer of the previous connection runs out: with
        // Node's agent defaults about one call in four goes out on the dying socket and fails.
        for (let i = 0; i < 12; i++) {
          outcomes.push(
            await sms.tasks.start('t').then(
              () => 'ok',
              (error: Error) => error.message,
            ),
          );
          await pause(396 + (i % 8));
        }
        expect(outcomes).toEqual(Array(12).fill('ok'));
        expect(balancer.stats.requests).toBe(12);
      } finally {
        balancer.close();
      }
    });

    it.each([
      ['keepAliveTimeoutMs', 0],
      ['keepAliveTimeoutMs', -1],
      ['keepAliveTimeoutMs', Number.NaN],
      ['keepAliveTimeoutMs', Infinity],
      ['keepAliveTimeoutMs', 2 ** 31],
      ['keepAliveTimeoutMs', '4000'],
      ['maxSockets', 0],
      ['maxSockets', -1],
      ['maxSockets', Number.NaN],
      ['maxSockets', '64'],
    ] as const)('refuses transport.%s = %s with an SmsValidationError before any call', (name, value) => {
      const make = () =>
        createSmsClient({ endpoint: server.url, auth: { token: 't' }, transport: { [name]: value as number } });
      expect(make).toThrow(SmsValidationError);
      expect(make).toThrow(expect.objectContaining({ field: `transport.${name}`, rule: 'option' }));
      expect(server.requests).toHaveLength(0);
    });

    it.each([
      [{ maxSocket: 4 }, 'transport.maxSocket: is unknown: use agent, ca, maxSockets, keepAliveTimeoutMs, dispatcher'],
      [
        { proxy: 'http://proxy:3128' },
        'transport.proxy: is unknown: use agent, ca, maxSockets, keepAliveTimeoutMs, dispatcher',
      ],
      [{ dispatcher: {} }, 'transport.dispatcher: must be an undici Dispatcher (Agent, Pool, ProxyAgent…)'],
      ['keep-alive', 'transport: must be an object'],
      [null, 'transport: must be an object'],
    ])(
      'refuses the transport %j, which would be ignored or fail inside a call, before any call',
      (transport, message) => {
        const make = () =>
          createSmsClient({ endpoint: server.url, auth: { token: 't' }, transport: transport as never });
        expect(make).toThrow(SmsValidationError);
        expect(make).toThrow(message);
        expect(server.requests).toHaveLength(0);
      },
    );

    it('takes a key given as undefined as not given', async () => {
      const sms = createSmsClient({
        endpoint: server.url,
        auth: { token: 't' },
        transport: { agent: undefined, maxSocket: undefined } as never,
      });
      await expect(sms.tasks.start('t')).resolves.toMatchObject({ status: 200 });
    });
  });

  describe('NODE_USE_ENV_PROXY (Node 22.21+ and 24)', () => {
    /** Runs one call in a child Node with `env`, through a forward proxy that records what it forwards. */
    async function callInChild(env: Record<string, string>) {
      const forwarded: string[] = [];
      const proxy = createHttpServer((req, res) => {
        forwarded.push(req.url!);
        const upstream = httpRequest(new URL(req.url!), { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const entry = fileURLToPath(new URL('../dist/node.js', import.meta.url));
      const script = `
        import { globalAgent } from 'node:http';
        import { createSmsClient } from ${JSON.stringify(entry)};
        const sms = createSmsClient({ endpoint: ${JSON.stringify(server.url)}, auth: { token: 't' }, retry: false, timeoutMs: 30_000 });
        const outcome = await sms.tasks.start('t').then(() => 'ok', (error) => error.message);
        console.log(JSON.stringify({ outcome, nodeProxies: Boolean(globalAgent.options.proxyEnv) }));`;
      const { NO_PROXY: _a, no_proxy: _b, HTTP_PROXY: _c, http_proxy: _d, ...rest } = process.env;
      try {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
          env: { ...rest, HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, ...env },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d));
        await new Promise((resolve) => child.on('exit', resolve));
        return { ...(JSON.parse(out) as { outcome: string; nodeProxies: boolean }), forwarded };
      } finally {
        proxy.closeAllConnections();
        proxy.close();
      }
    }

    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    const nodeHasIt = major >= 24 || (major === 22 && minor >= 21);

    const verdict = `${nodeHasIt ? 'they do' : 'they do not'} on Node ${process.versions.node}`;
    it(`sends calls through HTTP_PROXY exactly when Node's own agents do (${verdict})`, async () => {
      const run = await callInChild({ NODE_USE_ENV_PROXY: '1' });
      expect(run.outcome).toBe('ok');
      expect(run.nodeProxies).toBe(nodeHasIt);
      expect(run.forwarded).toEqual(nodeHasIt ? ['http://127.0.0.1:' + server.port + '/v3/tasks/t/action'] : []);
    });

    it('goes direct to a host in NO_PROXY, and without NODE_USE_ENV_PROXY', async () => {
      expect((await callInChild({ NODE_USE_ENV_PROXY: '1', NO_PROXY: '127.0.0.1' })).forwarded).toEqual([]);
      expect((await callInChild({})).forwarded).toEqual([]);
      expect(server.requests).toHaveLength(2);
    });
  });

  it("settles an aborted call even when its connection never reports closing (a custom agent's socket)", async () => {
    const agent = new HttpAgent();
    // A socket that takes every write and never finishes being destroyed: the request emits nothing more.
    agent.createConnection = () =>
      new Duplex({ read() {}, write: (_chunk, _encoding, callback) => callback(), destroy() {} }) as Socket;
    const sms = createSmsClient({
      endpoint: server.url,
      auth: { token: 't' },
      retry: false,
      timeoutMs: 100,
      transport: { agent },
    });
    await expect(sms.tasks.start('t')).rejects.toBeInstanceOf(SmsTimeoutError);
    // A raw call has no attempt of the client's around it: only the transport can settle it.
    const call = sms.raw.POST('/v3/tasks/{task_id}/action', {
      params: { path: { task_id: 't' } },
      body: { operation: 'start' },
      signal: AbortSignal.timeout(100),
    });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('gives a caller-supplied fetch real Request objects', async () => {
    const seen: unknown[] = [];
    const sms = createSmsClient({
      endpoint: server.url,
      auth: { token: 't' },
      fetch: (input, init) => (seen.push(input), fetch(input, init)),
    });
    await sms.tasks.start('t');
    expect(seen[0]).toBeInstanceOf(Request);
  });

  describe('over TLS', () => {
    const key = readFileSync(new URL('./fixtures/localhost-key.pem', import.meta.url));
    const cert = readFileSync(new URL('./fixtures/localhost-cert.pem', import.meta.url));
    let url: string;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const tls = createHttpsServer({ key, cert }, (req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      });
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      close = () => new Promise((resolve) => (tls.closeAllConnections(), tls.close(() => resolve())));
    });
    afterAll(() => close());

    it('trusts a server whose CA is given as transport.ca', async () => {
      const sms = createSmsClient({ endpoint: url, auth: { token: 't' }, transport: { ca: cert } });
      await expect(sms.tasks.start('t')).resolves.toMatchObject({ status: 200 });
    });

    async function connectProxy() {
      const tunnels: string[] = [];
      const proxy = createHttpServer();
      proxy.on('connect', (req, client: Socket, head: Buffer) => {
        tunnels.push(req.url!);
        const [host, port] = req.url!.split(':');
        const upstream = connect(Number(port), host!, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(client).pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      return {
        url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
        tunnels,
        close: () => (proxy.closeAllConnections(), proxy.close()),
      };
    }

    it('goes through an HTTP CONNECT proxy given as transport.agent', async () => {
      const proxy = await connectProxy();
      try {
        const sms = createSmsClient({
          endpoint: url,
          auth: { token: 't' },
          transport: { agent: new HttpsProxyAgent(proxy.url), ca: cert },
        });
        await expect(sms.tasks.start('t')).resolves.toMatchObject({ status: 200 });
        expect(proxy.tunnels).toEqual([new URL(url).host]);
      } finally {
        proxy.close();
      }
    });

    it('goes through an HTTP CONNECT proxy given as an undici ProxyAgent (transport.dispatcher)', async () => {
      const proxy = await connectProxy();
      const dispatcher = new ProxyAgent({ uri: proxy.url, requestTls: { ca: cert } });
      try {
        const sms = createSmsClient({ endpoint: url, auth: { token: 't' }, transport: { dispatcher } });
        await expect(sms.tasks.start('t')).resolves.toMatchObject({ status: 200 });
        expect(proxy.tunnels).toEqual([new URL(url).host]);
      } finally {
        await dispatcher.close();
        proxy.close();
      }
    });

    it('refuses a certificate it cannot verify, with SmsNetworkError naming the TLS code', async () => {
      const error = await createSmsClient({ endpoint: url, auth: { token: 't' }, retry: false })
        .tasks.start('t')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmsNetworkError);
      expect((error as SmsNetworkError).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    });
  });

  it('leaves no handle open: a process that made calls exits while the server keeps the connection', async () => {
    expect(connections).toBe(1);
    // The server lives here and never closes an idle connection, and the client's own idle limit
    // is ten minutes: only an unref'd client socket lets the child exit before the kill timer.
    const keepAlive = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    keepAlive.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => keepAlive.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(keepAlive.address() as AddressInfo).port}`;
    const entry = fileURLToPath(new URL('../dist/node.js', import.meta.url));
    const script = `
      import { createSmsClient } from ${JSON.stringify(entry)};
      const sms = createSmsClient({
        endpoint: ${JSON.stringify(endpoint)}, auth: { token: 't' }, transport: { keepAliveTimeoutMs: 600_000 },
      });
      for (let i = 0; i < 5; i++) await sms.tasks.start('t');
      console.log('calls done');`;
    try {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
        child.on('exit', (c, s) => resolve([c, s])),
      );
      clearTimeout(killer);
      expect(out.trim()).toBe('calls done');
      expect(signal).toBeNull();
      expect(code).toBe(0);
    } finally {
      keepAlive.closeAllConnections();
      keepAlive.close();
    }
  });
});
