// The sandbox through MSW's setupServer (msw/node): @sms-task/client, over its default Node
// transport and over a fetch, calls a region's endpoint from the spec or a custom one, and the
// sandbox answers as its server does: state errors, faults, overrides, calls(), reset(). Huawei's
// own SDK through the same handlers: official-sdk-msw.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmsClient, type RegionId, SmsApiError, SmsNetworkError, type SmsClientOptions } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../dist/index.js';
import { handlersFor } from '../dist/msw.js';
import { example, REGION_SERVERS, SPEC_OPERATIONS } from './spec.js';

const CUSTOM = 'http://sms.test:8080';
const SEED = [
  { id: 'ready-1', state: 'READY' },
  { id: 'paused-1', state: 'ABORT' },
  { id: 'running-1', state: 'RUNNING' },
] as const;
const CANNOT_PAUSE = example('cannot_pause').value.error_code as string;

const sandbox = createSandbox({ tasks: [...SEED] });
const mock = setupServer(...handlersFor(sandbox, { endpoints: [CUSTOM] }));
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sandbox.reset());
afterAll(() => {
  mock.close();
  sandbox.close();
});

// The default transport (node:http), and a fetch looked up at call time (MSW patches the global one).
const transports: [string, Partial<SmsClientOptions>][] = [
  ['the default Node transport', {}],
  ['a fetch', { fetch: (input, init) => fetch(input, init) }],
];
const endpoints = [
  { name: `the spec's first region (${REGION_SERVERS[0]!.region})`, url: REGION_SERVERS[0]!.url },
  { name: 'a custom endpoint', url: CUSTOM },
];
const quick = { retry: { baseDelayMs: 1 } };

describe.each(transports)('@sms-task/client over %s, through setupServer(...handlersFor(sandbox))', (_, transport) => {
  describe.each(endpoints)('on $name', ({ url }) => {
    const sms = createSmsClient({ endpoint: url, auth: { token: 'any-token' }, ...quick, ...transport });

    it('starts a READY task: 200, and the task runs', async () => {
      await expect(sms.tasks.start('ready-1')).resolves.toMatchObject({ status: 200, data: {} });
      expect(sandbox.task('ready-1')?.state).toBe('RUNNING');
    });

    it("refuses to stop a paused task with SmsApiError and the spec's code, the task untouched", async () => {
      const error = await sms.tasks.stop('paused-1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SmsApiError);
      expect(error).toMatchObject({ status: 400, errorCode: CANNOT_PAUSE });
      expect(sandbox.task('paused-1')?.state).toBe('ABORT');
    });

    it('repeats a 503 fault as the client does, then the sandbox acts once', async () => {
      sandbox.setFaults([{ task: 'ready-1', status: 503, retryAfter: 0, times: 1 }]);
      await expect(sms.tasks.start('ready-1')).resolves.toMatchObject({ status: 200 });
      expect(sandbox.calls().map(({ status, errorCode }) => [status, errorCode])).toEqual([
        [503, 'SANDBOX.0503'],
        [200, undefined],
      ]);
    });

    it('turns a dropped connection into a network error (HttpResponse.error()), not repeated', async () => {
      sandbox.setFaults([{ drop: true }]);
      await expect(sms.tasks.stop('running-1')).rejects.toBeInstanceOf(SmsNetworkError);
      expect(sandbox.calls()).toMatchObject([{ taskId: 'running-1', operation: 'stop', status: 0 }]);
      expect(sandbox.task('running-1')?.state).toBe('RUNNING');
    });

    it('answers through a once override that patches the stateful answer, then as before', async () => {
      sandbox.override(
        'stop',
        async (call, next) => {
          expect(call).toMatchObject({ taskId: 'running-1', operation: 'stop', credential: 'token' });
          const answer = await next();
          return { ...answer!, headers: { ...answer!.headers, 'x-request-id': 'patched-1' } };
        },
        { once: true },
      );
      await expect(sms.tasks.stop('running-1')).resolves.toMatchObject({ status: 200, requestId: 'patched-1' });
      // The override called next(): the sandbox acted. Once used, the override is gone.
      sandbox.advance();
      const second = await sms.tasks.stop('running-1').catch((e: unknown) => e);
      expect(second).toMatchObject({ errorCode: CANNOT_PAUSE });
      expect((second as SmsApiError).requestId).not.toBe('patched-1');
    });

    it('loses the answer after the sandbox acted (an override that answers null), so the caller cannot tell', async () => {
      const remove = sandbox.override('start', async (_call, next) => {
        await next();
        return null;
      });
      await expect(sms.tasks.start('ready-1')).rejects.toBeInstanceOf(SmsNetworkError);
      expect(sandbox.task('ready-1')?.state).toBe('RUNNING');
      remove();
      const again = await sms.tasks.start('ready-1').catch((e: unknown) => e);
      expect(again).toMatchObject({ errorCode: example('cannot_resume').value.error_code });
    });

    it('lists the calls: task, operation, body, credential kind, status and error code; reset() clears them', async () => {
      const signed = createSmsClient({
        endpoint: url,
        auth: akskAuth({ ak: 'AK-EXAMPLE', sk: 'sk-example' }),
        ...quick,
        ...transport,
      });
      await sms.tasks.start('ready-1');
      await signed.tasks.stop('paused-1').catch(() => undefined);
      expect(sandbox.calls()).toEqual([
        {
          method: 'POST',
          taskId: 'ready-1',
          operation: 'start',
          body: { operation: 'start' },
          credential: 'token',
          status: 200,
        },
        {
          method: 'POST',
          taskId: 'paused-1',
          operation: 'stop',
          body: { operation: 'stop' },
          credential: 'aksk',
          status: 400,
          errorCode: CANNOT_PAUSE,
        },
      ]);
      sandbox.override('start', () => ({ status: 500, body: example('background_exception').value }));
      sandbox.reset();
      expect(sandbox.calls()).toEqual([]);
      expect(sandbox.task('ready-1')?.state).toBe('READY');
      // The override went with reset(): the sandbox answers again.
      await expect(sms.tasks.start('ready-1')).resolves.toMatchObject({ status: 200 });
    });
  });

  it("answers on every region endpoint of the spec's servers", async () => {
    for (const { url, region } of REGION_SERVERS) {
      const sms = createSmsClient({ region: region as RegionId, auth: { token: 'any-token' }, ...transport });
      sandbox.setTask('ready-1', 'READY');
      await expect(sms.tasks.start('ready-1'), url).resolves.toMatchObject({ status: 200 });
    }
    expect(sandbox.calls()).toHaveLength(REGION_SERVERS.length);
  });

  it("lets nothing past MSW to an endpoint it does not serve (onUnhandledRequest: 'error')", async () => {
    const received: string[] = [];
    const elsewhere = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = elsewhere.address() as AddressInfo;
      const sms = createSmsClient({ endpoint: `http://127.0.0.1:${port}`, auth: { token: 'any-token' }, ...transport });
      await expect(sms.tasks.start('ready-1')).rejects.toBeInstanceOf(SmsNetworkError);
      expect(received).toEqual([]);
      expect(sandbox.calls()).toEqual([]);
    } finally {
      elsewhere.close();
    }
  });
});

describe('handlersFor', () => {
  it('refuses an endpoint that is not an origin, before any handler exists', () => {
    expect(() => handlersFor(sandbox, { endpoints: ['http://sms.test/api'] })).toThrow(
      'endpoint http://sms.test/api must be an origin (scheme, host, port) without a path',
    );
    expect(() => handlersFor(sandbox, { endpoints: ['sms.test'] })).toThrow('endpoint "sms.test" is not a URL');
  });

  it('refuses an override of an operation the spec does not have', () => {
    // Typed from the spec's operations: TypeScript refuses it too.
    // @ts-expect-error 'pause' is not an operation of the spec
    expect(() => sandbox.override('pause', async (_call, next) => next())).toThrow(
      `unknown operation "pause": use ${SPEC_OPERATIONS.join(', ')}`,
    );
  });
});
