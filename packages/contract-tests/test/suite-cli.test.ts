// `sms-contract-tests`, the command that runs the shipped suite: an endpoint that is down ends it at
// once; bad arguments end it with the reason and exit 2 before anything runs. (Its run against the
// mock it starts, installed from the tarball, is in pack.test.ts; its runs against endpoints that
// break the contract are in self-check.test.ts.)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/prism.js';

const cli = fileURLToPath(new URL('../dist/suite-cli.js', import.meta.url));
const { CI: _ci, SMS_CONTRACT_BASE_URL: _url, SMS_CONTRACT_TOKEN: _token, ...cleanEnv } = process.env;
const refused = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...cleanEnv, ...env } });
/** Async, for runs that talk to a server in this process. */
async function runAsync(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...cleanEnv, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { exitCode, output };
}

describe('sms-contract-tests', () => {
  it('ends at once, with one reason, when the endpoint refuses connections or never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const hanging = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      for (const [url, reason] of [[closed, 'ECONNREFUSED'], [hanging, 'no answer within 1000 ms']] as const) {
        const run = await runAsync(['--base-url', url], { SMS_CONTRACT_TOKEN: 'probe-secret-token-0123', SMS_CONTRACT_PROBE_TIMEOUT_MS: '1000' });
        expect(run.exitCode).toBe(1);
        expect(run.output).toContain(`${url} did not answer a probe (POST ${url}/v3/tasks/contract-probe/action without credentials): ${reason}.`);
        expect(run.output).not.toContain('probe-secret-token-0123');
      }
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 60_000);

  it('refuses an unknown option', () => {
    const run = refused(['--endpoint', 'http://127.0.0.1:1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^sms-contract-tests: Unknown option '--endpoint'/);
    expect(run.stderr).toContain('usage: sms-contract-tests');
  });

  it('refuses a base URL that is not absolute http(s)', () => {
    const run = refused(['--base-url', 'sms.ap-southeast-3.myhuaweicloud.com'], { SMS_CONTRACT_TOKEN: 't' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the base URL must be an absolute http(s) URL, got "sms.ap-southeast-3.myhuaweicloud.com"');
  });

  it('refuses a base URL (flag or environment) without SMS_CONTRACT_TOKEN, and takes no token on the command line', () => {
    for (const run of [refused(['--base-url', 'http://127.0.0.1:1']), refused([], { SMS_CONTRACT_BASE_URL: 'http://127.0.0.1:1' })]) {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('set SMS_CONTRACT_TOKEN to the X-Auth-Token to send to http://127.0.0.1:1');
    }
    expect(refused(['--token', 'secret']).status).toBe(2);
  });

  it('prints its usage with --help and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-cli-'));
    try {
      const run = spawnSync(process.execPath, [cli, '--help', '--junit', 'junit.xml'], { cwd: dir, encoding: 'utf8', env: cleanEnv });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('usage: sms-contract-tests [--base-url <url>]');
      expect(existsSync(join(dir, 'junit.xml'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
