// Stopping the server ends its waves as the CLI's SIGTERM does: no new calls, the calls in flight
// finish, each journal gets its summary; then the process exits. A second signal aborts the calls
// in flight (recorded as failed: they may have acted). Standard input closed by the host is the
// same first signal. After a kill -9 nothing runs: the journals say where each wave stood, and a
// resume plan reads every task whose call may have acted before it sends it again.
import { constants } from 'node:os';
import type { App } from './app.js';

const SIGNALS: NodeJS.Signals[] =
  process.platform === 'win32' ? ['SIGINT', 'SIGTERM', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function endOnSignals(app: App, close: () => Promise<void>, exit: (code: number) => void): void {
  let ending = false;
  const end = async (why: string, code: number) => {
    if (ending) {
      app.log(`${why} again: aborting the calls in flight (they are recorded failed: they may have acted)`);
      app.waves.abortAll(`${why} (a second time)`);
      return;
    }
    ending = true;
    app.log(`${why}: stopping; no new calls, the calls in flight finish and each journal is completed`);
    await app.waves.stopAll(why);
    await close().catch(() => {});
    exit(code);
  };
  for (const signal of SIGNALS) process.on(signal, () => void end(signal, 128 + (constants.signals[signal] ?? 0)));
  process.stdin.once('end', () => void end('standard input closed', 0));
}
