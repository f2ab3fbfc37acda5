#!/usr/bin/env node
// sms-sandbox: the sandbox as a server. Prints one readiness line with its URL; stops cleanly on
// SIGINT and SIGTERM. A bad seed or option ends it before it listens, with the reason, exit 2.
import { readFileSync } from 'node:fs';
import { isPortInUse, portInUse, readCommandLine } from '@sms-task/cli-kit';
import { type AkSkCredentials, readAkskEnv } from '@sms-task/client/aksk';
import { CONTROL_TOKEN_ENV, controlTokenProblem } from '../adapters/control-token.js';
import { SandboxConfigError } from '../adapters/sandbox.js';
import { startSandboxServer } from '../adapters/server.js';
import { seedLine } from './seed-file.js';

const USAGE = `usage: sms-sandbox [--port 4011] [--host 127.0.0.1] [--seed tasks.json] [--mode strict|permissive]
                   [--auto-create] [--settle-ms N | --settle-ms manual] [--control-token-file FILE]
  A stateful local SMS task-action service. The seed file is { "tasks": [{ "id": "…", "state": "RUNNING" }] }.
  With HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK set, SDK-HMAC-SHA256 signatures are verified with them.
  Control API: GET /__sandbox/tasks/{id}, PUT /__sandbox/tasks/{id} { "state" }, POST /__sandbox/reset,
  POST /__sandbox/advance, GET|PUT|POST|DELETE /__sandbox/faults, GET /__sandbox/calls. With a control
  token (the file's content, or ${CONTROL_TOKEN_ENV}), control calls must send Authorization: Bearer
  <token>; beyond loopback (--host other than 127.0.0.0/8, ::1, localhost) it starts only with one.`;

/** Ends the process before it listens: the reason (a bad seed, token or environment), exit 2. */
const fail = (message: string): never => {
  console.error(`sms-sandbox: ${message}`);
  process.exit(2);
};

const cli = readCommandLine({
  name: 'sms-sandbox',
  usage: USAGE,
  // src/ and dist/ both sit beside the package's package.json.
  packageJson: new URL('../package.json', import.meta.url),
  options: {
    port: { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    mode: { type: 'string', default: 'strict' },
    'auto-create': { type: 'boolean', default: false },
    'settle-ms': { type: 'string', default: '0' },
    'control-token-file': { type: 'string' },
  },
});
const args = cli.values;
// Typed here, so that the compiler knows the code after a refusal does not run.
const refuse: (reason: string) => never = cli.refuse;
const { host, seed, mode, 'auto-create': autoCreate, 'settle-ms': settleText } = args;
const port = cli.port(args.port, '--port');
if (mode !== 'strict' && mode !== 'permissive') refuse(`--mode must be strict or permissive, got "${mode}"`);
if (settleText !== 'manual' && !/^\d+$/.test(settleText)) refuse('--settle-ms must be a whole number of ms, or manual');

// The token is never printed: not in the readiness line, not in a refusal.
const tokenFile = args['control-token-file'];
let controlToken = process.env[CONTROL_TOKEN_ENV] || undefined;
if (tokenFile) {
  try {
    controlToken = readFileSync(tokenFile, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    fail(`cannot read the control token file: ${(error as Error).message}`);
  }
}
const tokenProblem = controlTokenProblem(host, controlToken);
if (tokenProblem) fail(tokenProblem);

// The pair to verify signatures with, from the official SDKs' variables; one of AK and SK alone is refused.
let aksk: AkSkCredentials | undefined;
try {
  aksk = readAkskEnv(process.env);
} catch (error) {
  fail((error as Error).message);
}

let tasks: unknown = [];
let seedText = '';
if (seed) {
  try {
    seedText = readFileSync(seed, 'utf8');
  } catch (error) {
    fail(`cannot read the seed ${seed}: ${(error as Error).message}`);
  }
  let parsed: { tasks?: unknown };
  try {
    parsed = JSON.parse(seedText);
  } catch (error) {
    fail(`${seed}: not JSON: ${(error as Error).message}`);
  }
  if (!parsed! || typeof parsed !== 'object' || !Array.isArray(parsed.tasks)) {
    fail(`${seed}: the seed must be { "tasks": [{ "id": "…", "state": "…" }] }`);
  }
  tasks = parsed!.tasks;
}

try {
  const server = await startSandboxServer({
    port,
    host,
    tasks: tasks as never,
    mode: mode as 'strict' | 'permissive',
    autoCreate,
    settleMs: settleText === 'manual' ? 'manual' : Number(settleText),
    ...(aksk && { aksk }),
    ...(controlToken !== undefined && { controlToken }),
  });
  const count = server.sandbox.tasks().length;
  console.log(
    `sms-sandbox listening on ${server.url} (${mode}, ${count} task${count === 1 ? '' : 's'}` +
      `${autoCreate ? ', unknown ids created' : ''}${aksk ? ', AK/SK verified' : ''}` +
      `${controlToken === undefined ? '' : ', control API behind its token'})`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof SandboxConfigError) {
    const line = seed ? seedLine(seedText, error.message) : undefined;
    fail(`${seed ? `${seed}${line ? `:${line}` : ''}: ` : ''}${error.message}`);
  }
  if (isPortInUse(error)) fail(portInUse(port, { what: `on ${host}`, how: '--port' }));
  throw error;
}
