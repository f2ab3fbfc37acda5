// The sandbox's speed: the sms-sandbox server's calls/s beside Prism's, each in its own process
// and driven the same way (an undici Pool, 64 calls in flight), the in-process sandbox.fetch beside
// both, and the time from starting sms-sandbox to its first answer.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@sms-task/contract-tests/prism';
import { createSandbox } from '@sms-task/sandbox';
import { Pool } from 'undici';

const TASK = '7a9a9540-ff28-4869-b9e4-855fbe12xxxx';
const PATH = `/v3/tasks/${TASK}/action`;
const HEADERS = { 'content-type': 'application/json', 'x-auth-token': 'bench-token' };
const BODY = '{"operation":"start"}';
const SANDBOX = fileURLToPath(import.meta.resolve('@sms-task/sandbox').replace(/index\.js$/, 'cli.js'));

/** Calls/s with `concurrency` calls always in flight for `ms`, after a warm-up; every answer must be 200. */
async function steady(call, ms, concurrency) {
  const run = async (until) => {
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const status = await call();
          if (status !== 200) throw new Error(`answered ${status}`);
          done++;
        }
      }),
    );
    return done;
  };
  await run(performance.now() + 250);
  const start = performance.now();
  const done = await run(start + ms);
  return done / ((performance.now() - start) / 1000);
}

const overHttp = (url) => {
  const pool = new Pool(url, { connections: 64 });
  const call = async () => {
    const { statusCode, body } = await pool.request({ path: PATH, method: 'POST', headers: HEADERS, body: BODY });
    await body.text();
    return statusCode;
  };
  return { call, close: () => pool.close() };
};

/** Starts sms-sandbox and resolves with its URL once it says it listens. */
async function startSandboxProcess() {
  const child = spawn(process.execPath, [SANDBOX, '--port', '0', '--mode', 'permissive', '--auto-create'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  return { url: /listening on (\S+)/.exec(line)[1], child };
}

/** From spawning sms-sandbox to its first 200, in ms; the median of `runs`. */
async function startUp(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { url, child } = await startSandboxProcess();
    const response = await fetch(`${url}${PATH}`, { method: 'POST', headers: HEADERS, body: BODY });
    if (response.status !== 200) throw new Error(`first answer ${response.status}`);
    times.push(performance.now() - started);
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

export async function sandboxSpeed({ time, concurrency, rounds }) {
  const prism = await startPrism({});
  const sandbox = await startSandboxProcess();
  const inProcess = createSandbox({ mode: 'permissive', autoCreate: true });
  const clients = {
    prism: overHttp(prism.url),
    server: overHttp(sandbox.url),
    inProcess: {
      call: async () => {
        const response = await inProcess.fetch(`${inProcess.url}${PATH}`, {
          method: 'POST',
          headers: HEADERS,
          body: BODY,
        });
        await response.text();
        return response.status;
      },
      close: () => {},
    },
  };
  const runs = { prism: [], server: [], inProcess: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [name, { call }] of Object.entries(clients)) {
        runs[name].push(await steady(call, time, concurrency));
        console.error(`sandbox round ${round + 1}/${rounds} ${name}: ${Math.round(runs[name].at(-1))} calls/s`);
      }
    }
  } finally {
    for (const { close } of Object.values(clients)) await close();
    await prism.stop();
    sandbox.child.kill('SIGTERM');
  }
  return { runs, startUpMs: await startUp(5) };
}
