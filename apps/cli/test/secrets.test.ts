// A secret is never printed: not the token (from SMS_TOKEN or --token-file), not the secret key,
// in no output form, no report and no error, even when a server echoes the token back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { run, useSandbox } from './helpers.js';

const TOKEN = 'tok-SECRET-9f8e7d6c5b4a';
const SK = 'sk-SECRET-0a1b2c3d4e5f';
const dir = mkdtempSync(join(tmpdir(), 'sms-task-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const current = useSandbox();

/** echo-1 is refused by a server that writes the token it got into its error message. */
beforeEach(() => {
  current().override('start', (call, next) =>
    call.taskId === 'echo-1'
      ? { status: 400, body: { error_code: 'X', error_msg: `bad token ${call.header('x-auth-token')}` } }
      : next(),
  );
  current().setFaults([{ task: 'fail-1', status: 500 }]);
});

it.each(['table', 'json', 'ndjson'])('keeps the token out of --output %s, the report and errors', async (output) => {
  const report = join(dir, `${output}.json`);
  const result = await run(
    ['start', '--endpoint', current().url, '--output', output, '--report', report, 'echo-1', 'fail-1', 'ok-1'],
    { SMS_TOKEN: TOKEN },
  );
  expect(result.code).toBe(1);
  expect(current().calls()).toHaveLength(3);
  for (const text of [result.stdout, result.stderr, readFileSync(report, 'utf8')]) expect(text).not.toContain(TOKEN);
  expect(result.stdout).toContain('[redacted]');
});

it('keeps a --token-file token and an AK/SK secret key out of every output', async () => {
  const file = join(dir, 'token.txt');
  writeFileSync(file, `${TOKEN}\n`);
  const fromFile = await run([
    'start',
    '--endpoint',
    current().url,
    '--token-file',
    file,
    '--output',
    'json',
    'echo-1',
  ]);
  expect(fromFile.stdout + fromFile.stderr).not.toContain(TOKEN);
  const aksk = await run(['start', '--endpoint', current().url, '--output', 'json', 'echo-1', 'ok-1'], {
    HUAWEICLOUD_SDK_AK: 'AKEXAMPLE',
    HUAWEICLOUD_SDK_SK: SK,
  });
  expect(JSON.parse(aksk.stdout).summary).toMatchObject({ ok: 1, refused: 1 });
  expect(aksk.stdout + aksk.stderr).not.toContain(SK);
  const missing = await run(['start', '--endpoint', current().url, '--token-file', join(dir, 'nope'), 'ok-1']);
  expect(missing.code).toBe(3);
});
