// `sms-contract-tests`, the command that runs the shipped suite: an endpoint that is down ends it at
// once; bad arguments end it with the reason and exit 2 before anything runs. (Its run against the
// mock it starts, installed from the tarball, is in pack.test.ts; its runs against endpoints that
// break the contract are in self-check.test.ts.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { akskAuth } from '@sms-task/client/aksk';
import { closedPort, type CommandRun, type RecordingServer, recordingServer, runCommand } from '@sms-task/test-support';
import { CREDENTIALS_NEEDED } from '../suite/endpoint-credentials.js';
import { type PrismProcess, startPrism } from '../src/prism.js';
import { listServer } from './list-server.js';

const cli = fileURLToPath(new URL('../dist/suite-cli.js', import.meta.url));
const {
  CI: _ci,
  SMS_CONTRACT_BASE_URL: _url,
  SMS_CONTRACT_TOKEN: _token,
  HUAWEICLOUD_SDK_AK: _ak,
  HUAWEICLOUD_SDK_SK: _sk,
  HUAWEICLOUD_SDK_DOMAIN_ID: _domain,
  HUAWEICLOUD_SDK_SECURITY_TOKEN: _securityToken,
  ...cleanEnv
} = process.env;
const refused = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...cleanEnv, ...env } });
/** For runs that talk to a server in this process. */
const runAsync = (args: string[], env: Record<string, string> = {}) =>
  runCommand(process.execPath, [cli, ...args], { env: { ...cleanEnv, ...env, NO_COLOR: '1' } });

describe('sms-contract-tests', () => {
  const probeFailure = (url: string, reason: string) =>
    `${url} did not answer a probe (POST ${url}/v3/tasks/contract-probe/action without credentials): ${reason}.`;

  it('ends at once, with one reason, when the endpoint refuses connections', async () => {
    const closed = await closedPort();
    try {
      // The default probe timeout (10 s): the refusal is an event, and it comes long before.
      const run = await runAsync(['--base-url', closed.url], { SMS_CONTRACT_TOKEN: 'probe-secret-token-0123' });
      expect(run.exitCode).toBe(1);
      expect(run.output).toContain(probeFailure(closed.url, 'ECONNREFUSED'));
      expect(run.output).not.toContain('probe-secret-token-0123');
    } finally {
      closed.release();
    }
  });

  it('ends after SMS_CONTRACT_PROBE_TIMEOUT_MS, with one reason, when the endpoint never answers', async () => {
    const silent = await recordingServer(() => {});
    try {
      const { url } = silent;
      const run = await runAsync(['--base-url', url], {
        SMS_CONTRACT_TOKEN: 'probe-secret-token-0123',
        SMS_CONTRACT_PROBE_TIMEOUT_MS: '1000',
      });
      expect(run.exitCode).toBe(1);
      expect(run.output).toContain(probeFailure(url, 'no answer within 1000 ms'));
      expect(run.output).not.toContain('probe-secret-token-0123');
    } finally {
      await silent.close();
    }
  });

  it("says how to trust a private CA when the endpoint's certificate is not trusted, and gets through once it is", async () => {
    const fixtures = new URL('../../client/test/fixtures/', import.meta.url);
    const tls = createHttpsServer(
      {
        key: readFileSync(new URL('localhost-key.pem', fixtures)),
        cert: readFileSync(new URL('localhost-cert.pem', fixtures)),
      },
      (req, res) => {
        req.resume();
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error_code":"APIGW.0301","error_msg":"no token"}');
      },
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://localhost:${(tls.address() as AddressInfo).port}`;
      const untrusted = await runAsync(['--base-url', url], { SMS_CONTRACT_TOKEN: 't' });
      expect(untrusted.exitCode).toBe(1);
      expect(untrusted.output).toContain(
        `${probeFailure(url, 'DEPTH_ZERO_SELF_SIGNED_CERT')} ` +
          'Its TLS certificate is not trusted: for a private CA, set NODE_EXTRA_CA_CERTS to its PEM file.',
      );
      // Trusted, the probe gets its answer and the suite runs (and fails: this server refuses everything);
      // one part of it is enough to show that.
      const trusted = await runAsync(['--base-url', url, 'contract'], {
        SMS_CONTRACT_TOKEN: 't',
        NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('localhost-cert.pem', fixtures)),
      });
      expect(trusted.output).not.toContain('did not answer a probe');
      expect(trusted.output).toMatch(/Tests .*\d+ failed/);
    } finally {
      tls.closeAllConnections();
      tls.close();
    }
  });

  it('refuses a probe timeout that is not a whole number of ms', async () => {
    const run = await runAsync(['--base-url', 'http://127.0.0.1:1'], {
      SMS_CONTRACT_TOKEN: 't',
      SMS_CONTRACT_PROBE_TIMEOUT_MS: '10s',
    });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('SMS_CONTRACT_PROBE_TIMEOUT_MS must be a whole number of ms above 0, got "10s"');
  });

  describe('with AK/SK credentials (HUAWEICLOUD_SDK_AK and _SK, no token)', () => {
    const AKSK = {
      HUAWEICLOUD_SDK_AK: 'CONTRACTCLIAK',
      HUAWEICLOUD_SDK_SK: 'contract-cli-secret-key',
      HUAWEICLOUD_SDK_DOMAIN_ID: 'domain-1',
    };
    // One run serves both tests: the suite against a Prism mock, run as an endpoint, through a
    // server that records every request and forwards it there (path, headers and body as they came).
    // Prism keeps no tasks, so the list's page comes from that server, paged and filtered as the
    // spec says (list-server.ts): an endpoint is held to that.
    let prism: PrismProcess | undefined;
    let recorder: RecordingServer | undefined;
    let run: CommandRun;
    let report: { numFailedTests: number; numPassedTests: number };
    beforeAll(async () => {
      prism = await startPrism({ errors: true });
      recorder = await recordingServer(listServer(prism.url));
      const dir = mkdtempSync(join(tmpdir(), 'contract-cli-'));
      try {
        run = await runAsync(['--base-url', recorder.url, '--json', join(dir, 'report.json')], AKSK);
        report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    afterAll(async () => {
      await recorder?.close();
      await prism?.stop();
    });

    it('passes against an endpoint that honours the contract (a Prism mock, run as an endpoint)', () => {
      expect(run.exitCode, run.output).toBe(0);
      expect(report.numFailedTests).toBe(0);
      expect(report.numPassedTests).toBeGreaterThanOrEqual(25);
      expect(run.output).not.toContain(AKSK.HUAWEICLOUD_SDK_SK);
    });

    it('signs every request it means to authenticate, exactly as the client signs, and sends no token', async () => {
      const seen = recorder!.requests;
      const base = recorder!.url;
      const signer = akskAuth({
        ak: AKSK.HUAWEICLOUD_SDK_AK,
        sk: AKSK.HUAWEICLOUD_SDK_SK,
        domainId: 'domain-1',
      }) as unknown as {
        sign(
          request: { method: string; url: string; headers: Record<string, string>; body: string },
          now: Date,
        ): Promise<Record<string, string>>;
      };
      const signed = seen.filter((r) => r.headers.authorization);
      // The probe, and the three rejection tests about credentials (two of the action, one of the list), carry none.
      expect(seen.length - signed.length).toBe(4);
      expect(signed.length).toBeGreaterThanOrEqual(25);
      for (const r of signed) {
        expect(r.headers['x-auth-token'], r.url).toBeUndefined();
        const date = r.headers['x-sdk-date'] as string;
        const at = new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
        const expected = await signer.sign(
          {
            method: r.method,
            url: `${base}${r.url}`,
            headers: r.headers['content-type'] ? { 'content-type': r.headers['content-type'] } : {},
            body: r.body,
          },
          at,
        );
        expect(r.headers.authorization, `${r.url} ${r.body.slice(0, 60)}`).toBe(expected.Authorization);
        expect(r.headers['x-domain-id']).toBe('domain-1');
      }
    });
  });

  it('refuses an unknown option', () => {
    const run = refused(['--endpoint', 'http://127.0.0.1:1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^sms-contract-tests: Unknown option '--endpoint'/);
    expect(run.stderr).toContain('usage: sms-contract-tests');
  });

  it('refuses a part the suite does not have, naming the parts it has', () => {
    const run = refused(['contracts']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no part "contracts" in the suite: use ');
    expect(run.stderr).toContain('list-read');
  });

  it('refuses a base URL that is not absolute http(s)', () => {
    const run = refused(['--base-url', 'sms.ap-southeast-3.myhuaweicloud.com'], { SMS_CONTRACT_TOKEN: 't' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'the base URL must be an absolute http(s) URL, got "sms.ap-southeast-3.myhuaweicloud.com"',
    );
  });

  it('refuses a base URL (flag or environment) without credentials in the environment, and takes none on the command line', () => {
    const runs = [
      refused(['--base-url', 'http://127.0.0.1:1']),
      refused([], { SMS_CONTRACT_BASE_URL: 'http://127.0.0.1:1' }),
    ];
    for (const run of runs) {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`http://127.0.0.1:1: ${CREDENTIALS_NEEDED}`);
    }
    // Half a pair, read as the client reads the official SDKs' variables: the missing one is named.
    const half = refused(['--base-url', 'http://127.0.0.1:1'], { HUAWEICLOUD_SDK_AK: 'HALF-PAIR-AK' });
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(
      /^sms-contract-tests: http:\/\/127\.0\.0\.1:1: .*HUAWEICLOUD_SDK_SK is not set, but HUAWEICLOUD_SDK_AK is/,
    );
    expect(half.stderr).not.toContain('HALF-PAIR-AK');
    expect(refused(['--token', 'secret']).status).toBe(2);
  });

  it('prints its name and the package version with --version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const run = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8', env: cleanEnv });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`sms-contract-tests ${version}\n`);
  });

  it('prints its usage with --help and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-cli-'));
    try {
      const run = spawnSync(process.execPath, [cli, '--help', '--junit', 'junit.xml'], {
        cwd: dir,
        encoding: 'utf8',
        env: cleanEnv,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('usage: sms-contract-tests [--base-url <url>]');
      expect(existsSync(join(dir, 'junit.xml'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
