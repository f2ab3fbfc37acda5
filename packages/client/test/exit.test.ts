// No leaked socket or timer: a process that drives the built client through timeouts, resets,
// aborts, retries and errors exits by itself as soon as its own server closes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = (entry: string) => `
  import { createServer } from 'node:http';
  import { createSmsClient } from ${JSON.stringify(entry)};
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const kind = req.url.split('/')[3];
      if (kind === 'hang') return; // never answers
      if (kind === 'reset') return req.socket.destroy();
      if (kind === 'busy') return res.writeHead(503, { 'retry-after': '0' }).end();
      if (kind === 'html') return res.writeHead(502, { 'content-type': 'text/html' }).end('<title>x</title>');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const sms = createSmsClient({
    endpoint: 'http://127.0.0.1:' + server.address().port,
    auth: { token: 't' },
    timeoutMs: 600_000,
    retry: { attempts: 3, baseDelayMs: 600_000, maxDelayMs: 600_000, maxElapsedMs: Infinity },
  });
  const settle = (p) => p.then(() => 'ok', (e) => e.name);
  const results = await Promise.all([
    settle(sms.tasks.start('ok')),
    settle(sms.tasks.start('hang', {}, { timeoutMs: 100 })),
    settle(sms.tasks.start('reset')),
    settle(sms.tasks.start('busy')),
    settle(sms.tasks.start('html')),
    settle(sms.tasks.start('hang', {}, { signal: AbortSignal.timeout(50) })),
    settle(sms.tasks.start('x'.repeat(99))),
  ]);
  console.log(JSON.stringify(results));
  server.closeAllConnections();
  server.close();
`;

function run(entry: string) {
  return new Promise<{ out: string; code: number | null; signal: string | null }>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT(entry)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    // Far beyond what the script needs on a busy machine, far below the ten-minute timeout and
    // backoff a leaked timer would hold the process for.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ out, code, signal });
    });
  });
}

describe('the process exits promptly after every kind of failure', () => {
  for (const name of ['index', 'node']) {
    it(`with the ${name} entry`, async () => {
      const { out, code, signal } = await run(fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url)));
      expect(signal, out).toBeNull();
      expect(code, out).toBe(0);
      expect(JSON.parse(out.trim())).toEqual([
        'ok',
        'SmsTimeoutError',
        'SmsNetworkError',
        'SmsApiError',
        'SmsApiError',
        'SmsAbortError',
        'SmsValidationError',
      ]);
    });
  }
});
