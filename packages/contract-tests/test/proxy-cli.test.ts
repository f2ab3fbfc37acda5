// The validation proxy's command line: bad arguments end it with a reason and the usage, exit
// code 2, before any Prism starts; a taken port ends it with one line, exit code 1.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recordingServer, runCommand } from '@sms-task/test-support';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/proxy-cli.js', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('sms-contract-proxy', () => {
  it.each([
    [[], '--upstream is required'],
    [['--upstream', 'not-a-url'], '--upstream must be an absolute http(s) URL, got "not-a-url"'],
    [['--upstream', 'ftp://example.com'], '--upstream must be an absolute http(s) URL, got "ftp://example.com"'],
    [['--upstream', 'http://127.0.0.1:1', '--port', 'abc'], '--port must be a port number from 0 to 65535, got "abc"'],
    [
      ['--upstream', 'http://127.0.0.1:1', '--port', '70000'],
      '--port must be a port number from 0 to 65535, got "70000"',
    ],
    [['--upstream', 'http://127.0.0.1:1', '--port=-1'], '--port must be a port number from 0 to 65535, got "-1"'],
    [['--nope'], "Unknown option '--nope'"],
  ])('refuses %j: exit 2 and the reason', (args, reason) => {
    const { status, stdout, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toContain(`sms-contract-proxy: ${reason}`);
    expect(stderr).toContain('usage: sms-contract-proxy --upstream <url>');
  });

  it.each(['--version', '-v'])('prints its name and the package version for %s and exits 0', (flag) => {
    const { status, stdout } = run(flag);
    expect(status).toBe(0);
    expect(stdout).toBe(`sms-contract-proxy ${version}\n`);
  });

  it('prints the usage for --help and exits 0', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(
      'usage: sms-contract-proxy --upstream <url> [--port 4011] [--host 127.0.0.1] [--spec path] [--errors]',
    );
  });

  it('ends with one line when its port is taken, not with the help text of Prism', async () => {
    const holder = await recordingServer();
    try {
      const { port } = holder;
      // Async: the holder lives in this process.
      const {
        exitCode: status,
        stdout,
        stderr,
      } = await runCommand(process.execPath, [cli, '--upstream', 'http://127.0.0.1:1', '--port', String(port)]);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim()).toBe(
        `sms-contract-proxy: port ${port} on 127.0.0.1 is in use: stop what listens there, or choose another with --port`,
      );
    } finally {
      await holder.close();
    }
  });
});
