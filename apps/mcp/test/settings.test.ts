// The start-up settings: the flags as documented, each bad one refused with its reason (the server
// does not start), the reports folder in the user's state folder by default, and where the calls go
// said in the confirmation without the endpoint's URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { readSettings, UsageError } from '../src/settings.js';
import { defaultReportsDir } from '../src/state-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'sms-mcp-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the flags', () => {
  it('are read-only, elicitation-confirmed, 8 calls in flight by default', () => {
    const settings = readSettings(['--region', 'ap-southeast-3'], {}, 'linux');
    expect(settings).toMatchObject({ region: 'ap-southeast-3', concurrency: 8, confirm: 'elicit' });
    expect([...settings.writes]).toEqual([]);
  });

  it('allow every operation with a bare --allow-write, or those listed', () => {
    expect(readSettings(['--allow-write'], {}).writes.size).toBe(9);
    expect([...readSettings(['--allow-write=stop,clone-test'], {}).writes]).toEqual(['stop', 'clone_test']);
  });

  it.each([
    [['--allow-write=cutover'], /--allow-write: unknown operation cutover/],
    [['--allow-write', 'stop'], /Unexpected argument 'stop'/],
    [['--confirm=nobody'], /--confirm must be client/],
    [['--concurrency', '0'], /--concurrency must be a whole number above 0/],
    [['--rate', 'fast'], /--rate must be a number above 0/],
    [['--token', 'x'], /Unknown option '--token'/],
  ])('refuse %j', (argv, reason) => {
    expect(() => readSettings(argv, {})).toThrow(UsageError);
    expect(() => readSettings(argv, {})).toThrow(reason);
  });
});

describe('the reports folder by default', () => {
  it.each([
    ['linux', {}, join(homedir(), '.local', 'state', 'sms-task-mcp')],
    ['linux', { XDG_STATE_HOME: '/state' }, '/state/sms-task-mcp'],
    ['darwin', {}, join(homedir(), 'Library', 'Application Support', 'sms-task-mcp')],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\op\\AppData\\Local' }, 'C:\\Users\\op\\AppData\\Local\\sms-task-mcp'],
  ] as const)('on %s with %j is %s', (platform, env, folder) => {
    expect(defaultReportsDir(env, platform)).toBe(folder);
  });
});

describe('the start', () => {
  const start = (argv: string[], env: NodeJS.ProcessEnv) =>
    createApp(readSettings([...argv, '--reports-dir', dir], {}), env, { log: () => {} });

  it('names the region in the confirmation, never the endpoint', () => {
    expect(start(['--region', 'ap-southeast-3'], { SMS_TOKEN: 'token-1234' }).where).toBe('in ap-southeast-3');
    expect(start(['--endpoint', 'http://10.0.0.1:4011'], { SMS_TOKEN: 'token-1234' }).where).toBe(
      'at the configured endpoint',
    );
  });

  it('refuses to start without an endpoint or credentials, naming what is missing', () => {
    expect(() => start([], { SMS_TOKEN: 'token-1234' })).toThrow(/^no endpoint: pass --endpoint URL or --region ID/);
    expect(() => start(['--region', 'ap-southeast-3'], {})).toThrow(/^no credentials: set SMS_TOKEN/);
    expect(() => start(['--region', 'ap-southeast-3'], { HUAWEICLOUD_SDK_AK: 'AK0123456789' })).toThrow(
      /HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/,
    );
  });
});
