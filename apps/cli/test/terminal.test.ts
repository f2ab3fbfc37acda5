// On a terminal (a real pseudo-terminal, made by util-linux `script`): a live progress line and a
// coloured summary. In a pipe: neither.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { CLI, run, useTestServer } from './helpers.js';

const current = useTestServer();

const ESCAPE = '\u001b[';
const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

it('draws a progress line and a coloured summary on a terminal', async () => {
  const args = ['start', '--endpoint', current().url, '--concurrency', '1', 'slow-50-a', 'slow-50-b', 'refuse-c'];
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qfec', command, '/dev/null'], {
    env: { PATH: process.env.PATH, SMS_TOKEN: 'any-token', TERM: 'xterm-256color' },
  }).catch((error: { stdout: string }) => error); // exit 1: a task was refused
  expect(stdout).toMatch(/\d+\/3 done · ok \d+ · refused \d+ · failed \d+/);
  expect(stdout).toContain(ESCAPE);
  expect(stdout).toContain('SMS.1038');
});

it('prints no progress and no colours in a pipe', async () => {
  const result = await run(['start', '--endpoint', current().url, 'slow-50-a', 'refuse-c'], { SMS_TOKEN: 'any-token' });
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('');
  expect(result.stdout).not.toContain(ESCAPE);
  expect(result.stdout).toContain('SMS.1038');
});
