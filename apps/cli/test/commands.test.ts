// The commands come from the spec's operations (a new one appears on its own), in the spec's form
// and in kebab form; --dry-run sends nothing.
import { OPERATIONS } from '@sms-task/client';
import { describe, expect, it } from 'vitest';
import { ndjson, run, useSandbox } from './helpers.js';

const sandbox = useSandbox();

describe('commands', () => {
  it('has a command for every operation of the spec, in its own and in kebab form', async () => {
    const help = (await run(['--help'])).stdout;
    for (const operation of OPERATIONS) {
      const kebab = operation.replace(/_/g, '-');
      expect(help).toContain(`  ${kebab}`);
      for (const name of new Set([kebab, operation])) {
        const result = await run([name, '--help']);
        expect(result.code, name).toBe(0);
        expect(result.stdout).toContain(`Usage: sms-task ${kebab}`);
      }
    }
  });

  it('sends the fields given as options, in the body the spec defines', async () => {
    const result = await run([
      'clone-test',
      '--endpoint',
      sandbox().url,
      '--output',
      'ndjson',
      '--template-id',
      'tpl-9',
      '--switch-hce',
      '--dry-run',
      'ok-1',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout)[0].error_msg).toBe(
      `POST ${sandbox().url}/v3/tasks/ok-1/action {"operation":"clone_test","template_id":"tpl-9","switch_hce":true}`,
    );
  });

  it('prints its version, and usage with exit 2 when given nothing', async () => {
    expect((await run(['--version'])).stdout).toMatch(/^sms-task \d+\.\d+\.\d+\n$/);
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: sms-task [options] [command]');
  });
});

describe('--dry-run', () => {
  it('checks every id with the client, prints what would be sent, sends nothing; 0 when all would go', async () => {
    const result = await run(['stop', '--endpoint', sandbox().url, '--dry-run', 'ok-1', 'a b']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`would send  POST ${sandbox().url}/v3/tasks/ok-1/action {"operation":"stop"}`);
    expect(result.stdout).toContain(`would send  POST ${sandbox().url}/v3/tasks/a%20b/action {"operation":"stop"}`);
    expect(sandbox().calls()).toHaveLength(0);
  });

  it('exits 2 when any task is invalid, naming the rule it broke', async () => {
    const result = await run([
      'stop',
      '--endpoint',
      sandbox().url,
      '--dry-run',
      '--output',
      'json',
      'ok-1',
      'x'.repeat(37),
    ]);
    expect(result.code).toBe(2);
    const { results, summary } = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ invalid: 1, not_sent: 1 });
    expect(results[1]).toMatchObject({
      outcome: 'invalid',
      error_msg: 'task_id: must be 1–36 characters long, got 37',
    });
    expect(sandbox().calls()).toHaveLength(0);
  });
});
