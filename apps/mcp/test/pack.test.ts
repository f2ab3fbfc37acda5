// The package as strangers get it: packed, installed with npm into a new project (it brings no
// dependencies: the server is one bundle), launched by the SDK's Client over stdio, through its bin
// on this Node and on Node 22 and 24 (SMS_NODE_22, SMS_NODE_24: the binaries CI finds with npx).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { type PackedProject, packedProject, runCommand } from '@sms-task/test-support';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
let project: PackedProject;
let server: SandboxServer;

beforeAll(async () => {
  server = await startSandboxServer({ tasks: [{ id: 'task-1', state: 'RUNNING' }] });
  project = packedProject({ packages: [here], name: 'mcp-consumer' });
});
afterAll(async () => {
  await server?.close();
  project?.remove();
});

it('installs with no dependencies and answers --version through its bin', async () => {
  const tree = JSON.parse(execFileSync('npm', ['ls', '--all', '--json'], { cwd: project.dir, encoding: 'utf8' }));
  expect(tree.dependencies['@sms-task/mcp'].dependencies ?? {}).toEqual({});
  const version = await runCommand(project.path('node_modules/.bin/sms-task-mcp'), ['--version']);
  expect(version.stdout).toMatch(/^sms-task-mcp \d+\.\d+\.\d+\n$/);
});

const nodes = Object.entries({
  [process.version]: undefined,
  'Node 22': process.env.SMS_NODE_22,
  'Node 24': process.env.SMS_NODE_24,
}).filter(([name, binary]) => name === process.version || binary);

it.each(nodes)('serves a client over stdio on %s', async (_, binary) => {
  const bin = project.path('node_modules/.bin/sms-task-mcp');
  const main = project.path('node_modules/@sms-task/mcp/dist/main.js');
  // Inside the project, which afterAll removes with its journals.
  const args = ['--endpoint', server.url, '--reports-dir', mkdtempSync(project.path('reports-'))];
  const transport = new StdioClientTransport({
    command: binary ?? bin,
    args: binary ? [main, ...args] : args,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', SMS_TOKEN: 'pack-test-token' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'pack-test', version: '1' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['sms_get_tasks', 'sms_plan_wave', 'sms_wave_status']);
    const read = await client.callTool({ name: 'sms_get_tasks', arguments: { task_ids: ['task-1'] } });
    expect(read.structuredContent).toMatchObject({ tasks: [{ task_id: 'task-1', state: 'RUNNING' }] });
  } finally {
    await client.close();
  }
});
