#!/usr/bin/env node
// sms-contract-proxy --upstream https://sms.ap-southeast-3.myhuaweicloud.com [--port 4011]
// Starts a Prism validation proxy: send real traffic through it and every request and response
// is checked against spec/openapi.yaml (violations are logged and, with --errors, returned as errors).
import { parseArgs } from 'node:util';
import { startPrism } from './prism.js';

const USAGE = 'usage: sms-contract-proxy --upstream <url> [--port 4011] [--host 127.0.0.1] [--spec path] [--errors]';

/** Bad arguments end the process with a one-line reason and the usage, before Prism starts. */
function refuse(reason: string): never {
  console.error(`sms-contract-proxy: ${reason}\n${USAGE}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        upstream: { type: 'string' },
        port: { type: 'string', default: '4011' },
        host: { type: 'string', default: '127.0.0.1' },
        spec: { type: 'string' },
        errors: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return refuse((error as Error).message);
  }
}

const values = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.upstream) refuse('--upstream is required');
if (!URL.canParse(values.upstream) || !/^https?:$/.test(new URL(values.upstream).protocol)) refuse(`--upstream must be an absolute http(s) URL, got "${values.upstream}"`);
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535) refuse(`--port must be a whole number from 0 to 65535, got "${values.port}"`);

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
  if (/EADDRINUSE/.test(error.message)) {
    console.error(`sms-contract-proxy: port ${port} on ${values.host} is in use: stop what listens there, or choose another with --port`);
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
