// The package as strangers get it: `pnpm pack`, installed with npm into a new project, used from
// ESM, CommonJS and TypeScript against a local server, on Node and on Bun and Deno.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packedProject, type PackedProject } from '@sms-task/test-support';
import { json, recordingServer, type TestServer } from './server.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
// The newest TypeScript (7, the native compiler), and below the oldest the README names.
const tsc = join(pkgDir, 'node_modules/typescript7/bin/tsc');
let consumer: PackedProject | undefined;
let project: string;
let server: TestServer;

beforeAll(async () => {
  server = await recordingServer(json(200, {}, { 'x-request-id': 'packed' }));
  consumer = packedProject({ packages: [pkgDir], name: 'client-consumer' });
  project = consumer.dir;
});

afterAll(async () => {
  await server?.close();
  consumer?.remove();
});

// Async: the test server lives in this process and must keep answering while the child runs.
const node = async (file: string) =>
  (await promisify(execFile)(process.execPath, [file], { cwd: project, encoding: 'utf8' })).stdout.trim();

const OLDEST_TYPESCRIPT = '5.4.5';
// Exact versions, fetched from the npm registry by npx (the packages carry the runtimes' binaries).
const RUNTIMES = {
  bun: ['-y', 'bun@1.3.3'],
  deno: ['-y', 'deno@2.5.6', 'run', '--allow-all'],
} as const;
const run = async (runtime: keyof typeof RUNTIMES, file: string) =>
  (
    await promisify(execFile)('npx', [...RUNTIMES[runtime], file], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
  ).stdout.trim();

describe('the packed tarball in a new project', () => {
  it('installs with openapi-fetch as its only dependency', () => {
    const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: project, encoding: 'utf8' }));
    const client = tree.dependencies['@sms-task/client'];
    expect(Object.keys(client.dependencies ?? {})).toEqual(['openapi-fetch']);
  });

  it('works from ESM', async () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { createSmsClient, SmsValidationError } from '@sms-task/client';
const sms = createSmsClient({ endpoint: ${JSON.stringify(server.url)}, auth: { token: 't' } });
const r = await sms.tasks.start('id');
let refused = false;
try { await sms.tasks.start('x'.repeat(37)); } catch (e) { refused = e instanceof SmsValidationError; }
console.log(JSON.stringify({ ...r, refused }));`,
    );
    expect(JSON.parse(await node('esm.mjs'))).toEqual({
      data: {},
      status: 200,
      requestId: 'packed',
      attempts: 1,
      refused: true,
    });
  });

  it('works from CommonJS', async () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const { createSmsClient, REGIONS } = require('@sms-task/client');
const { akskAuth } = require('@sms-task/client/aksk');
createSmsClient({ endpoint: ${JSON.stringify(server.url)}, auth: akskAuth({ ak: 'AK', sk: 'SK' }) })
  .tasks.cloneTest('id', { template_id: 't' })
  .then((r) => console.log(JSON.stringify({ status: r.status, regions: Object.keys(REGIONS).length })));`,
    );
    expect(JSON.parse(await node('cjs.cjs'))).toEqual({ status: 200, regions: 6 });
    expect(server.requests.at(-1)!.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
  });

  it('shares one set of error classes between the main and the AK/SK entries, in ESM and CommonJS', async () => {
    const probe = (load: string) => `${load}
let shared = false;
try { akskAuth({ ak: 'AK', sk: '' }); } catch (e) { shared = e instanceof SmsAuthError && e instanceof SmsError; }
console.log(JSON.stringify({ shared }));`;
    writeFileSync(
      join(project, 'shared.mjs'),
      probe(
        `import { SmsAuthError, SmsError } from '@sms-task/client';\nimport { akskAuth } from '@sms-task/client/aksk';`,
      ),
    );
    writeFileSync(
      join(project, 'shared.cjs'),
      probe(
        `const { SmsAuthError, SmsError } = require('@sms-task/client');\nconst { akskAuth } = require('@sms-task/client/aksk');`,
      ),
    );
    expect(JSON.parse(await node('shared.mjs'))).toEqual({ shared: true });
    expect(JSON.parse(await node('shared.cjs'))).toEqual({ shared: true });
  });

  it('signs with AK/SK from ESM through @sms-task/client/aksk', async () => {
    writeFileSync(
      join(project, 'aksk.mjs'),
      `import { createSmsClient } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
const auth = akskAuth({ ak: 'ESMAK', sk: 'SK', domainId: 'd' });
const r = await createSmsClient({ endpoint: ${JSON.stringify(server.url)}, auth }).tasks.stop('id');
console.log(JSON.stringify({ status: r.status }));`,
    );
    expect(JSON.parse(await node('aksk.mjs'))).toEqual({ status: 200 });
    expect(server.requests.at(-1)!.headers).toMatchObject({
      'x-domain-id': 'd',
      authorization: expect.stringMatching(/^SDK-HMAC-SHA256 Access=ESMAK, /),
    });
  });

  it('type-checks a TypeScript consumer on TypeScript 7.0 and 5.4 (the oldest supported), refusing clone_test without template_id', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          // The packages' declarations are checked (skipLibCheck off); TypeScript's own lib files are
          // not: checking lib.dom.d.ts again was half of each compiler's time.
          skipLibCheck: false,
          skipDefaultLibCheck: true,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    );
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { createSmsClient, type TaskActionResult } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
const sms = createSmsClient({ region: 'ap-southeast-3', auth: { token: 't' } });
export const signed = createSmsClient({ region: 'ap-southeast-3', auth: akskAuth({ ak: 'a', sk: 's' }) });
// @ts-expect-error AK/SK goes through akskAuth()
createSmsClient({ region: 'ap-southeast-3', auth: { ak: 'a', sk: 's' } });
export const ok: Promise<TaskActionResult> = sms.tasks.cloneTest('id', { template_id: 'tpl' });
// @ts-expect-error template_id is required
export const bad = sms.tasks.cloneTest('id', {});
`,
    );
    const check = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
    // The oldest TypeScript the README names: openapi-fetch's declarations need 5.4 without skipLibCheck.
    const oldest = spawnSync('npx', ['-y', '-p', `typescript@${OLDEST_TYPESCRIPT}`, 'tsc', '-p', project], {
      // In the project: npx started in the workspace reads its whole node_modules tree first.
      cwd: project,
      encoding: 'utf8',
    });
    expect(oldest.stdout + oldest.stderr).toBe('');
    expect(oldest.status).toBe(0);
  });
});

describe.each(Object.keys(RUNTIMES) as (keyof typeof RUNTIMES)[])('the packed tarball on %s', (runtime) => {
  it('resolves the fetch and Web Crypto build (its own export condition), not the node:http one', async () => {
    writeFileSync(
      join(project, 'resolve.mjs'),
      `const entries = [import.meta.resolve('@sms-task/client'), import.meta.resolve('@sms-task/client/aksk')];
console.log(JSON.stringify(entries.map((u) => u.split('/dist/')[1])));`,
    );
    expect(JSON.parse(await run(runtime, 'resolve.mjs'))).toEqual(['index.js', 'aksk.js']);
  });

  it('calls with a token and with AK/SK, refuses bad input, times out, and redacts an echoed token', async () => {
    server.always((req, res, recorded) => {
      if (recorded.url.includes('/hang/')) return;
      if (recorded.url.includes('/echo/'))
        return json(400, { error_code: 'SMS.1', error_msg: `bad ${req.headers['x-auth-token']}` })(req, res, recorded);
      json(200, {}, { 'x-request-id': 'packed' })(req, res, recorded);
    });
    try {
      writeFileSync(
        join(project, 'runtime.mjs'),
        `import { createSmsClient } from '@sms-task/client';
import { akskAuth } from '@sms-task/client/aksk';
const endpoint = ${JSON.stringify(server.url)};
const outcome = (p) => p.then((r) => ({ status: r.status, requestId: r.requestId }), (e) => ({ name: e.name, message: e.message }));
const sms = createSmsClient({ endpoint, auth: { token: 'runtime-token-0123456789' } });
console.log(JSON.stringify({
  token: await outcome(sms.tasks.cloneTest('id', { template_id: 'tpl' })),
  aksk: await outcome(createSmsClient({ endpoint, auth: akskAuth({ ak: 'RUNTIMEAK', sk: 'SK', domainId: 'd' }) }).tasks.stop('id')),
  invalid: await outcome(sms.tasks.cloneTest('id', {})),
  timeout: await outcome(sms.tasks.stop('hang', undefined, { timeoutMs: 200 })),
  echoed: await outcome(sms.tasks.stop('echo')),
}));`,
      );
      expect(JSON.parse(await run(runtime, 'runtime.mjs'))).toEqual({
        token: { status: 200, requestId: 'packed' },
        aksk: { status: 200, requestId: 'packed' },
        invalid: { name: 'SmsValidationError', message: 'template_id: is required when operation is clone_test' },
        timeout: { name: 'SmsTimeoutError', message: 'no answer within 200 ms; the server may have acted' },
        echoed: { name: 'SmsApiError', message: 'SMS API 400 SMS.1: bad [redacted]' },
      });
      const signed = server.requests.find((r) => r.headers.authorization?.includes('RUNTIMEAK'));
      expect(signed?.headers).toMatchObject({
        'x-domain-id': 'd',
        'x-sdk-date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      });
    } finally {
      server.always(json(200, {}, { 'x-request-id': 'packed' }));
    }
  });
});
