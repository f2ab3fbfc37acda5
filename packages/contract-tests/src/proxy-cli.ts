#!/usr/bin/env node
// sms-contract-proxy --upstream https://sms.ap-southeast-3.myhuaweicloud.com [--port 4011]
// Starts a Prism validation proxy: send real traffic through it and every request and response
// is checked against spec/openapi.yaml (violations are logged and, with --errors, returned as errors).
import { parseArgs } from 'node:util';
import { startPrism } from './prism.js';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    port: { type: 'string', default: '4011' },
    host: { type: 'string', default: '127.0.0.1' },
    spec: { type: 'string' },
    errors: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || !values.upstream) {
  console.log('usage: sms-contract-proxy --upstream <url> [--port 4011] [--host 127.0.0.1] [--spec path] [--errors]');
  process.exit(values.help ? 0 : 2);
}

const prism = await startPrism({
  mode: 'proxy',
  upstream: values.upstream,
  port: Number(values.port),
  host: values.host,
  errors: values.errors,
  ...(values.spec ? { spec: values.spec } : {}),
  onLog: (line) => console.log(line),
});
console.log(`validation proxy for ${values.upstream} listening on ${prism.url}`);
const stop = () => void prism.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
