#!/usr/bin/env node
// pnpm bench: per-call cost (sequential and 64 in flight), memory over 100,000 calls, bundle and
// install size, and pipeline timings. Writes BENCHMARKS.md (root) and packages/bench/results.json.
// Ratios are what to compare: absolute numbers move ±10–40% between runs on shared machines.
import { execFile, execFileSync, fork, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { CLIENTS } from './clients.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TIME = Number(process.env.BENCH_TIME_MS ?? 2000);
const CONCURRENCY = 64;
const MEMORY_CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 100_000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (...a) => console.error(...a);
const execFileAsync = promisify(execFile);

async function speed() {
  const server = fork(join(here, 'src/server.mjs'));
  const { port } = await new Promise((resolve) => server.once('message', resolve));
  const runs = Object.fromEntries(CLIENTS.map((c) => [c.id, { seq: [], conc: [], steady: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, and rotated each round, so that drift in the machine hits every client alike;
    // each measure in a fresh process (see measure.mjs).
    const order = CLIENTS.map((_, i) => CLIENTS[(i + round) % CLIENTS.length]);
    for (const client of order) {
      const { stdout } = await execFileAsync(
        process.execPath,
        [join(here, 'src/measure.mjs'), client.id, String(port), String(TIME), String(CONCURRENCY)],
        { maxBuffer: 1 << 20 },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop());
      for (const mode of ['seq', 'conc', 'steady']) runs[client.id][mode].push(result[mode]);
      log(
        `round ${round + 1}/${ROUNDS} ${client.id}: ${Math.round(result.seq.cps)} calls/s sequential, ${Math.round(result.conc.cps)} in batches of ${CONCURRENCY}, ${Math.round(result.steady.cps)} at ${CONCURRENCY} in flight (${Math.round(result.steady.cpuUsPerCall)} µs CPU a call)`,
      );
    }
  }
  server.disconnect();
  const pick = (list) => {
    const m = median(list.map((r) => r.cps));
    return list.find((r) => r.cps === m);
  };
  return CLIENTS.map((c) => ({
    id: c.id,
    name: c.name,
    sequential: pick(runs[c.id].seq),
    concurrent: pick(runs[c.id].conc),
    steady: pick(runs[c.id].steady),
    runs: runs[c.id],
  }));
}

function memory() {
  return ['client-node-token', 'client-fetch-token', 'official-token'].map((id) => {
    log(`memory: ${MEMORY_CALLS} calls with ${id}…`);
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', join(here, 'src/memory.mjs'), id, String(MEMORY_CALLS)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    return JSON.parse(out.trim().split('\n').pop());
  });
}

async function bundle(contents, platform) {
  const result = await build({
    stdin: { contents, resolveDir: here },
    bundle: true,
    minify: true,
    format: platform === 'browser' ? 'esm' : 'cjs',
    platform,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

/** Packages and bytes a package brings into node_modules: itself and its production dependencies. */
function footprint(name, from = here, seen = new Map()) {
  let pkgJson;
  try {
    pkgJson = createRequire(join(from, 'noop.js')).resolve(`${name}/package.json`);
  } catch {
    const main = createRequire(join(from, 'noop.js')).resolve(name);
    let dir = dirname(main);
    while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
    pkgJson = join(dir, 'package.json');
  }
  const dir = dirname(pkgJson);
  if (seen.has(dir)) return seen;
  const du = (p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f !== 'node_modules')
          .reduce((n, f) => n + du(join(p, f)), 0)
      : statSync(p).size;
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
  // A workspace package counts what npm would install (package.json and its `files`), not its sources and tests.
  const published =
    !dir.split(sep).includes('node_modules') && Array.isArray(pkg.files)
      ? ['package.json', ...pkg.files].map((f) => join(dir, f)).filter((f) => existsSync(f))
      : [dir];
  seen.set(
    dir,
    published.reduce((n, p) => n + du(p), 0),
  );
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    try {
      footprint(dep, dir, seen);
    } catch {}
  }
  return seen;
}

async function sizes() {
  const usage =
    "createSmsClient({ endpoint: 'https://sms.ap-southeast-3.myhuaweicloud.com', auth: { token: 't' } }).tasks.start('id');";
  const client = await bundle(`import { createSmsClient } from '@sms-task/client'; ${usage}`, 'browser');
  const signed = await bundle(
    "import { createSmsClient } from '@sms-task/client'; import { akskAuth } from '@sms-task/client/aksk'; createSmsClient({ endpoint: 'https://sms.ap-southeast-3.myhuaweicloud.com', auth: akskAuth({ ak: 'a', sk: 's' }) }).tasks.start('id');",
    'browser',
  );
  const bare = await bundle(
    "import createClient from 'openapi-fetch'; createClient({ baseUrl: 'https://x' }).POST('/v3/tasks/{task_id}/action', { params: { path: { task_id: 'id' } }, body: { operation: 'start' } });",
    'browser',
  );
  const official = await bundle(
    "const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder'); const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials'); new ClientBuilder((c) => c).withCredential(new GlobalCredentials().withAk('a').withSk('s')).withEndpoint('https://x').build().sendRequest({ method: 'POST', url: '/v3/tasks/{task_id}/action', contentType: 'application/json', headers: {}, queryParams: {}, pathParams: { task_id: 'id' }, data: { operation: 'start' } });",
    'node',
  );
  const install = (name) => {
    const seen = footprint(name);
    return { packages: seen.size, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
  };
  // One package, whichever of its entries the bundle uses.
  const clientInstall = install('@sms-task/client');
  return [
    { name: '@sms-task/client, token (browser ESM, one call)', ...client, install: clientInstall },
    {
      name: '@sms-task/client + `@sms-task/client/aksk` (browser ESM, one signed call)',
      ...signed,
      install: clientInstall,
    },
    { name: 'openapi-fetch alone (browser ESM, one call)', ...bare, install: install('openapi-fetch') },
    {
      name: 'official Huawei core SDK (node bundle, one signed call)',
      ...official,
      install: install('@huaweicloud/huaweicloud-sdk-core'),
    },
  ];
}

function pipeline() {
  const time = (cmd, args) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  log('pipeline: cold build and test, their rerun, cold build, cached build, codegen…');
  // Tests are never cached (turbo.json: `cache: false`), so the rerun of build+test runs them again.
  const coldBuildTest = time('pnpm', ['exec', 'turbo', 'run', 'build', 'test', '--force']);
  const rerunBuildTest = time('pnpm', ['exec', 'turbo', 'run', 'build', 'test']);
  const cold = time('pnpm', ['exec', 'turbo', 'run', 'build', '--force']);
  const cached = time('pnpm', ['exec', 'turbo', 'run', 'build']);
  const codegen = time(process.execPath, [join(root, 'packages/client/scripts/generate.mjs'), '--check']);
  return {
    coldBuildTestMs: coldBuildTest,
    rerunBuildTestMs: rerunBuildTest,
    coldBuildMs: cold,
    cachedBuildMs: cached,
    codegenMs: codegen,
  };
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const kb = (n) => `${fmt(n)} B`;

const speedResults = await speed();
const memoryResults = memory();
const sizeResults = await sizes();
const pipelineResults = pipeline();
const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  date: new Date().toISOString(),
};

const byId = Object.fromEntries(speedResults.map((r) => [r.id, r]));
const MODE = { sequential: 'seq', concurrent: 'conc', steady: 'steady' };
/** Ratios are taken round by round (the two measures ran minutes apart at most), then the median. */
const perRound = (id, baseId, mode) =>
  byId[id].runs[MODE[mode]].map((r, i) => r.cps / byId[baseId].runs[MODE[mode]][i].cps);
const vsOfficial = (id, officialId, mode) => median(perRound(id, officialId, mode));
const ratio = (id, mode) => vsOfficial(id, 'raw-fetch', mode);
const range = (id, officialId, mode) => {
  const rs = perRound(id, officialId, mode);
  return `${fmt(Math.min(...rs), 2)}–${fmt(Math.max(...rs), 2)}×`;
};

let md = `# Benchmarks

Generated by \`pnpm bench\` (packages/bench) on ${machine.date.slice(0, 10)}: ${machine.cpus}, ${machine.memory}, Node ${machine.node}.
A local \`node:http\` server in its own process answers \`{}\` to \`POST /v3/tasks/{task_id}/action\`.
${ROUNDS} interleaved rounds of ${TIME} ms per client and mode, each client in a fresh process: sequential and in batches of
${CONCURRENCY} with tinybench after a 500-call warm-up, and ${CONCURRENCY} in flight at every moment (${CONCURRENCY} loops, as load
tools run connections) after 250 ms of warm-up, with the CPU the client's process spent per call. The median round is shown;
ratios are the median of the per-round ratios. Noise between runs is ±10–40% on this kind of machine: compare the **ratios**,
measured in one run.
Raw figures: [packages/bench/results.json](packages/bench/results.json).

## Per call

| client | calls/s sequential | × raw fetch | p50 / p99 ms | calls/s, ${CONCURRENCY} in flight | × raw fetch | client CPU µs a call | calls/s, batches of ${CONCURRENCY} | × raw fetch | batch p50 / p99 ms |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
`;
for (const r of speedResults) {
  md += `| ${r.name} | ${fmt(r.sequential.cps)} | ${fmt(ratio(r.id, 'sequential'), 2)} | ${fmt(r.sequential.p50, 3)} / ${fmt(r.sequential.p99, 3)} | ${fmt(r.steady.cps)} | ${fmt(ratio(r.id, 'steady'), 2)} | ${fmt(median(r.runs.steady.map((x) => x.cpuUsPerCall)))} | ${fmt(r.concurrent.cps)} | ${fmt(ratio(r.id, 'concurrent'), 2)} | ${fmt(r.concurrent.p50, 2)} / ${fmt(r.concurrent.p99, 2)} |\n`;
}
const targets = [
  [
    'client (Node transport, token) per-call overhead within 10% of raw fetch, sequential',
    ratio('client-node-token', 'sequential') >= 0.9,
    `${fmt(ratio('client-node-token', 'sequential'), 2)}× raw fetch`,
  ],
  [
    `client (Node transport over an undici Pool, token) ≥ 3× the official SDK's throughput, ${CONCURRENCY} in flight`,
    vsOfficial('client-undici-token', 'official-token', 'steady') >= 3,
    `${fmt(vsOfficial('client-undici-token', 'official-token', 'steady'), 2)}× (rounds: ${range('client-undici-token', 'official-token', 'steady')}; in batches of ${CONCURRENCY}: ${fmt(vsOfficial('client-undici-token', 'official-token', 'concurrent'), 2)}×)`,
  ],
  [
    `client (Node transport, node:http, token) ≥ 3× the official SDK's throughput, ${CONCURRENCY} in flight`,
    vsOfficial('client-node-token', 'official-token', 'steady') >= 3,
    `${fmt(vsOfficial('client-node-token', 'official-token', 'steady'), 2)}× (rounds: ${range('client-node-token', 'official-token', 'steady')}; in batches: ${fmt(vsOfficial('client-node-token', 'official-token', 'concurrent'), 2)}×; the node:http floor itself: ${fmt(vsOfficial('node-http', 'official-token', 'steady'), 2)}×)`,
  ],
  [
    'client (Node transport, token) ≥ 3× the official SDK, sequential (one call at a time)',
    Math.max(
      vsOfficial('client-node-token', 'official-token', 'sequential'),
      vsOfficial('client-undici-token', 'official-token', 'sequential'),
    ) >= 3,
    `${fmt(vsOfficial('client-node-token', 'official-token', 'sequential'), 2)}× node:http, ${fmt(vsOfficial('client-undici-token', 'official-token', 'sequential'), 2)}× undici (the floors themselves: ${fmt(vsOfficial('node-http', 'official-token', 'sequential'), 2)}× and ${fmt(vsOfficial('undici-pool', 'official-token', 'sequential'), 2)}×)`,
  ],
  [
    'client (Node transport, AK/SK) ≥ official SDK AK/SK, sequential and 64 in flight',
    vsOfficial('client-node-aksk', 'official-aksk', 'sequential') >= 1 &&
      vsOfficial('client-node-aksk', 'official-aksk', 'steady') >= 1 &&
      vsOfficial('client-node-aksk', 'official-aksk', 'concurrent') >= 1,
    `${fmt(vsOfficial('client-node-aksk', 'official-aksk', 'sequential'), 2)}× / ${fmt(vsOfficial('client-node-aksk', 'official-aksk', 'steady'), 2)}× (batches: ${fmt(vsOfficial('client-node-aksk', 'official-aksk', 'concurrent'), 2)}×)`,
  ],
  [
    'stretch: client (Node transport, token) within 1.5× of the node:http floor',
    vsOfficial('node-http', 'client-node-token', 'sequential') <= 1.5,
    `the floor makes ${fmt(vsOfficial('node-http', 'client-node-token', 'sequential'), 2)}× the client's calls/s`,
  ],
  ['client bundle (with openapi-fetch) under 5 kB gzipped', sizeResults[0].gzip < 5000, kb(sizeResults[0].gzip)],
];
md += `\n## Targets\n\n| target | met | measured |\n|---|---|---|\n${targets.map(([t, ok, m]) => `| ${t} | ${ok ? 'yes' : '**no**'} | ${m} |`).join('\n')}\n`;
md += `\n## Memory: ${fmt(MEMORY_CALLS)} sequential calls (after forced GC)\n\n| client | heap after warm-up | heap at end | growth | RSS at end |\n|---|---:|---:|---:|---:|\n`;
for (const m of memoryResults)
  md += `| ${m.id} | ${fmt(m.heapBefore / 2 ** 20, 1)} MiB | ${fmt(m.heapAfter / 2 ** 20, 1)} MiB | ${fmt((m.heapAfter - m.heapBefore) / 2 ** 20, 2)} MiB | ${fmt(m.rssAfter / 2 ** 20)} MiB |\n`;
md += `\n## Size\n\n| what | minified | gzip -9 | install: packages | install: bytes |\n|---|---:|---:|---:|---:|\n`;
for (const s of sizeResults)
  md += `| ${s.name} | ${kb(s.minified)} | ${kb(s.gzip)} | ${s.install.packages} | ${fmt(s.install.bytes / 1024)} KB |\n`;
md += `\n## Pipeline\n\n| step | ms |\n|---|---:|\n| cold \`turbo run build test --force\` | ${fmt(pipelineResults.coldBuildTestMs)} |\n| rerun \`turbo run build test\` (builds from cache; tests always run) | ${fmt(pipelineResults.rerunBuildTestMs)} |\n| cold \`turbo run build --force\` | ${fmt(pipelineResults.coldBuildMs)} |\n| cached \`turbo run build\` (full cache hit) | ${fmt(pipelineResults.cachedBuildMs)} |\n| codegen check (openapi-typescript + spec facts) | ${fmt(pipelineResults.codegenMs)} |\n`;
const notesFile = join(here, 'NOTES.md');
if (existsSync(notesFile)) md += `\n${readFileSync(notesFile, 'utf8')}`;

writeFileSync(join(root, 'BENCHMARKS.md'), md);
writeFileSync(
  join(here, 'results.json'),
  `${JSON.stringify({ machine, speed: speedResults, memory: memoryResults, size: sizeResults, pipeline: pipelineResults }, null, 2)}\n`,
);
console.log(md);
