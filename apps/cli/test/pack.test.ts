// The package as strangers get it: packed, installed with npm into a new project (it brings no
// dependencies: the command is one bundle), and run.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestServer, testServer } from './helpers.js';

const here = fileURLToPath(new URL('..', import.meta.url));
let project: string;
let server: TestServer;

beforeAll(async () => {
  server = await testServer();
  project = mkdtempSync(join(tmpdir(), 'sms-task-consumer-'));
  execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: here, stdio: 'pipe' });
  const tarball = readdirSync(project).find((file) => file.endsWith('.tgz'))!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', `./${tarball}`, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: project,
    stdio: 'pipe',
  });
});
afterAll(async () => {
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const sms = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(join(project, 'node_modules/.bin/sms-task'), args, {
    env: { PATH: process.env.PATH, ...env },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);

it('installs with no dependencies, and runs a wave with a report', async () => {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: project, encoding: 'utf8' }));
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
  expect((wave as { code?: number }).code).toBe(1);
});
