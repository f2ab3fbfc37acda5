#!/usr/bin/env node
// sms-sandbox: the sandbox as a server. Prints one readiness line with its URL; stops cleanly on
// SIGINT and SIGTERM. A bad seed or option ends it before it listens, with the reason, exit 2.
import { readFileSync } from 'node:fs';
import { isPortInUse, portInUse, readCommandLine } from '@sms-task/cli-kit';
import { type AkSkCredentials, readAkskEnv } from '@sms-task/client/aksk';
import { CONTROL_TOKEN_ENV, controlTokenProblem } from '../adapters/control-token.js';
import { corsPolicy } from '../adapters/cors.js';
import { SandboxConfigError } from '../adapters/sandbox.js';
import { startSandboxServer } from '../adapters/server.js';
import { seedLine } from './seed-file.js';

const USAGE = `usage: sms-sandbox [--port 4011] [--host 127.0.0.1] [--seed tasks.json] [--mode strict|permissive]
                   [--auto-create] [--settle-ms N | --settle-ms manual] [--time-scale N]
                   [--control-token-file FILE] [--cors-origin ORIGIN]...
  A stateful local SMS task service: the task action, the task read and the list read. The seed file is
  { "timeScale"?: N, "tasks": [{ "id": "…", "state": "RUNNING", "progress"?: 0.4, … }] }. --time-scale
  (or the seed's timeScale) runs the sandbox's clock N times as fast as real time (3600: a real second
  is an hour; 0 stops it). With HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK set, SDK-HMAC-SHA256
  signatures are verified with them.
  Control API: GET /__sandbox/tasks/{id}, PUT /__sandbox/tasks/{id} { "state", … }, POST /__sandbox/reset,
  POST /__sandbox/advance [{ "seconds" }], GET /__sandbox/clock, GET|PUT|POST|DELETE /__sandbox/faults,
  GET /__sandbox/calls. With a control token (the file's content, or ${CONTROL_TOKEN_ENV}), control
  calls must send Authorization: Bearer <token>; beyond loopback (--host other than 127.0.0.0/8, ::1,
  localhost) it starts only with one. Browser pages served from this machine (http://localhost:*,
  http://127.0.0.1:*, http://[::1]:*) may call it (CORS); --cors-origin allows another origin
  (repeat it for more; null for a page opened from a file; * for any), and a call from any other
  origin is refused (403).`;

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
    'time-scale': { type: 'string' },
    'control-token-file': { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
  },
});
const args = cli.values;
// Typed here, so that the compiler knows the code after a refusal does not run.
const refuse: (reason: string) => never = cli.refuse;
const { host, seed, mode, 'auto-create': autoCreate, 'settle-ms': settleText } = args;
const port = cli.port(args.port, '--port');
if (mode !== 'strict' && mode !== 'permissive') refuse(`--mode must be strict or permissive, got "${mode}"`);
if (settleText !== 'manual' && !/^\d+$/.test(settleText)) refuse('--settle-ms must be a whole number of ms, or manual');
const scaleText = args['time-scale'];
if (scaleText !== undefined && !/^\d+(\.\d+)?$/.test(scaleText)) {
  refuse('--time-scale must be a number ≥ 0 (3600: a real second is a sandbox hour)');
}
const corsOrigins = args['cors-origin'];
// Checked here, so that a bad origin is not reported as the seed's.
try {
  if (corsOrigins) corsPolicy({ origins: corsOrigins });
} catch (error) {
  refuse(`--cors-origin: ${(error as Error).message}`);
}

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
let seedScale: unknown;
let seedText = '';
if (seed) {
  try {
    seedText = readFileSync(seed, 'utf8');
  } catch (error) {
    fail(`cannot read the seed ${seed}: ${(error as Error).message}`);
  }
  let parsed: { tasks?: unknown; timeScale?: unknown };
  try {
    parsed = JSON.parse(seedText);
  } catch (error) {
    fail(`${seed}: not JSON: ${(error as Error).message}`);
  }
  if (!parsed! || typeof parsed !== 'object' || !Array.isArray(parsed.tasks)) {
    fail(`${seed}: the seed must be { "tasks": [{ "id": "…", "state": "…" }] }`);
  }
  tasks = parsed!.tasks;
  seedScale = parsed!.timeScale;
}
// The command line's time scale wins over the seed's.
const timeScale = scaleText === undefined ? seedScale : Number(scaleText);

try {
  const server = await startSandboxServer({
    port,
    host,
    tasks: tasks as never,
    mode: mode as 'strict' | 'permissive',
    autoCreate,
    settleMs: settleText === 'manual' ? 'manual' : Number(settleText),
    ...(timeScale !== undefined && { timeScale: timeScale as number }),
    ...(aksk && { aksk }),
    ...(controlToken !== undefined && { controlToken }),
    ...(corsOrigins && { cors: { origins: corsOrigins } }),
  });
  const count = server.sandbox.tasks().length;
  console.log(
    `sms-sandbox listening on ${server.url} (${mode}, ${count} task${count === 1 ? '' : 's'}` +
      `${autoCreate ? ', unknown ids created' : ''}${aksk ? ', AK/SK verified' : ''}` +
      `${timeScale === undefined || timeScale === 1 ? '' : `, clock ×${timeScale}`}` +
      `${controlToken === undefined ? '' : ', control API behind its token'}` +
      `${corsOrigins ? `, CORS also for ${corsOrigins.includes('*') ? 'any origin' : corsOrigins.join(' ')}` : ''})`,
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
