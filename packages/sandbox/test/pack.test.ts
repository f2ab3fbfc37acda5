// The package as strangers get it: packed with the client it depends on, installed with npm into a
// new project, used in process (no port) and as the sms-sandbox server; without msw (an optional
// peer) the main entry still loads; with msw and the official SDK from the registry, its MSW
// handlers serve both.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PackedProject, packedProject, runCommand, spawnUntilLine } from '@sms-task/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example } from './spec.js';

const here = fileURLToPath(new URL('..', import.meta.url));
let project: PackedProject;

beforeAll(() => {
  project = packedProject({ packages: [here, join(here, '../client')], name: 'sandbox-consumer' });
});
afterAll(() => project?.remove());

/** Runs a script of the project with node: what it printed on stdout. */
async function runScript(file: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const run = await runCommand(process.execPath, [file], { cwd: project.dir, env });
  expect(run.exitCode, run.stderr).toBe(0);
  return run.stdout;
}

describe('the packed tarball in a new project', () => {
  it('runs in process: a state error through the client, and the task with its history', async () => {
    writeFileSync(
      project.path('in-process.mjs'),
      `import { createSandbox } from '@sms-task/sandbox';
import { createSmsClient } from '@sms-task/client';
const sandbox = createSandbox({ tasks: [{ id: 'task-1', state: 'ABORT' }] });
const sms = createSmsClient({ endpoint: sandbox.url, fetch: sandbox.fetch, auth: { token: 't' } });
const refused = await sms.tasks.stop('task-1').catch((error) => error.errorCode);
const started = await sms.tasks.start('task-1');
const { state, history } = sandbox.task('task-1');
console.log(JSON.stringify({ refused, status: started.status, state, calls: history.length }));`,
    );
    expect(JSON.parse(await runScript('in-process.mjs'))).toEqual({
      refused: 'SMS.1038',
      status: 200,
      state: 'RUNNING',
      calls: 2,
    });
  });

  it('is installed without msw (an optional peer), and its main entry loads without it', async () => {
    expect(existsSync(project.path('node_modules/msw'))).toBe(false);
    writeFileSync(
      project.path('no-msw.mjs'),
      `const sandbox = await import('@sms-task/sandbox');
const msw = await import('@sms-task/sandbox/msw').then(() => 'loaded', (error) => error.code + ' ' + error.message);
console.log(JSON.stringify({ main: typeof sandbox.createSandbox, msw }));`,
    );
    const { main, msw } = JSON.parse(await runScript('no-msw.mjs'));
    expect(main).toBe('function');
    // Only the MSW entry needs msw, and says so.
    expect(msw).toMatch(/^ERR_MODULE_NOT_FOUND Cannot find package 'msw'/);
  });

  it('runs as the sms-sandbox server', async () => {
    const seed = project.path('seed.json');
    writeFileSync(seed, JSON.stringify({ tasks: [{ id: 'task-1', state: 'RUNNING' }] }));
    const { child, match, exited } = await spawnUntilLine(
      project.path('node_modules/.bin/sms-sandbox'),
      ['--port', '0', '--seed', seed],
      { ready: /listening on (\S+)/ },
    );
    try {
      const post = () =>
        fetch(`${match[1]}/v3/tasks/task-1/action`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
          body: '{"operation":"stop"}',
        });
      expect((await post()).status).toBe(200);
      expect(await (await post()).json()).toMatchObject({ error_code: 'SMS.1038' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});

/** The version of a package this one was tested with (its devDependency), for the consumer to install. */
const installed = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(import.meta.resolve(`${name}/package.json`)), 'utf8')).version as string;

describe('the packed tarball with msw and the official SDK from the registry', () => {
  beforeAll(() => {
    // The SDK requires uuid without declaring it.
    const wanted = ['msw', '@huaweicloud/huaweicloud-sdk-core', 'uuid'].map((name) => `${name}@${installed(name)}`);
    execFileSync('npm', ['install', ...wanted, '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: project.dir,
      stdio: 'pipe',
    });
  });

  it("serves the client's default transport and the official SDK through setupServer(...handlersFor(sandbox))", async () => {
    writeFileSync(
      project.path('msw.mjs'),
      `import { createSandbox } from '@sms-task/sandbox';
import { handlersFor } from '@sms-task/sandbox/msw';
import { createSmsClient, REGIONS } from '@sms-task/client';
import { setupServer } from 'msw/node';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js';

const pair = { ak: 'PACKEDAK0001', sk: 'packed-secret-key' };
const sandbox = createSandbox({ tasks: [{ id: 'task-1', state: 'READY' }, { id: 'task-2', state: 'ABORT' }], aksk: pair });
const server = setupServer(...handlersFor(sandbox));
server.listen({ onUnhandledRequest: 'error' });
const [region, endpoint] = Object.entries(REGIONS)[0];

const sms = createSmsClient({ region, auth: { token: 'any' } });
const started = (await sms.tasks.start('task-1')).status;
const refused = await sms.tasks.stop('task-2').then(() => 'resolved', (error) => error.errorCode);

const sdk = new ClientBuilder((client) => client)
  .withCredential(new BasicCredentials().withAk(pair.ak).withSk(pair.sk).withProjectId('project-1'))
  .withEndpoint(endpoint)
  .build();
const sdkRefused = await sdk
  .sendRequest({
    method: 'POST',
    url: '/v3/tasks/{task_id}/action',
    contentType: 'application/json',
    queryParams: {},
    pathParams: { task_id: 'task-2' },
    headers: { 'Content-Type': 'application/json' },
    data: { operation: 'stop' },
    responseHeaders: [''],
  })
  .then(() => 'resolved', (error) => [error.constructor.name, error.httpStatusCode, error.errorCode].join(' '));
server.close();
// The SDK logs each call on stdout: the result goes on a line of its own.
const calls = sandbox.calls().map((c) => c.credential + ' ' + c.status);
console.log('RESULT ' + JSON.stringify({ started, refused, sdkRefused, calls }));`,
    );
    // The SDK writes ~/.huaweicloud/application_id: a home of its own, inside the project.
    const stdout = await runScript('msw.mjs', { ...process.env, HOME: project.dir });
    const { status, value } = example('cannot_pause');
    expect(JSON.parse(/^RESULT (.*)$/m.exec(stdout)?.[1] ?? stdout)).toEqual({
      started: 200,
      refused: value.error_code,
      sdkRefused: `ClientRequestException ${status} ${value.error_code}`,
      calls: ['token 200', 'token 400', `aksk ${status}`],
    });
  });
});
