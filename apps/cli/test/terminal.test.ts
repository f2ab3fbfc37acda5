// On a terminal (a real pseudo-terminal, made by util-linux `script`): a live progress line and a
// coloured summary. In a pipe: neither.
import { runCommand } from '@sms-task/test-support';
import { beforeEach, expect, it } from 'vitest';
import { CLI, errorCodeOf, itOnLinux, run, seed, useSandbox } from './helpers.js';

const current = useSandbox();
// stop pauses the slow tasks, 50 ms each, and refuses refuse-c, paused already.
beforeEach(() => {
  seed(current(), 'RUNNING', 'slow-50-a', 'slow-50-b');
  seed(current(), 'ABORT', 'refuse-c');
  current().setFaults([
    { task: 'slow-50-a', delayMs: 50 },
    { task: 'slow-50-b', delayMs: 50 },
  ]);
});
const REFUSED = errorCodeOf('cannot_pause');

const ESCAPE = '\u001b[';
const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

itOnLinux('draws a progress line and a coloured summary on a terminal', async () => {
  const args = ['stop', '--endpoint', current().url, '--concurrency', '1', 'slow-50-a', 'slow-50-b', 'refuse-c'];
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const { stdout, exitCode } = await runCommand('script', ['-qfec', command, '/dev/null'], {
    env: { PATH: process.env.PATH, SMS_TOKEN: 'any-token', TERM: 'xterm-256color' },
  });
  expect(exitCode).toBe(1); // a task was refused
  expect(stdout).toMatch(/\d+\/3 done · ok \d+ · refused \d+ · failed \d+/);
  expect(stdout).toContain(ESCAPE);
  expect(stdout).toContain(REFUSED);
});

it('prints no progress and no colours in a pipe', async () => {
  const result = await run(['stop', '--endpoint', current().url, 'slow-50-a', 'refuse-c'], { SMS_TOKEN: 'any-token' });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('');
  expect(result.stdout).not.toContain(ESCAPE);
  expect(result.stdout).toContain(REFUSED);
});
