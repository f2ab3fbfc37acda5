#!/usr/bin/env node
// pnpm bench: per-call cost (sequential and 64 in flight), memory over 100,000 calls, bundle and
// install size, and pipeline timings. Writes BENCHMARKS.md (root, see report.mjs) and results.json.
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
import { median, report } from './report.mjs';
import { sandboxSpeed } from './sandbox.mjs';
import { cliSpeed } from './cli.mjs';
import { readsBench } from './reads.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TIME = Number(process.env.BENCH_TIME_MS ?? 2000);
const CONCURRENCY = 64;
const MEMORY_CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 100_000);
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
      const { seq, conc, steady } = result;
      log(
        `round ${round + 1}/${ROUNDS} ${client.id}: ${Math.round(seq.cps)} calls/s sequential,`,
        `${Math.round(conc.cps)} in batches of ${CONCURRENCY},`,
        `${Math.round(steady.cps)} at ${CONCURRENCY} in flight (${Math.round(steady.cpuUsPerCall)} µs CPU a call)`,
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

// The same one-call usage, bundled as an application would ship it.
const ENDPOINT = 'https://sms.ap-southeast-3.myhuaweicloud.com';
const USAGE = {
  token: `import { createSmsClient } from '@sms-task/client';
    createSmsClient({ endpoint: '${ENDPOINT}', auth: { token: 't' } }).tasks.start('id');`,
  aksk: `import { createSmsClient } from '@sms-task/client';
    import { akskAuth } from '@sms-task/client/aksk';
    createSmsClient({ endpoint: '${ENDPOINT}', auth: akskAuth({ ak: 'a', sk: 's' }) }).tasks.start('id');`,
  openapiFetch: `import createClient from 'openapi-fetch';
    createClient({ baseUrl: 'https://x' }).POST('/v3/tasks/{task_id}/action', {
      params: { path: { task_id: 'id' } }, body: { operation: 'start' } });`,
  official: `const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');
    const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/GlobalCredentials');
    new ClientBuilder((c) => c).withCredential(new GlobalCredentials().withAk('a').withSk('s'))
      .withEndpoint('https://x').build()
      .sendRequest({ method: 'POST', url: '/v3/tasks/{task_id}/action', contentType: 'application/json',
        headers: {}, queryParams: {}, pathParams: { task_id: 'id' }, data: { operation: 'start' } });`,
};

async function sizes() {
  const client = await bundle(USAGE.token, 'browser');
  const signed = await bundle(USAGE.aksk, 'browser');
  const bare = await bundle(USAGE.openapiFetch, 'browser');
  const official = await bundle(USAGE.official, 'node');
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
  log('pipeline: cold build and test, their rerun, cold build, cached build, codegen, spec gate…');
  // Tests are never cached (turbo.json: `cache: false`), so the rerun of build+test runs them again.
  const coldBuildTest = time('pnpm', ['exec', 'turbo', 'run', 'build', 'test', '--force']);
  const rerunBuildTest = time('pnpm', ['exec', 'turbo', 'run', 'build', 'test']);
  const cold = time('pnpm', ['exec', 'turbo', 'run', 'build', '--force']);
  const cached = time('pnpm', ['exec', 'turbo', 'run', 'build']);
  const codegen = time(process.execPath, [join(root, 'packages/client/scripts/generate.mjs'), '--check']);
  // The gate on a spec unchanged since HEAD: the cost every change pays that does not touch spec/.
  const specGate = time('pnpm', ['run', '--silent', 'spec:diff', '--base', 'HEAD']);
  return {
    coldBuildTestMs: coldBuildTest,
    rerunBuildTestMs: rerunBuildTest,
    coldBuildMs: cold,
    cachedBuildMs: cached,
    codegenMs: codegen,
    specGateUnchangedMs: specGate,
  };
}

// BENCH_ONLY=reads measures the reads again and keeps the other figures of results.json as they are.
if (process.env.BENCH_ONLY === 'reads') {
  const results = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'));
  results.reads = await readsBench({ rounds: ROUNDS });
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = report(results, { rounds: ROUNDS, time: TIME, concurrency: CONCURRENCY, memoryCalls: MEMORY_CALLS });
  writeFileSync(join(root, 'BENCHMARKS.md'), md);
  process.exit(0);
}

const speedResults = await speed();
const sandboxResults = await sandboxSpeed({ time: TIME, concurrency: CONCURRENCY, rounds: ROUNDS });
const cliResults = await cliSpeed({ rounds: ROUNDS });
const readsResults = await readsBench({ rounds: ROUNDS });
const memoryResults = memory();
const sizeResults = await sizes();
const pipelineResults = pipeline();
const machine = {
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  date: new Date().toISOString(),
};
const results = {
  machine,
  speed: speedResults,
  sandbox: sandboxResults,
  cli: cliResults,
  reads: readsResults,
  memory: memoryResults,
  size: sizeResults,
  pipeline: pipelineResults,
};
// The raw figures first: a run takes many minutes, and a report that fails must not lose them.
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const md = report(results, { rounds: ROUNDS, time: TIME, concurrency: CONCURRENCY, memoryCalls: MEMORY_CALLS });
writeFileSync(join(root, 'BENCHMARKS.md'), md);
console.log(md);
