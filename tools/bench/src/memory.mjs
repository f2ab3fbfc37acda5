// Child process (node --expose-gc): N sequential calls with one client; heap and RSS after
// warm-up and at the end, both after a forced GC. Prints one JSON line.
import { fork } from 'node:child_process';
import { CLIENTS } from './clients.mjs';

const [id, total] = [process.argv[2], Number(process.argv[3] ?? 100_000)];
const server = fork(new URL('./server.mjs', import.meta.url));
const { port } = await new Promise((resolve) => server.once('message', resolve));
const call = CLIENTS.find((c) => c.id === id).make(`http://127.0.0.1:${port}`);
const snapshot = () => (globalThis.gc(), globalThis.gc(), process.memoryUsage());
const warm = Math.min(10_000, total / 10);
for (let i = 0; i < warm; i++) await call();
const before = snapshot();
const samples = [];
for (let i = warm; i < total; i++) {
  await call();
  if (i % 10_000 === 0) samples.push(snapshot().heapUsed);
}
const after = snapshot();
server.disconnect();
console.log(
  JSON.stringify({
    id,
    calls: total,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapSamples: samples,
  }),
);
process.exit(0);
