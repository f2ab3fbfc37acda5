// The contract suite, unchanged, against the permissive sandbox: a spec-true service passes it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { startSandboxServer } from '../dist/index.js';

const suitePackage = fileURLToPath(import.meta.resolve('@sms-task/contract-tests/package.json'));
const suiteCommand = join(
  dirname(suitePackage),
  JSON.parse(readFileSync(suitePackage, 'utf8')).bin['sms-contract-tests'],
);
const reports = mkdtempSync(join(tmpdir(), 'sms-sandbox-suite-'));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

it('passes the contract suite in permissive mode, with unknown task ids created', async () => {
  const server = await startSandboxServer({ mode: 'permissive', autoCreate: true });
  try {
    const report = join(reports, 'suite.json');
    // Async: the sandbox answers from this process while the suite runs in its own.
    await promisify(execFile)(process.execPath, [suiteCommand, '--base-url', server.url, '--json', report], {
      env: { ...process.env, SMS_CONTRACT_TOKEN: 'sandbox-token', SMS_CONTRACT_BASE_URL: '' },
    });
    const { numFailedTests, numPassedTests } = JSON.parse(readFileSync(report, 'utf8'));
    expect(numFailedTests).toBe(0);
    expect(numPassedTests).toBeGreaterThan(20);
  } finally {
    await server.close();
  }
});
