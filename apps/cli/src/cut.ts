// What cuts a wave short, and what it does then. SIGINT (Ctrl-C), SIGTERM (CI runners, systemd,
// Kubernetes, `timeout`) and SIGHUP (a closed SSH session) all act as the first Ctrl-C: no new
// calls, the calls in flight finish, the report is completed; the exit code is 128 + the signal's
// number. A second signal aborts the calls in flight. Standard output closed by its reader
// (`sms-task … | head -1`) ends the wave the same way.
import { constants } from 'node:os';

export const CUT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** As a command killed by SIGPIPE exits: its output was closed. */
export const OUTPUT_CLOSED_EXIT = 128 + constants.signals.SIGPIPE;

export interface Cut {
  /** Why the wave was cut, when it was: `SIGTERM`, `output closed`, … */
  readonly reason: string | undefined;
  readonly exitCode: number | undefined;
  /** Cuts the wave (another reason than a signal: the report cannot be written). */
  cut(reason: string, exitCode: number): void;
  dispose(): void;
}

export function watchCuts(
  wave: { stop(reason: string): void; abort(): void },
  stdout: NodeJS.WriteStream,
  say: (text: string) => void,
): Cut {
  let reason: string | undefined;
  let exitCode: number | undefined;
  const cut = (why: string, code: number, message: string) => {
    if (reason) return;
    reason = why;
    exitCode = code;
    wave.stop(why);
    say(message);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (reason) {
      wave.abort();
      say(`sms-task: ${signal}: aborting the calls in flight (they are reported failed: they may have acted)\n`);
      return;
    }
    cut(
      signal,
      128 + constants.signals[signal],
      `\nsms-task: ${signal}: stopping: no new calls; the calls in flight finish and the report is completed ` +
        '(a second signal aborts them)\n',
    );
  };
  const onOutputError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      cut('output closed', OUTPUT_CLOSED_EXIT, 'sms-task: standard output was closed: stopping, as on Ctrl-C\n');
    }
  };
  for (const signal of CUT_SIGNALS) process.on(signal, onSignal);
  stdout.on('error', onOutputError);
  return {
    get reason() {
      return reason;
    },
    get exitCode() {
      return exitCode;
    },
    cut: (why, code) => cut(why, code, `sms-task: ${why}: stopping\n`),
    dispose() {
      for (const signal of CUT_SIGNALS) process.off(signal, onSignal);
      stdout.off('error', onOutputError);
    },
  };
}
