// The mocking libraries consumers test with intercept the client's default Node transport: MSW 2
// (`setupServer`) and nock, from ESM and from CommonJS, on Node 20, 22 and 24. Each runs in a new
// project that installed the packed tarball and the libraries from the npm registry (the CommonJS
// one is a copy of the module one's install), and loads the client before the library, as a test
// file that imports the code under test does. The client's endpoint is a real local server that
// records what reaches it: nothing may.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spec } from '@sms-task/spec';
import { copiedProject, packedProject, type PackedProject } from '@sms-task/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingServer, type TestServer } from './server.js';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));

// Exact versions. nock 15.0.1+ needs Node 22 (its @mswjs/interceptors 0.44 fails every request on
// Node 20), so Node 20 runs 15.0.0, installed beside the newest under an npm alias.
const MSW = '2.15.0';
const NOCK = '15.0.6';
const NOCK_NODE_20 = '15.0.0';
const LIBRARY_SPECS = [`msw@${MSW}`, `nock@${NOCK}`, `nock-node20@npm:nock@${NOCK_NODE_20}`];
const NODES = [20, 22, 24] as const;
const SYSTEMS = ['module', 'commonjs'] as const;
const LIBRARIES = ['msw', 'nock'] as const;
type System = (typeof SYSTEMS)[number];
type Library = (typeof LIBRARIES)[number];

const TOKEN = 'consumer-token-5d7e1f0a';
// The spec's example of a stop the task's state refuses.
const refusal = spec.examples.get('cannot_pause')!;

// What each script does once its library is set up: a call the handler answers 200, one it answers
// with the spec's 400, and one to a URL no handler matches (the recording server's, under another path).
const CALLS = `
const sms = createSmsClient({ endpoint, auth: { token }, retry: false });
const outcome = (p) => p.then(
  (r) => ({ status: r.status, requestId: r.requestId, attempts: r.attempts }),
  (e) => ({ name: e.name, apiError: e instanceof SmsApiError, status: e.status, errorCode: e.errorCode }),
);
const result = {
  ok: await outcome(sms.tasks.cloneTest('task-1', { template_id: 'tpl-1' })),
  refused: await outcome(sms.tasks.stop('refused')),
  unmatched: await outcome(
    createSmsClient({ endpoint: endpoint + '/unmatched', auth: { token }, retry: false }).tasks.start('task-2'),
  ),
  seen,
};
stop();
console.log(JSON.stringify(result));`;

const SETUP: Record<Library, string> = {
  msw: `
const server = setupServer(
  http.post(endpoint + '/v3/tasks/:id/action', async ({ request, params }) => {
    seen.push({ id: params.id, token: request.headers.get('x-auth-token'), body: await request.json() });
    return params.id === 'refused'
      ? HttpResponse.json(example.value, { status: example.status })
      : HttpResponse.json({}, { headers: { 'x-request-id': 'mocked' } });
  }),
);
server.listen({ onUnhandledRequest: 'error' });
const stop = () => server.close();`,
  // nock 15 hands a reply function the request as a fetch Request.
  nock: `
nock.disableNetConnect();
nock(endpoint)
  .persist()
  .post(/^\\/v3\\/tasks\\/[^/]+\\/action$/)
  .reply(async (request) => {
    const id = new URL(request.url).pathname.split('/')[3];
    seen.push({ id, token: request.headers.get('x-auth-token'), body: await request.json() });
    return id === 'refused' ? [example.status, example.value] : [200, {}, { 'x-request-id': 'mocked' }];
  });
const stop = () => (nock.cleanAll(), nock.restore());`,
};

/** The script of one case, in the project's module system: the client is loaded first. */
function script(system: System, library: Library): string {
  const context =
    'const { endpoint, token, example, nockModule } = JSON.parse(process.env.SMS_CASE);\nconst seen = [];';
  if (system === 'module') {
    const load =
      library === 'msw'
        ? "import { setupServer } from 'msw/node';\nimport { http, HttpResponse } from 'msw';"
        : 'const { default: nock } = await import(nockModule);';
    return `import { createSmsClient, SmsApiError } from '@sms-task/client';
${library === 'msw' ? load : ''}
${context}
${library === 'nock' ? load : ''}
${SETUP[library]}
${CALLS}`;
  }
  const load =
    library === 'msw'
      ? "const { setupServer } = require('msw/node');\nconst { http, HttpResponse } = require('msw');"
      : // nock 15.0.1+ is an ES module: require() gives its namespace.
        'const nockExports = require(nockModule);\nconst nock = nockExports.default ?? nockExports;';
  return `const { createSmsClient, SmsApiError } = require('@sms-task/client');
${context}
${load}
(async () => {
${SETUP[library]}
${CALLS}
})();`;
}

const projects = {} as Record<System, PackedProject>;
const binaries = new Map<number, string>();
let server: TestServer;

/**
 * The node binary of a major version: this one, the one CI resolved for its own Node 22/24 runs
 * (SMS_NODE_22, SMS_NODE_24), or the one npx keeps.
 */
async function nodeBinary(major: number): Promise<string> {
  if (major === Number(process.versions.node.split('.')[0])) return process.execPath;
  const resolved = process.env[`SMS_NODE_${major}`];
  if (resolved) return resolved;
  const { stdout } = await run('npx', ['-y', `node@${major}`, '-p', 'process.execPath']);
  return stdout.trim();
}

beforeAll(async () => {
  server = await recordingServer();
  // One project per module system, used by every Node version, with the libraries from the registry:
  // one npm install, copied for the other system.
  projects.module = packedProject({ packages: [pkgDir], name: 'client-module', add: LIBRARY_SPECS });
  projects.commonjs = copiedProject(projects.module, { name: 'client-commonjs', module: false });
  for (const system of SYSTEMS)
    for (const library of LIBRARIES)
      writeFileSync(
        projects[system].path(`${library}.${system === 'module' ? 'mjs' : 'cjs'}`),
        script(system, library),
      );
  for (const major of NODES) binaries.set(major, await nodeBinary(major));
});

afterAll(async () => {
  await server?.close();
  for (const project of Object.values(projects)) project.remove();
});

describe.each(NODES)('on Node %i', (major) => {
  it('runs that Node', async () => {
    const { stdout } = await run(binaries.get(major)!, ['-p', 'process.versions.node']);
    expect(stdout.trim().split('.')[0]).toBe(String(major));
  });

  describe.each(SYSTEMS)('in a %s project', (system) => {
    it.each(LIBRARIES)(
      '%s intercepts the default transport: 200, the spec 400, token and body seen, unmatched refused',
      async (library) => {
        const nockModule = major === 20 ? 'nock-node20' : 'nock';
        const file = `${library}.${system === 'module' ? 'mjs' : 'cjs'}`;
        const before = server.requests.length;
        const { stdout } = await run(binaries.get(major)!, [file], {
          cwd: projects[system].dir,
          env: {
            ...process.env,
            SMS_CASE: JSON.stringify({ endpoint: server.url, token: TOKEN, example: refusal, nockModule }),
          },
        });
        expect(JSON.parse(stdout)).toEqual({
          ok: { status: 200, requestId: 'mocked', attempts: 1 },
          refused: { name: 'SmsApiError', apiError: true, status: refusal.status, errorCode: refusal.value.error_code },
          // The library refused the call itself: MSW fails it, nock answers 501 ERR_NOCK_NO_MATCH.
          unmatched:
            library === 'msw'
              ? { name: 'SmsNetworkError', apiError: false }
              : { name: 'SmsApiError', apiError: true, status: 501 },
          seen: [
            { id: 'task-1', token: TOKEN, body: { operation: 'clone_test', template_id: 'tpl-1' } },
            { id: 'refused', token: TOKEN, body: { operation: 'stop' } },
          ],
        });
        // Not one request of the three, the unmatched one included, reached the real endpoint.
        expect(server.requests.length - before).toBe(0);
      },
    );
  });
});
