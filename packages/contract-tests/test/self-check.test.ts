// The suite must be able to fail: it is run, as a user would run it against their endpoint (the
// installed command, `sms-contract-tests --base-url`), at local servers that each break the
// contract in one way, and each run must fail exactly the tests that guard that part of the
// contract, without printing the token it was given.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism, type PrismProcess } from '@sms-task/contract-tests/prism';
import { spec } from '@sms-task/contract-tests/spec';
import { type Handler, recordingServer, runCommand } from '@sms-task/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listServer, type ListRules, type Page } from './list-server.js';

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
async function runSuiteAgainst(handler: Handler, parts: string[] = []): Promise<Outcome> {
  // Its headers may be up to 64 KiB: Node's default limit (16 KiB) would itself refuse the oversized token.
  const server = await recordingServer(handler);
  const dir = mkdtempSync(join(tmpdir(), 'contract-self-check-'));
  const report = join(dir, 'report.json');
  try {
    const { CI: _ci, HUAWEICLOUD_SDK_AK: _ak, SMS_CONTRACT_BASE_URL: _url, ...env } = process.env;
    const { exitCode, output } = await runCommand(
      process.execPath,
      [cli, '--base-url', server.url, '--json', report, ...parts],
      {
        cwd: dir,
        env: { ...env, SMS_CONTRACT_TOKEN: TOKEN, NO_COLOR: '1' },
      },
    );
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
/** The titles of the tests that read a 200: the task read's and the list read's. */
const READS = [`GET ${spec.read!.path} `, `GET ${spec.list!.path} `];
const LIST = `GET ${spec.list!.path} `;

describe('the contract suite fails against a server that breaks the contract', () => {
  it('that accepts everything: every rejection test and the reads fail, every success test passes', async () => {
    const outcome = await runSuiteAgainst(answer(200, {}));
    expect(outcome.exitCode).toBe(1);
    const titles = [...outcome.failed, ...outcome.passed];
    const rejections = titles.filter((title) => title.startsWith('rejects '));
    expect(rejections.length).toBeGreaterThanOrEqual(25);
    // A `{}` is neither a task (no id, no state) nor a page (no count, no tasks): the reads fail too.
    const reads = titles.filter((title) => READS.some((read) => title.startsWith(read)));
    expect(reads.filter((title) => title.startsWith(LIST)).length).toBeGreaterThanOrEqual(3);
    expect(outcome.failed.sort()).toEqual([...rejections, ...reads].sort());
    expect(outcome.passed).toContain('start: the minimal and the full body → 200 {} (raw HTTP and through the client)');
    expect(outcome.output).toContain('Tests');
    expect(outcome.output).not.toContain(TOKEN);
  });

  it("that refuses everything with a 400: the action's success tests fail, its rejection tests pass", async () => {
    // The action's tests (the contract part): the list read's have runs of their own below.
    const outcome = await runSuiteAgainst(answer(400, { error_code: 'SMS.0001', error_msg: 'refused' }), ['contract']);
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
    const outcome = await runSuiteAgainst(
      (req, res) => {
        if (!req.headers['x-auth-token'])
          return answer(401, { error_code: 'APIGW.0301', error_msg: 'no token' })(req, res);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('{}');
      },
      ['contract'],
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failed).toContain('every named request example of the spec → 200 {}');
    expect(outcome.failed).toContain('start: the minimal and the full body → 200 {} (raw HTTP and through the client)');
    expect(outcome.output).not.toContain(TOKEN);
  });

  it('that answers success with a body outside the 200 schema: the success tests fail', async () => {
    const outcome = await runSuiteAgainst(
      (req, res) => {
        if (!req.headers['x-auth-token'])
          return answer(401, { error_code: 'APIGW.0301', error_msg: 'no token' })(req, res);
        answer(200, { result: 'started' })(req, res);
      },
      ['contract'],
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failed).toContain('every named request example of the spec → 200 {}');
    expect(outcome.failed).toContain(
      'accepts task ids at the length limits (1 and 36) and a token of 16,384 characters',
    );
    expect(outcome.output).not.toContain(TOKEN);
  });
});

describe('the contract suite fails against a server that breaks the list read, and only there', () => {
  // Prism checks and answers every request but the list's page, which list-server.ts makes as the
  // spec says: each run breaks one rule of the list, and must fail exactly the tests that guard it.
  let prism: PrismProcess;
  beforeAll(async () => {
    prism = await startPrism({ errors: true });
  });
  afterAll(() => prism?.stop());

  const dropCount = ({ count: _, ...page }: Page) => page;
  const dropState = (page: Page) => ({ ...page, tasks: page.tasks.map(({ state: _, ...task }) => task) });
  const cases: Array<{ name: string; rules: ListRules; fails: (title: string) => boolean }> = [
    { name: 'a page without count', rules: { bend: dropCount }, fails: (title) => title.startsWith(LIST) },
    { name: 'tasks without state', rules: { bend: dropState }, fails: (title) => title.startsWith(LIST) },
    {
      name: 'pages that ignore limit and offset',
      rules: { ignorePaging: true },
      fails: (title) => title.startsWith(LIST) && title.includes(' pages by limit '),
    },
    {
      name: 'a state filter that is ignored',
      rules: { ignoreState: true },
      fails: (title) => title.startsWith(LIST) && title.includes(' filters by '),
    },
  ];
  // Only the list read's part: the server is Prism for every other path, which the runs above cover.
  it.each(cases)('that answers $name: the tests of that rule fail, every other passes', async ({ rules, fails }) => {
    const outcome = await runSuiteAgainst(listServer(prism.url, rules), ['list-read']);
    expect(outcome.exitCode).toBe(1);
    const guards = [...outcome.failed, ...outcome.passed].filter(fails);
    expect(guards.length).toBeGreaterThanOrEqual(1);
    expect(outcome.failed.sort()).toEqual(guards.sort());
    expect(outcome.output).not.toContain(TOKEN);
  });
});
