// The package as a team gets it from npm: `pnpm pack` (with the client it depends on), installed
// with npm into a new project with no repository around it. The suite, the launcher and the proxy
// need the spec, which ships in dist/: the YAML Prism reads, and the document the bundler inlined.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packedProject, type PackedProject } from '@sms-task/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let packed: PackedProject;
let project: string;

beforeAll(() => {
  packed = packedProject({
    name: 'contract-consumer',
    packages: [fileURLToPath(new URL('../../client', import.meta.url)), fileURLToPath(new URL('..', import.meta.url))],
  });
  project = packed.dir;
});

afterAll(() => packed?.remove());

describe('the packed contract-tests in a new project', () => {
  it("ships the spec bundled into one file and the suite, not the package's tests of itself", () => {
    const files = execFileSync(
      'tar',
      ['tzf', join(project, readdirSync(project).find((f) => f.startsWith('sms-task-contract-tests'))!)],
      { encoding: 'utf8' },
    ).split('\n');
    expect(files).toContain('package/dist/openapi.yaml');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/suite/contract.test.ts',
        'package/suite/agreement.test.ts',
        'package/suite/list-read.test.ts',
        'package/suite/vitest.config.ts',
        'package/dist/suite-cli.js',
      ]),
    );
    expect(files.filter((f) => f.startsWith('package/test/'))).toEqual([]);
  });

  it('runs the shipped suite with the sms-contract-tests command, against a mock it starts, and writes the reports asked for', () => {
    const { CI: _ci, SMS_CONTRACT_BASE_URL: _url, ...env } = process.env;
    const run = spawnSync(
      join(project, 'node_modules/.bin/sms-contract-tests'),
      ['--json', 'out/report.json', '--junit', 'junit.xml'],
      { cwd: project, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 120_000 },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(project, 'out/report.json'), 'utf8')) as {
      numFailedTests: number;
      numPassedTests: number;
      numPendingTests: number;
    };
    expect(report).toMatchObject({ numFailedTests: 0, numPendingTests: 0 });
    expect(report.numPassedTests).toBeGreaterThanOrEqual(30);
    const junit = readFileSync(join(project, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(report.numPassedTests);
    expect(junit).not.toContain('<failure');
  });

  it('starts a Prism mock of the spec with startPrism(), which answers a start with 200 {}', () => {
    writeFileSync(
      join(project, 'mock.mjs'),
      `import { startPrism } from '@sms-task/contract-tests/prism';
const prism = await startPrism();
try {
  const res = await fetch(prism.url + '/v3/tasks/7a9a9540-ff28-4869-b9e4-855fbe12xxxx/action', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
    body: '{"operation":"start"}',
  });
  console.log(JSON.stringify({ status: res.status, body: await res.json() }));
} finally {
  await prism.stop();
}`,
    );
    const { status, stdout, stderr } = spawnSync(process.execPath, ['mock.mjs'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ status: 200, body: {} });
  });

  it('installs the sms-contract-proxy command', () => {
    const { status, stdout } = spawnSync(join(project, 'node_modules/.bin/sms-contract-proxy'), ['--help'], {
      encoding: 'utf8',
    });
    expect(status).toBe(0);
    expect(stdout).toContain('usage: sms-contract-proxy --upstream <url>');
  });

  it('installs commands that tell the installed version', () => {
    const { version } = JSON.parse(
      readFileSync(join(project, 'node_modules/@sms-task/contract-tests/package.json'), 'utf8'),
    ) as { version: string };
    for (const command of ['sms-contract-tests', 'sms-contract-proxy']) {
      const { status, stdout } = spawnSync(join(project, 'node_modules/.bin', command), ['--version'], {
        encoding: 'utf8',
      });
      expect(status).toBe(0);
      expect(stdout).toBe(`${command} ${version}\n`);
    }
  });
});
