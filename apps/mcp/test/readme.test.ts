// The README's configurations are what people paste into their hosts: each one's arguments (after
// `@sms-task/mcp`) start the built server as written, with the token file or variable it names, and
// a real Client lists its tools over stdio. `npx -y @sms-task/mcp` itself is the tarball test's.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, describe, expect, it } from 'vitest';
import { TOKEN } from './harness.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const home = mkdtempSync(join(tmpdir(), 'mcp-readme-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Launch {
  heading: string;
  args: string[];
  env: Record<string, string>;
}

/** Each configuration of the README's set-up section, under its heading. */
function configurations(): Launch[] {
  const section = readme.slice(
    readme.indexOf('\n## Setting it up in Claude Code, VS Code or Cursor\n'),
    readme.indexOf('\n## How it is built'),
  );
  return section
    .split(/^### /m)
    .slice(1)
    .flatMap((part) => {
      const heading = part.slice(0, part.indexOf('\n'));
      return [...part.matchAll(/```(sh|json)\n([\s\S]*?)```/g)].map(([, kind, code]) =>
        kind === 'sh' ? fromShell(heading, code!) : fromJson(heading, code!),
      );
    });
}

/** `claude mcp add … -- npx -y @sms-task/mcp ARGS`: the words after the package, as a shell splits them. */
function fromShell(heading: string, code: string): Launch {
  const words = code.replace(/\\\n/g, ' ').trim().split(/\s+/);
  return { heading, args: words.slice(words.indexOf('@sms-task/mcp') + 1).map(expand), env: {} };
}

/** A host's JSON: the one server's args after the package, and its env (a VS Code input stands for the token). */
function fromJson(heading: string, code: string): Launch {
  const config = JSON.parse(code) as Record<string, Record<string, { args: string[]; env?: Record<string, string> }>>;
  const [server] = Object.values(config.mcpServers ?? config.servers!);
  const env = Object.fromEntries(
    Object.entries(server!.env ?? {}).map(([name, value]) => [name, value.replace(/\$\{input:[^}]+\}/, TOKEN)]),
  );
  return { heading, args: server!.args.slice(server!.args.indexOf('@sms-task/mcp') + 1).map(expand), env };
}

/** The paths as the shell or host would expand them, in this test's own home. */
const expand = (arg: string) =>
  arg
    .replace(/^~(?=\/)/, home)
    .replace('${HOME}', home)
    .replace(/^\/home\/me(?=\/)/, home);

describe('the README: Setting it up in Claude Code, VS Code or Cursor', () => {
  const launches = configurations();
  // The token file every configuration names, with the token in it, as the README says to keep it.
  mkdirSync(join(home, '.config', 'sms-task'), { recursive: true });
  writeFileSync(join(home, '.config', 'sms-task', 'token'), `${TOKEN}\n`, { mode: 0o600 });

  it('has a configuration for Claude Code (command and .mcp.json), VS Code and Cursor', () => {
    expect(launches.map(({ heading }) => heading)).toEqual([
      'Claude Code',
      'Claude Code',
      'VS Code (`.vscode/mcp.json`)',
      'Cursor (`~/.cursor/mcp.json`)',
    ]);
  });

  it.each(launches.map((launch, index) => ({ ...launch, index })))(
    'starts as written for $heading (#$index) and lists the read-only tools',
    async ({ args, env }) => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [MAIN, ...args, '--reports-dir', join(home, 'reports')],
        env: { PATH: process.env.PATH!, HOME: home, ...env },
        stderr: 'pipe',
      });
      const client = new Client({ name: 'readme-test', version: '1' });
      try {
        await client.connect(transport);
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual(['sms_get_tasks', 'sms_plan_wave', 'sms_wave_status']);
      } finally {
        await client.close();
      }
    },
  );
});
