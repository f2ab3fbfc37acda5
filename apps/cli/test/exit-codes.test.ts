// Every exit code, and what the command says with each: 0 all ok, 1 some task not ok, 2 a usage
// error before anything is sent, 3 configuration or credentials, 130 interrupted (Ctrl-C); the
// other signals and closed output are in cut-off.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdCalls, readReport, run, seed, start, useSandbox, itWithSignals } from './helpers.js';

const TOKEN = { SMS_TOKEN: 'any-token' };
const dir = mkdtempSync(join(tmpdir(), 'sms-task-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sandbox = useSandbox();

describe('exit codes', () => {
  it('0 when every task ended ok, 1 when any did not', async () => {
    seed(sandbox(), 'RUNNING', 'refuse-1'); // start refuses a running task
    expect((await run(['start', '--endpoint', sandbox().url, 'ok-1', 'ok-2'], TOKEN)).code).toBe(0);
    expect((await run(['start', '--endpoint', sandbox().url, 'ok-3', 'refuse-1'], TOKEN)).code).toBe(1);
  });

  it.each([
    [['start'], /no tasks: give task ids, - \(standard input\), --ids-file FILE or --resume REPORT/],
    [['clone-test', 'a'], /required option '--template-id <value>' not specified/],
    [['start', '--concurrency', '0', 'a'], /--concurrency must be a whole number above 0/],
    [['start', '--output', 'xml', 'a'], /argument 'xml' is invalid. Allowed choices are table, json, ndjson/],
    [['start', '--frobnicate', 'a'], /unknown option '--frobnicate'/],
    [['cutover', 'a'], /unknown command 'cutover'/],
    [['start', '--ids-file', '/nonexistent/ids.txt'], /cannot read --ids-file/],
  ])('2 for a usage error, before anything is sent: %j', async (args, message) => {
    const result = await run([...args, '--endpoint', sandbox().url], TOKEN);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(sandbox().calls()).toHaveLength(0);
  });

  it('3 without credentials, naming the variables that give them; 3 without an endpoint', async () => {
    const none = await run(['start', '--endpoint', sandbox().url, 'ok-1']);
    expect(none.code).toBe(3);
    for (const name of [
      'SMS_TOKEN',
      '--token-file',
      'HUAWEICLOUD_SDK_AK',
      'HUAWEICLOUD_SDK_SK',
      'HUAWEICLOUD_SDK_DOMAIN_ID',
    ]) {
      expect(none.stderr).toContain(name);
    }
    const nowhere = await run(['start', 'ok-1'], TOKEN);
    expect(nowhere.code).toBe(3);
    expect(nowhere.stderr).toContain(
      'no endpoint: pass --endpoint URL or --region ID (or set SMS_ENDPOINT or SMS_REGION)',
    );
    expect(sandbox().calls()).toHaveLength(0);
  });

  it('3 when the report cannot be written, before anything is sent', async () => {
    const full = await run(['stop', '--endpoint', sandbox().url, '--report', '/dev/full', 'ok-1'], TOKEN);
    expect(full.code).toBe(3);
    expect(full.stderr).toContain('cannot write the report /dev/full');
    const nowhere = await run(
      ['stop', '--endpoint', sandbox().url, '--report', join(dir, 'no/such/dir.jsonl'), 'ok-1'],
      TOKEN,
    );
    expect(nowhere.code).toBe(3);
    expect(sandbox().calls()).toHaveLength(0);
  });

  itWithSignals(
    '130 on Ctrl-C: nothing more is sent, the calls in flight finish, and the report is written',
    async () => {
      const report = join(dir, 'interrupted.jsonl');
      const held = holdCalls(sandbox(), 'hold-1', 'hold-2');
      const wave = start(
        [
          'start',
          '--endpoint',
          sandbox().url,
          '--concurrency',
          '2',
          '--report',
          report,
          'hold-1',
          'hold-2',
          'ok-3',
          'ok-4',
          'ok-5',
        ],
        TOKEN,
      );
      await held.arrived(2);
      wave.child.kill('SIGINT');
      // The command says it is stopping once it has heard the signal; then the held calls may finish.
      while (!wave.output().stderr.includes('stopping'))
        await new Promise((resolve) => wave.child.stderr!.once('data', resolve));
      await held.release();
      const result = await wave.done;
      expect(result.code).toBe(130);
      const { results, summaries, invalid } = readReport(report);
      expect(invalid).toEqual([]);
      expect(
        results
          .filter((r) => r.outcome === 'ok')
          .map((r) => r.task_id)
          .sort(),
      ).toEqual(['hold-1', 'hold-2']);
      expect(results.filter((r) => r.outcome !== 'ok').every((r) => r.outcome === 'not_sent')).toBe(true);
      expect(summaries).toMatchObject([{ ok: 2, cut: 'SIGINT', complete: false, wave_ok: false }]);
      expect(held.arrivals).toHaveLength(2);
    },
  );

  itWithSignals(
    '130 on a second Ctrl-C, which aborts the calls in flight (reported failed: they may have acted)',
    async () => {
      const never = holdCalls(sandbox(), 'hang-1', 'hang-2'); // never released: never answered
      const wave = start(
        ['start', '--endpoint', sandbox().url, '--concurrency', '2', '--output', 'json', 'hang-1', 'hang-2', 'ok-3'],
        TOKEN,
      );
      await never.arrived(2);
      wave.child.kill('SIGINT');
      while (!wave.output().stderr.includes('stopping'))
        await new Promise((resolve) => wave.child.stderr!.once('data', resolve));
      wave.child.kill('SIGINT');
      const result = await wave.done;
      expect(result.code).toBe(130);
      const { results } = JSON.parse(result.stdout);
      expect(results.slice(0, 2)).toMatchObject([
        { task_id: 'hang-1', outcome: 'failed', error_code: 'SmsAbortError' },
        { task_id: 'hang-2', outcome: 'failed', error_code: 'SmsAbortError' },
      ]);
      expect(never.arrivals).toHaveLength(2);
    },
  );
});
