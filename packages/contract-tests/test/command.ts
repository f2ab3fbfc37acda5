// Runs one of the package's commands (a built file in dist/) to its end, asynchronously: the
// servers the tests start live in this process and must keep answering meanwhile.
import { spawn } from 'node:child_process';

export interface CommandRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they came. */
  output: string;
}

export async function runCommand(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CommandRun> {
  const child = spawn(process.execPath, [file, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: CommandRun = { exitCode: null, stdout: '', stderr: '', output: '' };
  child.stdout.on('data', (chunk: Buffer) => ((run.stdout += chunk), (run.output += chunk)));
  child.stderr.on('data', (chunk: Buffer) => ((run.stderr += chunk), (run.output += chunk)));
  run.exitCode = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return run;
}
