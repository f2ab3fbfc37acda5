#!/usr/bin/env node
// sms-contract-tests [--base-url <url>] [--junit <file>] [--json <file>] [part…]
// Runs the contract suite (suite/*.test.ts, shipped in the package) with vitest: against a Prism
// mock of the spec that the run starts and stops, or against the endpoint --base-url names.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHttpUrl, readCommandLine } from '@sms-task/cli-kit';
import { CREDENTIALS_NEEDED, endpointCredentials } from '../suite/endpoint-credentials.js';

// The suite's parts: its test files, by name (`contract`, `list-read`, …).
const PARTS = readdirSync(new URL('../suite/', import.meta.url))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => file.slice(0, -'.test.ts'.length));

const USAGE = `usage: sms-contract-tests [--base-url <url>] [--junit <file>] [--json <file>] [part…]
  part            run only these parts of the suite (${PARTS.join(', ')}); all of them by default
  no --base-url   against a Prism mock of the spec, started and stopped by the run
  --base-url      against that endpoint (or set SMS_CONTRACT_BASE_URL), with credentials read from
                  the environment only, so that they never show in process lists or shell history:
                  SMS_CONTRACT_TOKEN (an X-Auth-Token), or else AK/SK signing with
                  HUAWEICLOUD_SDK_AK, _SK, _DOMAIN_ID and _SECURITY_TOKEN
  --junit         also write a JUnit XML report to this file
  --json          also write vitest's JSON report to this file
Exit code: 0 when every test passed, 1 when any failed, 2 for bad arguments.`;

const cli = readCommandLine({
  name: 'sms-contract-tests',
  usage: USAGE,
  // src/ and dist/ both sit beside the package's package.json.
  packageJson: new URL('../package.json', import.meta.url),
  allowPositionals: true,
  options: {
    'base-url': { type: 'string' },
    junit: { type: 'string' },
    json: { type: 'string' },
  },
});
const { values, positionals } = cli;
// Typed here, so that the compiler knows the code after a refusal does not run.
const refuse: (reason: string) => never = cli.refuse;
const unknown = positionals.find((part) => !PARTS.includes(part));
if (unknown !== undefined) refuse(`no part "${unknown}" in the suite: use ${PARTS.join(', ')}`);
const baseUrl = values['base-url'] ?? process.env.SMS_CONTRACT_BASE_URL;
if (baseUrl !== undefined) {
  if (!isHttpUrl(baseUrl)) refuse(`the base URL must be an absolute http(s) URL, got "${baseUrl}"`);
  const credentials = (() => {
    try {
      return endpointCredentials(process.env);
    } catch (error) {
      return refuse(`${baseUrl}: ${(error as Error).message}`);
    }
  })();
  if (!credentials) refuse(`${baseUrl}: ${CREDENTIALS_NEEDED}`);
  // The suite's global setup reads it from the environment, in this process.
  process.env.SMS_CONTRACT_BASE_URL = baseUrl;
}

// Loaded once the arguments are good: --help, --version and a refusal need none of vitest.
const { startVitest } = await import('vitest/node');
const vitest = await startVitest(
  'test',
  positionals.map((part) => `suite/${part}.test.ts`),
  {
    root: fileURLToPath(new URL('..', import.meta.url)),
    config: fileURLToPath(new URL('../suite/vitest.config.ts', import.meta.url)),
    watch: false,
    reporters: [
      'default',
      ...(values.junit ? [['junit', { outputFile: resolve(values.junit) }] as ['junit', object]] : []),
      ...(values.json ? [['json', { outputFile: resolve(values.json) }] as ['json', object]] : []),
    ],
  },
);
await vitest?.close();
// startVitest sets the exit code when a test fails or the run cannot start.
process.exit(process.exitCode ?? 0);
