// What the server's tests share: a sandbox for the file, the server in process behind the SDK's real
// Client (a linked pair of in-memory transports, the era chosen by the client as over stdio), the
// journal read against the CLI's shipped schema, and every text the server let out, for the secret
// scans.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { type SandboxServer, startSandboxServer } from '@sms-task/sandbox';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll } from 'vitest';
import { type App, createApp } from '../src/app.js';
import { mcpServer } from '../src/server.js';
import { readSettings } from '../src/settings.js';

/** The credential every test gives the server: it must never come back out. */
export const TOKEN = 'mcp-secret-token-3f9a1c77';

/** A sandbox server (real HTTP, port 0) for the file, and a scratch folder; each test seeds the tasks it needs. */
export function useSandbox() {
  let server: SandboxServer;
  let dir: string;
  beforeAll(async () => {
    server = await startSandboxServer();
    dir = mkdtempSync(join(tmpdir(), 'sms-mcp-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get server() {
      return server;
    },
    get sandbox() {
      return server.sandbox;
    },
    /** A new folder under the file's scratch folder. */
    folder: () => mkdtempSync(join(dir, 'r-')),
  };
}

/** Tasks RUNNING part-way, started long before the test: nothing in a read dates from its calls. */
export const running = (sandbox: SandboxServer['sandbox'], ...ids: string[]) => {
  for (const id of ids) sandbox.setTask(id, { state: 'RUNNING', progress: 0.3 });
};

/** The task actions the sandbox answered, task ids in order. */
export const posts = (sandbox: SandboxServer['sandbox']) =>
  sandbox
    .calls()
    .filter((call) => call.method === 'POST')
    .map((call) => call.taskId!);

export type Era = '2025-06-18' | '2025-11-25' | '2026-07-28';
/** What the user answers: accept (confirm yes), decline, or a client that offers no elicitation. */
export type Answer = 'accept' | 'decline' | 'no-elicitation';

export interface Connected {
  client: Pick<Client, 'callTool' | 'listTools'> & { close(): Promise<void> };
  app: App;
  /** Each elicitation message the user was shown. */
  asked: string[];
  /** The server's log lines. */
  logs: string[];
  /** Every tool result's JSON, as it came. */
  seen: string[];
  version(): string | undefined;
  call(name: string, args: Record<string, unknown>, onprogress?: (p: unknown) => void): Promise<ToolResult>;
  close(): Promise<void>;
}

export interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, any>;
  content: { type: string; text?: string }[];
}

/**
 * The server in process with `flags` (as on its command line; the sandbox's URL and a reports folder
 * are added) and the credentials in its environment, and a real Client of the era asked for.
 */
export async function connect(
  target: { server: { url: string }; reportsDir: string },
  flags: string[],
  options: { era?: Era; answer?: Answer; now?: () => number; env?: NodeJS.ProcessEnv } = {},
): Promise<Connected> {
  const { era = '2026-07-28', answer = 'accept', env = { SMS_TOKEN: TOKEN } } = options;
  const settings = readSettings(['--endpoint', target.server.url, '--reports-dir', target.reportsDir, ...flags], {});
  const logs: string[] = [];
  const app = createApp(settings, env, { log: (line) => logs.push(line), now: options.now });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = serveStdio(() => mcpServer(app, '0.0.0-test'), { transport: serverSide });
  const asked: string[] = [];
  const elicit = async (request: { params: { message: string } }) => {
    asked.push(request.params.message);
    return answer === 'accept'
      ? { action: 'accept' as const, content: { confirm: true } }
      : { action: 'decline' as const };
  };
  const capabilities = answer === 'no-elicitation' ? {} : { elicitation: {} };
  let client: Connected['client'];
  let version: () => string | undefined;
  if (era === '2025-11-25') {
    // The v1 line's Client, as most hosts of 2025 ship it.
    const v1 = new V1Client({ name: 'test-host', version: '1' }, { capabilities });
    if (answer !== 'no-elicitation') v1.setRequestHandler(ElicitRequestSchema, elicit as never);
    await v1.connect(clientSide as never);
    client = v1 as never;
    version = () => (clientSide as unknown as { _protocolVersion?: string })._protocolVersion ?? '2025-11-25';
  } else {
    const v2 = new Client(
      { name: 'test-host', version: '2' },
      {
        capabilities,
        ...(era === '2026-07-28'
          ? { versionNegotiation: { mode: { pin: '2026-07-28' } } }
          : { supportedProtocolVersions: [era] }),
      },
    );
    if (answer !== 'no-elicitation') v2.setRequestHandler('elicitation/create', elicit as never);
    await v2.connect(clientSide);
    client = v2;
    version = () => v2.getNegotiatedProtocolVersion();
  }
  const seen: string[] = [];
  return {
    client,
    app,
    asked,
    logs,
    seen,
    version,
    async call(name, args, onprogress) {
      const options = onprogress ? { onprogress } : undefined;
      // The v1 Client takes a result schema before its options.
      const result = (await (era === '2025-11-25'
        ? (client as unknown as V1Client).callTool({ name, arguments: args }, undefined, options)
        : (client as Client).callTool({ name, arguments: args }, options))) as ToolResult;
      seen.push(JSON.stringify(result));
      return result;
    },
    async close() {
      await app.waves.stopAll('the test ended');
      await client.close();
      await handle.close();
    },
  };
}

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@sms-task/cli/report.schema.json'), 'utf8'));
const validLine = new Ajv2020({ strict: true }).addSchema(schema).getSchema(schema.$id)!;

/** A journal's whole lines, and those the CLI's shipped schema refuses. */
export function readJournal(file: string) {
  const text = readFileSync(file, 'utf8');
  const lines = text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, any>);
  return { lines, invalid: lines.filter((line) => !validLine(line)), errors: validLine.errors };
}

/**
 * Holds the stop calls of the ids in `hold` before the sandbox sees them, until `release()` (then
 * the sandbox acts on them); for the ids in `acted` the sandbox acts at once and only the answer is
 * held (an answer lost on the way). Every call's task id is listed in `arrivals` as it comes.
 */
export function holdStops(sandbox: SandboxServer['sandbox'], hold: string[], acted: string[] = []) {
  const arrivals: string[] = [];
  const waiting: (() => void)[] = [];
  const held: { go: () => void; answer: Promise<unknown> }[] = [];
  const toHold = [...hold];
  const toAct = [...acted];
  const take = (list: string[], id: string) => list.includes(id) && Boolean(list.splice(list.indexOf(id), 1));
  const remove = sandbox.override('stop', async (call, next) => {
    arrivals.push(call.taskId);
    for (const wake of waiting.splice(0)) wake();
    const first = take(toAct, call.taskId);
    if (!first && !take(toHold, call.taskId)) return next();
    let go!: () => void;
    const gate = new Promise<void>((resolve) => {
      go = resolve;
    });
    const answer = first ? next().then((answered) => gate.then(() => answered)) : gate.then(() => next());
    held.push({ go, answer });
    return answer;
  });
  return {
    arrivals,
    /** Resolves once `count` calls have arrived in all. */
    async arrived(count: number) {
      while (arrivals.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    /** Lets the held calls go on; resolves when the sandbox has answered them. */
    release() {
      const going = held.splice(0);
      for (const { go } of going) go();
      return Promise.all(going.map(({ answer }) => answer));
    },
    remove,
  };
}
