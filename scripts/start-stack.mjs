#!/usr/bin/env node
// The local stack: the Prism mock of spec/openapi.yaml and the docs site, on localhost.
// Run through `npm start` (which installs and builds first). Ctrl-C stops both.
import { startPrism } from '@sms-task/contract-tests/prism';
import { serveDocs } from '../apps/docs/scripts/server.mjs';

const MOCK_PORT = Number(process.env.SMS_MOCK_PORT ?? 4010);
const DOCS_PORT = Number(process.env.SMS_DOCS_PORT ?? 8080);

const mock = await startPrism({ port: MOCK_PORT, errors: true });
let docs;
try {
  docs = await serveDocs({ port: DOCS_PORT });
} catch (error) {
  await mock.stop();
  throw error;
}

console.log(`
  SMS task-action stack is up:
    Prism mock   ${mock.url}   (POST ${mock.url}/v3/tasks/{task_id}/action)
    API docs     ${docs.url}/

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
