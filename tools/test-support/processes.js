// Child processes as the tests run them: to their end, or until they print a line (a server's
// readiness line). Asynchronous, so that servers living in the test's own process keep answering.
// No timers: a process that never ends or never prints is caught by the test's own timeout.
import { spawn } from 'node:child_process';

/** Runs `command` to its end and resolves with its exit code and what it printed. */
export async function runCommand(command, args, options = {}) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { exitCode: null, signal: null, stdout: '', stderr: '', output: '' };
  child.stdout.on('data', (chunk) => ((run.stdout += chunk), (run.output += chunk)));
  child.stderr.on('data', (chunk) => ((run.stderr += chunk), (run.output += chunk)));
  [run.exitCode, run.signal] = await new Promise((resolve) =>
    child.once('close', (code, signal) => resolve([code, signal])),
  );
  return run;
}

/**
 * Starts `command` and resolves once a line of its output (stdout or stderr) matches `ready`, with
 * the match; when it ends first, rejects with everything it printed, and its exit code and signal
 * on the error (read once its output is closed, so none is lost). It keeps collecting output.
 */
export function spawnUntilLine(command, args, { ready, ...options }) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let pending = '';
    const onData = (chunk) => {
      output += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const match = ready.exec(line);
        if (match) resolve({ child, match, output: () => output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('close', (code, signal) =>
      reject(
        Object.assign(
          new Error(`${command} ${args.join(' ')} ended (${signal ?? `exit ${code}`}) before ${ready}:\n${output}`),
          { exitCode: code, signal, output },
        ),
      ),
    );
  });
}
