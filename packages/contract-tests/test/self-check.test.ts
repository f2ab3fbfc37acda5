// The suite must be able to fail: it is run, as a user would run it against their endpoint (the
// installed command, `sms-contract-tests --base-url`), at local servers that each break the
// contract in one way, and each run must fail exactly the tests that guard that part of the
// contract, without printing the token it was given.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordingServer, runCommand } from '@sms-task/test-support';
import { describe, expect, it } from 'vitest';

// The command as installed (`sms-contract-tests`), built into dist/.
const cli = fileURLToPath(new URL('../dist/suite-cli.js', import.meta.url));
const TOKEN = 'self-check-secret-token-0123456789';

interface Outcome {
  exitCode: number | null;
  failed: string[];
  passed: string[];
  /** Everything the command printed. */
  output: string;
}

/** Runs `sms-contract-tests --base-url` against `handler`, as a user would, and reports which tests failed. */
async function runSuiteAgainst(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Outcome> {
  // Its headers may be up to 64 KiB: Node's default limit (16 KiB) would itself refuse the oversized token.
  const server = await recordingServer(handler);
  const dir = mkdtempSync(join(tmpdir(), 'contract-self-check-'));
  const report = join(dir, 'report.json');
  try {
    const { CI: _ci, HUAWEICLOUD_SDK_AK: _ak, SMS_CONTRACT_BASE_URL: _url, ...env } = process.env;
    const { exitCode, output } = await runCommand(process.execPath, [cli, '--base-url', server.url, '--json', report], {
      cwd: dir,
      env: { ...env, SMS_CONTRACT_TOKEN: TOKEN, NO_COLOR: '1' },
    });
    const results = (
      JSON.parse(readFileSync(report, 'utf8')) as {
        testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
      }
    ).testResults.flatMap((file) => file.assertionResults);
    return {
      exitCode,
      output,
      failed: results.filter((t) => t.status === 'failed').map((t) => t.title),
      passed: results.filter((t) => t.status === 'passed').map((t) => t.title),
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const answer = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('the contract suite fails against a server that breaks the contract', () => {
  it('that accepts everything: every rejection test and the task read fail, every success test passes', async () => {
    const outcome = await runSuiteAgainst(answer(200, {}));
    expect(outcome.exitCode).toBe(1);
    const rejections = [...outcome.failed, ...outcome.passed].filter((title) => title.startsWith('rejects '));
    expect(rejections.length).toBeGreaterThanOrEqual(15);
    // The task read's `{}` has no state: that test fails too.
    const read = [...outcome.failed, ...outcome.passed].filter((title) => title.startsWith('GET '));
    expect(read).toHaveLength(1);
    expect(outcome.failed.sort()).toEqual([...rejections, ...read].sort());
    expect(outcome.passed).toContain('start: the minimal and the full body → 200 {} (raw HTTP and through the client)');
    expect(outcome.output).toContain('Tests');
    expect(outcome.output).not.toContain(TOKEN);
  });

  it('that refuses everything with a 400: every success test fails, every rejection test passes', async () => {
    const outcome = await runSuiteAgainst(answer(400, { error_code: 'SMS.0001', error_msg: 'refused' }));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failed).toContain('every named request example of the spec → 200 {}');
    expect(outcome.failed).toContain(
      'clone_test: the minimal and the full body → 200 {} (raw HTTP and through the client)',
    );
    expect(outcome.failed.filter((title) => title.startsWith('rejects '))).toEqual([]);
    expect(outcome.passed).toContain('rejects an unknown operation');
    expect(outcome.output).not.toContain(TOKEN);
  });

  it('that answers success with the right body but another media type (text/plain): the success tests fail', async () => {
    const outcome = await runSuiteAgainst((req, res) => {
      if (!req.headers['x-auth-token'])
        return answer(401, { error_code: 'APIGW.0301', error_msg: 'no token' })(req, res);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('{}');
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failed).toContain('every named request example of the spec → 200 {}');
    expect(outcome.failed).toContain('start: the minimal and the full body → 200 {} (raw HTTP and through the client)');
    expect(outcome.output).not.toContain(TOKEN);
  });

  it('that answers success with a body outside the 200 schema: the success tests fail', async () => {
    const outcome = await runSuiteAgainst((req, res) => {
      if (!req.headers['x-auth-token'])
        return answer(401, { error_code: 'APIGW.0301', error_msg: 'no token' })(req, res);
      answer(200, { result: 'started' })(req, res);
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failed).toContain('every named request example of the spec → 200 {}');
    expect(outcome.failed).toContain(
      'accepts task ids at the length limits (1 and 36) and a token of 16,384 characters',
    );
    expect(outcome.output).not.toContain(TOKEN);
  });
});
