// Starts and stops a Prism process (mock or validation proxy) for the spec. Used by the
// contract suite's global setup and by the root `start` command, so the logic lives once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PrismOptions {
  /** Path of the OpenAPI document. Default: the repository's spec/openapi.yaml. */
  spec?: string;
  /** `mock` answers from the spec's examples; `proxy` forwards to `upstream` and validates both ways. */
  mode?: 'mock' | 'proxy';
  upstream?: string;
  host?: string;
  /** A fixed port; by default the system picks a free one (two runs never collide). */
  port?: number;
  /** Prism's --errors: a contract violation becomes an error response instead of a warning header. */
  errors?: boolean;
  /** How long to wait for Prism's readiness line. Default 120 s: a hang guard, far past the few seconds it takes on a busy machine. */
  startTimeoutMs?: number;
  /** Receives Prism's output lines (its own log); by default they are kept for error messages only. */
  onLog?: (line: string) => void;
}

export interface PrismProcess {
  url: string;
  port: number;
  pid: number;
  /** Stops Prism and resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/** The spec this package was built with: its build puts it in dist/ (`pnpm build` after a spec edit). */
export const DEFAULT_SPEC = fileURLToPath(new URL('../dist/openapi.yaml', import.meta.url));
const READY = /Prism is listening on (https?:\/\/\S+)/;
/** Keeps Prism's idle connections open (see the file); copied to dist/ by the build, as the spec is. */
const KEEP_ALIVE = fileURLToPath(new URL('../dist/prism-keep-alive.cjs', import.meta.url));

function prismBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killAllOnExit() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test runner interrupted with Ctrl-C must not leave Prism behind.
  process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.forEach((child) => child.kill('SIGKILL'));
      process.kill(process.pid, signal);
    });
  }
}

export function startPrism(options: PrismOptions = {}): Promise<PrismProcess> {
  // Port 0 by default: the system picks a free port as Prism binds it, and the readiness line names it.
  const {
    mode = 'mock',
    host = '127.0.0.1',
    port = 0,
    spec = DEFAULT_SPEC,
    errors = true,
    startTimeoutMs = 120_000,
  } = options;
  const args = [prismBin(), mode, spec, '--host', host, '--port', String(port), '--errors', String(errors)];
  if (mode === 'proxy') {
    if (!options.upstream) throw new Error('startPrism: proxy mode needs an upstream URL');
    args.splice(3, 0, options.upstream);
  }
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Node's default 16 KiB header limit would refuse the spec's longest X-Auth-Token (16,384 chars),
    // and its 5 s keep-alive timer races requests when the machine is busy (prism-keep-alive.cjs).
    env: {
      ...process.env,
      NODE_OPTIONS: [
        process.env.NODE_OPTIONS,
        '--max-http-header-size=65536',
        `--require ${JSON.stringify(KEEP_ALIVE)}`,
      ]
        .filter(Boolean)
        .join(' '),
      FORCE_COLOR: '0',
    },
  });
  running.add(child);
  killAllOnExit();
  const exited = new Promise<void>((resolve) => child.once('exit', () => (running.delete(child), resolve())));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(force);
  };

  return new Promise((resolve, reject) => {
    const log: string[] = [];
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`Prism did not start: ${why}\n${log.slice(-20).join('\n')}`)));
    };
    const timer = setTimeout(() => fail(`no readiness line within ${startTimeoutMs} ms`), startTimeoutMs);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        log.push(line);
        options.onLog?.(line);
        const ready = READY.exec(line);
        if (ready) {
          clearTimeout(timer);
          const url = ready[1]!.replace(/\/$/, '');
          resolve({ url, port: Number(new URL(url).port), pid: child.pid!, stop });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}
