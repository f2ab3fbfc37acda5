// Load on a real local server, through each transport: 4,000 calls at 256 in flight, with zero failures
// and bounded memory (a leak of more than 5.3 kB a call fails the bound). LOAD_CALLS sets the count; the
// bound stays. CI's reruns on Node 22 and 24 leave this file out (SMS_NO_VOLUME, vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { createSmsClient, transport } from './entry.js';
import { json, useTestServer } from './server.js';

// The server never closes an idle connection: client and server share this process, so when a
// busy machine stalls it, the server's idle timer can fire as the client reuses that connection.
const server = useTestServer(json(200, {}), { keepAliveTimeout: 0 });

const TOTAL = Number(process.env.LOAD_CALLS ?? 4_000);

describe(`load (${transport} transport)`, () => {
  it(`${TOTAL.toLocaleString('en')} calls at 256 in flight: all succeed, memory stays bounded`, async () => {
    // No per-call deadline: on a busy machine a call may wait long for its turn, and a call that
    // never ends still fails the test at its timeout.
    const sms = createSmsClient({ endpoint: server.url, auth: { token: 't' }, retry: false, timeoutMs: Infinity });
    const IN_FLIGHT = 256;
    let next = 0;
    let ok = 0;
    const failures: unknown[] = [];
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (vitest.config.ts sets it)').toBeTypeOf('function');
    // Warm up, so that lazily built state (agents, pools, JIT) is not counted as growth.
    await Promise.all(Array.from({ length: IN_FLIGHT }, () => sms.tasks.start('t')));
    gc!();
    const heapBefore = process.memoryUsage().heapUsed;
    const worker = async () => {
      while (next < TOTAL) {
        next++;
        await sms.tasks.start('t').then(
          () => ok++,
          (e: unknown) => failures.push(e),
        );
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    server.requests.length = 0; // the recorder itself holds every request
    gc!();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    console.log(`load: ${ok} ok, ${failures.length} failed, heap growth ${(growth / 2 ** 20).toFixed(1)} MiB`);
    expect(failures).toEqual([]);
    expect(ok).toBe(TOTAL);
    // After a forced GC: a leak of more than 5.3 kB per call (at 4,000 calls) would exceed this.
    expect(growth).toBeLessThan(20 * 2 ** 20);
  });
});
