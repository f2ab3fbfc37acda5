#!/usr/bin/env node
// The local stack: the Prism mock of spec/openapi.yaml, the stateful sandbox seeded with a demo
// wave, and the docs site, on localhost. Run through `npm start` (which installs and builds
// first). Ctrl-C stops them all.
import { readFileSync } from 'node:fs';
import { isPortInUse, portInUse, readCommandLine } from '@sms-task/cli-kit';
import { startPrism } from '@sms-task/contract-tests/prism';
import { spec } from '@sms-task/contract-tests/spec';
import { serveDocs } from '@sms-task/docs/server';
import { startSandboxServer, TRANSITIONS } from '@sms-task/sandbox';

const USAGE = `usage: npm start
  Builds, then starts the Prism mock, the sandbox and the docs site on localhost. Their ports come
  from SMS_MOCK_PORT (4010), SMS_SANDBOX_PORT (4011) and SMS_DOCS_PORT (8080); 0 lets the system pick.`;
const cli = readCommandLine({ name: 'npm start', usage: USAGE, options: {} });

/** Ends the command with one line: what is wrong and what to do (a stack trace helps nobody here). */
function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

const portFrom = (variable, fallback) =>
  process.env[variable] === undefined ? fallback : cli.port(process.env[variable], variable);

class PortInUse extends Error {}

/** Starts one server; a port that is taken is reported with the variable that moves it. */
async function start(what, variable, port, run) {
  try {
    return await run();
  } catch (error) {
    if (!isPortInUse(error)) throw error;
    throw new PortInUse(portInUse(port, { what: `(${what})`, how: `${variable}=<port>` }));
  }
}

const MOCK_PORT = portFrom('SMS_MOCK_PORT', 4010);
const DOCS_PORT = portFrom('SMS_DOCS_PORT', 8080);
const SANDBOX_PORT = portFrom('SMS_SANDBOX_PORT', 4011);
/** What the sandbox answers to stop on a paused task: its refusal's example in the spec. */
const STOP_REFUSED = spec.examples.get(TRANSITIONS.stop.refusal).value.error_code;
const { tasks: WAVE } = JSON.parse(
  readFileSync(new URL(import.meta.resolve('@sms-task/sandbox/examples/wave.json')), 'utf8'),
);

let mock;
let docs;
let sandbox;
try {
  // The servers of this process first: a port of theirs that is taken is reported before Prism,
  // a process of its own that takes seconds to start, is started for nothing.
  docs = await start('the docs site', 'SMS_DOCS_PORT', DOCS_PORT, () => serveDocs({ port: DOCS_PORT }));
  sandbox = await start('the sandbox', 'SMS_SANDBOX_PORT', SANDBOX_PORT, () =>
    startSandboxServer({ port: SANDBOX_PORT, tasks: WAVE }),
  );
  mock = await start('the Prism mock', 'SMS_MOCK_PORT', MOCK_PORT, () => startPrism({ port: MOCK_PORT, errors: true }));
} catch (error) {
  await Promise.all([mock?.stop(), docs?.close(), sandbox?.close()]);
  if (error instanceof PortInUse) fail(error.message);
  throw error;
}

const paused = WAVE.find((task) => task.state === 'ABORT').id;
console.log(`
  SMS task-action stack is up:
    Prism mock   ${mock.url}   (POST ${mock.url}/v3/tasks/{task_id}/action)
    Sandbox      ${sandbox.url}   (stateful: a demo wave of ${WAVE.length} tasks; control API under /__sandbox)
    API docs     ${docs.url}/
    OpenAPI      ${docs.url}/openapi.yaml   (the spec in one file, for your own tools)
    For agents   ${docs.url}/llms.txt   (the reference as Markdown: llms-full.txt, a file an operation)

  Try it:
    curl -X POST ${mock.url}/v3/tasks/7a9a9540-ff28-4869-b9e4-855fbe12xxxx/action \\
      -H 'X-Auth-Token: any-token' -H 'Content-Type: application/json' -d '{"operation":"start"}'

  A state error, from the sandbox (task ${paused} is paused, so stop is refused with ${STOP_REFUSED}):
    curl -X POST ${sandbox.url}/v3/tasks/${paused}/action \\
      -H 'X-Auth-Token: any-token' -H 'Content-Type: application/json' -d '{"operation":"stop"}'
    curl ${sandbox.url}/__sandbox/tasks/${paused}   (its state and history)

  Ctrl-C stops them all.
`);

const shutdown = async () => {
  await Promise.all([mock.stop(), docs.close(), sandbox.close()]);
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
