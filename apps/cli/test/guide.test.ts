// The README's "A migration wave, start to launch", run as written by bash against a sandbox: the
// wave starts, the wait stops at the task that fails, the operator sees it, restarts it and goes on
// until every target is launched.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxServer } from '@sms-task/sandbox';
import { afterAll, expect } from 'vitest';
import { CLI, itWithBash } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sms-task-guide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shell block between `<!-- guide:NAME -->` and its end in the README. */
function guide(name: string): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const found = new RegExp(`<!-- guide:${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\n<!-- /guide:${name} -->`).exec(
    readme,
  );
  if (!found) throw new Error(`the README has no guide:${name} block`);
  return found[1]!;
}

itWithBash(
  'runs "A migration wave, start to launch" as written: a failed task seen, restarted, and every target launched',
  async () => {
    const server = await startSandboxServer({});
    try {
      // As installed: `sms-task` on the PATH is this build.
      const script = `sms-task() { "${process.execPath}" "${CLI}" "$@"; }\n${guide('wave')}`;
      writeFileSync(join(dir, 'guide.sh'), script);
      const child = spawn('bash', ['guide.sh'], {
        cwd: dir,
        env: { PATH: process.env.PATH!, HOME: dir, SMS_ENDPOINT: server.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const [code] = await once(child, 'close');

      expect(code, stderr).toBe(0);
      // The operator sees the failure, with its error, and the wait that stopped on it.
      expect(stderr).toContain('r-2 MIGRATE_FAIL: the target disk is full');
      expect(stderr).toContain('will not get there by themselves: r-2 MIGRATE_FAIL');
      // The status between: r-2 failed, with its error (the others are where their clocks have them).
      expect(stdout).toMatch(/r-2 .*MIGRATE_FAIL .*the target disk is full/);
      const calls = server.sandbox.calls().filter((call) => call.method === 'POST');
      const sent = (operation: string) => calls.filter((call) => call.operation === operation && call.status === 200);
      expect(sent('start').map((call) => call.taskId)).toEqual(['r-1', 'r-2', 'r-3']);
      expect(sent('restart').map((call) => call.taskId)).toEqual(['r-2']);
      // Launched once each, after the restart: nothing was launched while r-2 had failed.
      expect(sent('test').map((call) => call.taskId)).toEqual(['r-1', 'r-2', 'r-3']);
      expect(calls.findIndex((call) => call.operation === 'test')).toBeGreaterThan(
        calls.findIndex((call) => call.operation === 'restart'),
      );
      expect(server.sandbox.tasks().map((task) => [task.id, task.state])).toEqual([
        ['r-1', 'MIGRATE_SUCCESS'],
        ['r-2', 'MIGRATE_SUCCESS'],
        ['r-3', 'SYNCING'],
      ]);
    } finally {
      await server.close();
    }
  },
);
