// The code samples of the docs page, run as they are written (the files the build writes beside the
// page) against one sandbox server: curl through bash, the @sms-task/client and Huawei SDK samples as
// ES modules (their TypeScript stripped by esbuild; `lint:types` type-checks the files), the sms-task
// one through the built command. Each sends what the spec says, and the SDK's, refused, prints no
// credential (and would without the line that turns its logger off).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { spec } from '@sms-task/spec';
import { runCommand, scratchFolder } from '@sms-task/test-support';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module of the build
import { actionSampleCalls, CLIENTS } from '../scripts/samples.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));
const samplesDir = join(docsDir, 'dist', 'samples');
// Inside node_modules of this package: the modules resolve the packages by name, as a reader's
// project does, and no tool of the repository looks there.
const folder = scratchFolder(join(docsDir, 'node_modules', '.samples-run'));
const home = mkdtempSync(join(tmpdir(), 'sms-docs-samples-home-'));
const PAIR = { ak: 'SAMPLESAK0000000001', sk: 'samples-secret-key', securityToken: 'samples-security-token-0001' };
const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let server: SandboxServer;
beforeAll(async () => {
  folder.fresh();
  // Permissive: every valid call acts, so each sample's calls all answer 200.
  server = await startSandboxServer({ mode: 'permissive', aksk: PAIR });
});
afterAll(async () => {
  await server?.close();
  folder.remove();
  rmSync(home, { recursive: true, force: true });
});

type Client = { id: string; label: string; file: string };
/** The environment a reader's shell would have, the sandbox as the endpoint; the SDK's home a folder of its own. */
const environment = (taskId: string, overrides: Record<string, string> = {}) => ({
  ...process.env,
  HOME: home,
  PATH: `${join(docsDir, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
  SMS_ENDPOINT: server.url,
  SMS_TOKEN: 'samples-token',
  TASK_ID: taskId,
  HUAWEICLOUD_SDK_AK: PAIR.ak,
  HUAWEICLOUD_SDK_SK: PAIR.sk,
  HUAWEICLOUD_SDK_PROJECT_ID: 'samples-project',
  HUAWEICLOUD_SDK_SECURITY_TOKEN: PAIR.securityToken,
  ...overrides,
});
const source = (operationId: string, client: Client) =>
  readFileSync(join(samplesDir, operationId, client.file), 'utf8');

/** Runs a sample's text as its reader would: bash for the shell ones, node for the TypeScript ones. */
async function run(client: Client, text: string, env: NodeJS.ProcessEnv) {
  const name = `${client.id}-${Math.random().toString(36).slice(2)}`;
  if (client.file.endsWith('.sh')) {
    writeFileSync(folder.path(`${name}.sh`), text);
    return runCommand('bash', [folder.path(`${name}.sh`)], { env });
  }
  const { code } = await transform(text, { loader: 'ts', format: 'esm', target: 'node20' });
  writeFileSync(folder.path(`${name}.mjs`), code);
  return runCommand(process.execPath, [folder.path(`${name}.mjs`)], { env });
}

/** The calls the sandbox got from one run of a sample on a task of its own, in order. */
async function callsOf(client: Client, operationId: string, taskId: string) {
  server.sandbox.setTask(taskId, 'READY');
  const before = server.sandbox.calls().length;
  const result = await run(client, source(operationId, client), environment(taskId));
  expect(result.exitCode, result.output).toBe(0);
  return server.sandbox.calls().slice(before);
}

const credential = (client: Client) => (client.id === 'sdk' ? 'aksk' : 'token');
const OPERATIONS = [spec.operation, spec.read!.operation, spec.list!.operation].map((op) => op.operationId as string);

it('covers every operation of the spec, in every client, on the page and in dist/samples', () => {
  const ids = Object.values(spec.document.paths).flatMap((entry) =>
    Object.values(spec.resolve(entry as Record<string, unknown>)).map(
      (op) => (op as { operationId: string }).operationId,
    ),
  );
  expect(ids.sort()).toEqual([...OPERATIONS].sort());
  const page = readFileSync(join(docsDir, 'dist', 'index.html'), 'utf8');
  for (const operationId of OPERATIONS) {
    for (const client of CLIENTS as Client[]) {
      // The page carries the spec with the samples as JSON strings.
      expect(page, `${operationId} ${client.label}`).toContain(
        JSON.stringify(source(operationId, client)).slice(1, 80),
      );
    }
  }
});

describe.each(CLIENTS as Client[])('the $label samples, run as written', (client) => {
  it.skipIf(client.id === 'curl' && !hasCurl)(
    `the action: one call per body the spec tells apart (${spec.operations.join(', ')})`,
    async () => {
      const taskId = `action-${client.id}`;
      const calls = await callsOf(client, spec.operation.operationId, taskId);
      expect(calls).toEqual(
        (actionSampleCalls() as { operation: string }[]).map((body) => ({
          method: 'POST',
          taskId,
          operation: body.operation,
          body,
          credential: credential(client),
          status: 200,
        })),
      );
    },
  );

  it.skipIf(client.id === 'curl' && !hasCurl)('the task read', async () => {
    const taskId = `read-${client.id}`;
    const calls = await callsOf(client, spec.read!.operation.operationId, taskId);
    expect(calls).toEqual([{ method: 'GET', taskId, body: undefined, credential: credential(client), status: 200 }]);
  });

  it.skipIf(client.id === 'curl' && !hasCurl)('the list read', async () => {
    const calls = await callsOf(client, spec.list!.operation.operationId, `list-${client.id}`);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call).toMatchObject({ method: 'GET', credential: credential(client), status: 200 });
      expect(call.taskId).toBeUndefined();
    }
  });
});

it("turns the SDK's logger off: its refused call prints no credential (without the line, it would)", async () => {
  const sdk = (CLIENTS as Client[]).find((client) => client.id === 'sdk')!;
  const text = source(spec.operation.operationId, sdk);
  const off = /^Logger4jInstance\.level = 'off';\n/m;
  expect(text).toMatch(off);
  // Another secret key: the sandbox refuses the signature (401), and the SDK logs the refusal.
  const env = environment('refused-task', { HUAWEICLOUD_SDK_SK: 'another-secret-key' });
  const [asWritten, withoutTheLine] = await Promise.all([run(sdk, text, env), run(sdk, text.replace(off, ''), env)]);
  const refused = spec.examples.get('gateway_auth_failed')!;
  for (const result of [asWritten, withoutTheLine]) {
    expect(result.exitCode, result.output).toBe(1);
    // CI forces colour (FORCE_COLOR), and console.error colours the status it prints.
    expect(stripVTControlCharacters(result.stderr)).toContain(`${refused.status} ${refused.value.error_code}`);
  }
  for (const secret of [PAIR.securityToken, 'Signature=', 'another-secret-key']) {
    expect(asWritten.output, secret).not.toContain(secret);
  }
  // What the line stops: the request's headers on standard output, the security token among them.
  expect(withoutTheLine.stdout).toContain(PAIR.securityToken);
});
