// Child process: measures one client against the bench server and prints one JSON line.
// Every client runs in a fresh process, so that no client inherits another's JIT state (call
// sites made megamorphic by other clients' functions), heap or keep-alive sockets.
//   node measure.mjs <client id> <server port> <ms per measure> <concurrency>
import { Bench } from 'tinybench';
import { CLIENTS } from './clients.mjs';

const [id, port, time, concurrency] = [
  process.argv[2],
  process.argv[3],
  Number(process.argv[4]),
  Number(process.argv[5]),
];
const call = CLIENTS.find((c) => c.id === id).make(`http://127.0.0.1:${port}`);

/**
 * `concurrency` calls in flight at every moment for `ms`: what load tools (wrk, autocannon) mean by
 * that many connections. Also the CPU this process spent per call: the client's own cost, which the
 * machine's noise moves far less than wall-clock throughput (the server runs in another process).
 */
async function steady(ms) {
  let done = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await call();
        done++;
      }
    }),
  );
  const wall = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { cps: (done / wall) * 1000, cpuUsPerCall: (user + system) / done };
}

// 500 calls of warm-up either way: 500 single calls, or 8 batches of `concurrency`.
const sequential = new Bench({ time, warmup: true, warmupIterations: 500 });
sequential.add('seq', () => call());
const batches = new Bench({ time, warmup: true, warmupIterations: 8 });
batches.add('conc', () => Promise.all(Array.from({ length: concurrency }, () => call())));
await sequential.run();
await batches.run();
const seq = sequential.tasks[0].result.latency;
const conc = batches.tasks[0].result.latency;
await steady(250);
console.log(
  JSON.stringify({
    seq: { cps: 1000 / seq.mean, p50: seq.p50, p99: seq.p99 },
    conc: { cps: (1000 / conc.mean) * concurrency, p50: conc.p50, p99: conc.p99 },
    steady: await steady(time),
  }),
);
process.exit(0);
