// What an operator sees live, in a real pseudo-terminal (tmux): `status --watch` redrawn in place
// with the changed task marked, ended by Ctrl-C with 0; `wait`'s live line, cleared at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { afterAll, afterEach, expect } from 'vitest';
import { CLI, itOnLinux, run } from './helpers.js';

// A tmux server a test: the last test's server may still be exiting after its kill-server, and a
// new session on that socket then fails ("server exited unexpectedly").
let sessions = 0;
let socket = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'sms-task-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: SandboxServer | undefined;
afterEach(async () => {
  try {
    if (socket) tmux('kill-server');
  } catch {}
  await server?.close();
});

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
/** Runs sms-task in a new tmux window of 160 × 40, printing its exit code when it ends. */
function inTerminal(name: string, args: string[]) {
  const line = [process.execPath, CLI, ...args].map(quote).join(' ');
  const command = `SMS_TOKEN=any-token TERM=xterm-256color ${line}; echo "EXIT=$?"; sleep 600`;
  socket = `sms-task-test-${process.pid}-${++sessions}`;
  tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '40', command);
  // Every byte the window is sent, frames that were redrawn since included.
  const log = join(dir, `${name}.log`);
  tmux('pipe-pane', '-o', '-t', name, `cat >> ${quote(log)}`);
  return {
    screen: () => tmux('capture-pane', '-p', '-t', name),
    output: () => (existsSync(log) ? readFileSync(log, 'utf8').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') : ''),
    keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
  };
}
/** Resolves once the screen shows what `test` looks for (looked at every 50 ms; the test's timeout guards a hang). */
async function shows(screen: () => string, test: (text: string) => boolean) {
  while (!test(screen())) await new Promise((resolve) => setTimeout(resolve, 50));
  return screen();
}

itOnLinux(
  'status --watch redraws the table in place, marks the task that changed, and Ctrl-C ends it with 0',
  async () => {
    server = await startSandboxServer({
      timeScale: 0,
      tasks: ['t-0', 't-1', 't-2'].map((id) => ({ id, state: 'RUNNING' as const, progress: 0.3 })),
    });
    const term = inTerminal('watch', [
      'status',
      '--endpoint',
      server.url,
      '--watch',
      '--interval',
      '0.2s',
      't-0',
      't-1',
      't-2',
    ]);
    const first = await shows(term.screen, (text) => text.includes('Ctrl-C ends'));
    expect(first).toMatch(/\* *│ *t-0 .*RUNNING/); // the first read: every task is new
    expect((await run(['stop', '--endpoint', server.url, 't-1'], { SMS_TOKEN: 'any-token' })).code).toBe(0);
    // The frame after the change marks t-1, and only t-1 (looked for in everything sent, so no frame is missed).
    const frames = await shows(term.output, (text) => /\* *│ *t-1 .*ABORT/.test(text));
    const marked = frames.split('Ctrl-C ends').find((frame) => /\* *│ *t-1 .*ABORT/.test(frame))!;
    expect(marked).not.toMatch(/\* *│ *t-[02] /);
    // Redrawn in place: one table on the screen, not one a read.
    expect((await shows(term.screen, (text) => /t-1 .*ABORT/.test(text))).match(/Ctrl-C ends/g)).toHaveLength(1);
    term.keys('C-c');
    await shows(term.screen, (text) => text.includes('EXIT='));
    expect(term.screen()).toContain('EXIT=0');
  },
);

itOnLinux('wait draws a live line of the tasks there and their states, and ends 0 once they are there', async () => {
  server = await startSandboxServer({
    timeScale: 0,
    tasks: [
      { id: 'a', state: 'RUNNING', progress: 0.5 },
      { id: 'b', state: 'MIGRATE_SUCCESS' },
    ],
  });
  const term = inTerminal('wait', [
    'wait',
    '--endpoint',
    server.url,
    '--until',
    'MIGRATE_SUCCESS',
    '--interval',
    '0.1s',
    'a',
    'b',
  ]);
  const live = await shows(term.screen, (text) => text.includes('wait: 1/2 there'));
  expect(live).toMatch(/wait: 1\/2 there · MIGRATE_SUCCESS 1 · RUNNING 1 · slowest 3h/);
  server.sandbox.advance({ seconds: 6 * 3600 });
  const end = await shows(term.screen, (text) => text.includes('EXIT='));
  expect(end).toContain('every task is MIGRATE_SUCCESS');
  expect(end).toContain('EXIT=0');
  // The live line is cleared when the wait ends.
  expect(end).not.toContain('wait: 1/2 there');
});
