// The package as strangers get it: packed with the client it depends on, installed with npm into a
// new project, used in process (no port) and as the sms-sandbox server.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sms-sandbox-consumer-'));
  for (const dir of [here, join(here, '../client')]) {
    execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: dir, stdio: 'pipe' });
  }
  const tarballs = readdirSync(project).filter((file) => file.endsWith('.tgz'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', ...tarballs.map((t) => `./${t}`), '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: project,
    stdio: 'pipe',
  });
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed tarball in a new project', () => {
  it('runs in process: a state error through the client, and the task with its history', async () => {
    writeFileSync(
      join(project, 'in-process.mjs'),
      `import { createSandbox } from '@sms-task/sandbox';
import { createSmsClient } from '@sms-task/client';
const sandbox = createSandbox({ tasks: [{ id: 'task-1', state: 'ABORT' }] });
const sms = createSmsClient({ endpoint: sandbox.url, fetch: sandbox.fetch, auth: { token: 't' } });
const refused = await sms.tasks.stop('task-1').catch((error) => error.errorCode);
const started = await sms.tasks.start('task-1');
const { state, history } = sandbox.task('task-1');
console.log(JSON.stringify({ refused, status: started.status, state, calls: history.length }));`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['in-process.mjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ refused: 'SMS.1038', status: 200, state: 'RUNNING', calls: 2 });
  });

  it('runs as the sms-sandbox server', async () => {
    const seed = join(project, 'seed.json');
    writeFileSync(seed, JSON.stringify({ tasks: [{ id: 'task-1', state: 'RUNNING' }] }));
    const child = spawn(join(project, 'node_modules/.bin/sms-sandbox'), ['--port', '0', '--seed', seed], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const url = /listening on (\S+)/.exec(line)![1]!;
      const post = () =>
        fetch(`${url}/v3/tasks/task-1/action`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-auth-token': 't' },
          body: '{"operation":"stop"}',
        });
      expect((await post()).status).toBe(200);
      expect(await (await post()).json()).toMatchObject({ error_code: 'SMS.1038' });
    } finally {
      child.kill('SIGTERM');
    }
    expect((await once(child, 'exit'))[0]).toBe(0);
  });
});
