#!/usr/bin/env node
// sms-contract-proxy --upstream https://sms.ap-southeast-3.myhuaweicloud.com [--port 4011]
// Starts a Prism validation proxy: send real traffic through it and every request and response
// is checked against spec/openapi.yaml (violations are logged and, with --errors, returned as errors).
import { isHttpUrl, isPortInUse, portInUse, readCommandLine } from '@sms-task/cli-kit';
import { startPrism } from './prism.js';

const USAGE = 'usage: sms-contract-proxy --upstream <url> [--port 4011] [--host 127.0.0.1] [--spec path] [--errors]';

const cli = readCommandLine({
  name: 'sms-contract-proxy',
  usage: USAGE,
  // src/ and dist/ both sit beside the package's package.json.
  packageJson: new URL('../package.json', import.meta.url),
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    spec: { type: 'string' },
    errors: { type: 'boolean', default: false },
  },
});
const { values } = cli;
// Typed here, so that the compiler knows the code after a refusal does not run.
const refuse: (reason: string) => never = cli.refuse;
if (!values.upstream) refuse('--upstream is required');
if (!isHttpUrl(values.upstream)) refuse(`--upstream must be an absolute http(s) URL, got "${values.upstream}"`);
const port = cli.port(values.port, '--port');

// Prism's lines are held until it is up: a failed start (a taken port) would print its whole help.
let started = false;
const held: string[] = [];
const prism = await startPrism({
  mode: 'proxy',
  upstream: values.upstream,
  port,
  host: values.host,
  errors: values.errors,
  ...(values.spec ? { spec: values.spec } : {}),
  onLog: (line) => (started ? console.log(line) : held.push(line)),
}).catch((error: Error) => {
  if (isPortInUse(error)) {
    console.error(`sms-contract-proxy: ${portInUse(port, { what: `on ${values.host}`, how: '--port' })}`);
  } else {
    console.error(held.join('\n'));
    console.error(`sms-contract-proxy: ${error.message.split('\n')[0]}`);
  }
  process.exit(1);
});
started = true;
for (const line of held) console.log(line);
console.log(`validation proxy for ${values.upstream} listening on ${prism.url}`);
const stop = () => void prism.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
