#!/usr/bin/env node
// The local stack: the Prism mock of spec/openapi.yaml and the docs site, on localhost.
// Run through `npm start` (which installs and builds first). Ctrl-C stops both.
import { startPrism } from '@sms-task/contract-tests/prism';
import { serveDocs } from '@sms-task/docs/server';

/** Ends the command with one line: what is wrong and what to do (a stack trace helps nobody here). */
function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function portFrom(variable, fallback) {
  const value = process.env[variable];
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65_535)
    fail(`${variable} must be a port number from 0 to 65535, got "${value}"`);
  return Number(value);
}

class PortInUse extends Error {}

/** Starts one server; a port that is taken is reported with the variable that moves it. */
async function start(what, variable, port, run) {
  try {
    return await run();
  } catch (error) {
    if (!/EADDRINUSE/.test(String(error?.message ?? error))) throw error;
    throw new PortInUse(
      `port ${port} (${what}) is in use: stop what listens there, or choose another port with ${variable}=<port>`,
    );
  }
}

const MOCK_PORT = portFrom('SMS_MOCK_PORT', 4010);
const DOCS_PORT = portFrom('SMS_DOCS_PORT', 8080);

let mock;
let docs;
try {
  mock = await start('the Prism mock', 'SMS_MOCK_PORT', MOCK_PORT, () => startPrism({ port: MOCK_PORT, errors: true }));
  docs = await start('the docs site', 'SMS_DOCS_PORT', DOCS_PORT, () => serveDocs({ port: DOCS_PORT }));
} catch (error) {
  await mock?.stop();
  if (error instanceof PortInUse) fail(error.message);
  throw error;
}

console.log(`
  SMS task-action stack is up:
    Prism mock   ${mock.url}   (POST ${mock.url}/v3/tasks/{task_id}/action)
    API docs     ${docs.url}/
    OpenAPI      ${docs.url}/openapi.yaml   (the spec in one file, for your own tools)

  Try it:
    curl -X POST ${mock.url}/v3/tasks/7a9a9540-ff28-4869-b9e4-855fbe12xxxx/action \\
      -H 'X-Auth-Token: any-token' -H 'Content-Type: application/json' -d '{"operation":"start"}'

  Ctrl-C stops both.
`);

const shutdown = async () => {
  await Promise.all([mock.stop(), docs.close()]);
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
