// The Prism launcher itself: free ports for overlapping runs, idle connections kept open, stop(), and no
// orphan process when the process that started Prism is interrupted.
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { spawnUntilLine } from '@sms-task/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrismProcess, startPrism } from '../src/prism.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls until `check` holds: a busy machine only makes it later, and the test's timeout bounds it. */
async function until(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 50));
}

describe('startPrism', () => {
  // Two overlapping runs, started once for the three tests below (a Prism start is seconds of CPU).
  let runs: PrismProcess[] = [];
  beforeAll(async () => {
    runs = await Promise.all([startPrism(), startPrism()]);
  });
  afterAll(() => Promise.all(runs.map((run) => run.stop())));

  it('gives two overlapping runs two ports, each answering', async () => {
    const [a, b] = runs as [PrismProcess, PrismProcess];
    expect(a.port).not.toBe(b.port);
    for (const { url } of runs) {
      const res = await fetch(`${url}/v3/tasks/t/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
        body: '{"operation":"start"}',
      });
      expect(res.status).toBe(200);
    }
  });

  it("keeps an idle kept-alive connection open past Node's 5 s keep-alive timer", async () => {
    const prism = runs[0]!;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // Which socket each call went out on: the second must reuse the first's.
    const call = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const req = request(
          `${prism.url}/v3/tasks/t/action`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-auth-token': 't' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, reused: req.reusedSocket }));
          },
        );
        req.on('error', reject);
        req.end('{"operation":"start"}');
      });
    try {
      await expect(call()).resolves.toEqual({ status: 200, reused: false });
      // Longer than Node's default: a Prism that kept it would close the socket, and the agent would
      // open another. A busy machine can only make the wait longer, never the verdict wrong.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await expect(call()).resolves.toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('ends the process with stop(), and a second stop() is harmless', async () => {
    await Promise.all(runs.map((run) => run.stop()));
    for (const { pid } of runs) expect(alive(pid)).toBe(false);
    await Promise.all(runs.map((run) => run.stop()));
  });

  it('leaves no Prism behind when the process that started it is interrupted (SIGINT)', async () => {
    const built = fileURLToPath(new URL('../dist/prism.js', import.meta.url));
    // The pid goes out inside a string: FORCE_COLOR would colour a printed number.
    const script =
      `import { startPrism } from ${JSON.stringify(built)}; const p = await startPrism();` +
      " console.log('prism pid ' + p.pid); setInterval(() => {}, 1000);";
    const launcher = await spawnUntilLine(process.execPath, ['--input-type=module', '-e', script], {
      ready: /prism pid (\d+)/,
    });
    const { child } = launcher;
    const pid = Number(launcher.match[1]);
    try {
      expect(alive(pid), launcher.output()).toBe(true);
      child.kill('SIGINT');
      await launcher.exited;
      // Prism outliving its launcher fails the test at its timeout.
      await until(() => !alive(pid));
    } finally {
      // Whatever failed above, leave nothing running.
      child.kill('SIGKILL');
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});
