// The package as strangers get it: packed, installed with npm into a new project (it brings no
// dependencies: the command is one bundle), and run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { type PackedProject, packedProject, runCommand } from '@sms-task/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
let project: PackedProject;
let server: SandboxServer;

beforeAll(async () => {
  // stop pauses ok-1 and refuses refuse-2, paused already.
  server = await startSandboxServer({
    tasks: [
      { id: 'ok-1', state: 'RUNNING' },
      { id: 'refuse-2', state: 'ABORT' },
    ],
  });
  project = packedProject({ packages: [here], name: 'cli-consumer', module: false });
});
afterAll(async () => {
  await server?.close();
  project?.remove();
});

const sms = (args: string[], env: Record<string, string> = {}) =>
  runCommand(project.path('node_modules/.bin/sms-task'), args, { env: { PATH: process.env.PATH, ...env } });

it('installs with no dependencies, and runs a wave with a report', async () => {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: project.dir, encoding: 'utf8' }));
  expect(tree.dependencies['@sms-task/cli'].dependencies ?? {}).toEqual({});
  const version = await sms(['--version']);
  expect(version.stdout).toMatch(/^sms-task \d+\.\d+\.\d+\n$/);
  const wave = await sms(['stop', '--endpoint', server.url, '--output', 'json', 'ok-1', 'refuse-2'], {
    SMS_TOKEN: 't',
  });
  expect(JSON.parse(wave.stdout).summary).toMatchObject({
    ok: 1,
    refused: 1,
    failed: 0,
    complete: true,
    wave_ok: false,
  });
  expect(wave.exitCode).toBe(1);
});
