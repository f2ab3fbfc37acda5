import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface ClosedPort {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Closes the connection that holds the port. */
  release(): void;
}

/** A loopback port on which a connection is refused (ECONNREFUSED) for as long as it is held. */
export function closedPort(): Promise<ClosedPort>;

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
export type Handler = (req: IncomingMessage, res: ServerResponse, recorded: Recorded) => void;
/** A handler that answers with this status, JSON body and headers. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Handler;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request so far, in arrival order. */
  requests: Recorded[];
  /** Answer the next requests with these handlers, in order, then with the `always` one. */
  reply(...next: Handler[]): void;
  always(handler: Handler): void;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}
/** A real HTTP server on 127.0.0.1 that records every request and answers with `initial` (default 200 {}). */
export function recordingServer(initial?: Handler, options?: { keepAliveTimeout?: number }): Promise<RecordingServer>;

export interface PackedProject {
  dir: string;
  tarballs: string[];
  path(...parts: string[]): string;
  remove(): void;
}
/** Packs each package folder (`pnpm pack`) and installs the tarballs with npm into a new project. */
export function packedProject(options: {
  packages: string[];
  /** Names the temporary folder (`sms-<name>-…`). */
  name?: string;
  /** `"type": "module"` in the project's package.json (default true). */
  module?: boolean;
  /** Registry packages to install beside the tarballs, in the same npm run (`msw@2.15.0`, aliases too). */
  add?: string[];
}): PackedProject;
/** A copy of a packed project in a new folder, `"type": "module"` or not (instead of a second install). */
export function copiedProject(from: PackedProject, options: { name?: string; module?: boolean }): PackedProject;

export interface CommandRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they came. */
  output: string;
}
/** Runs a command to its end, asynchronously (servers in the test's process keep answering). */
export function runCommand(command: string, args: string[], options?: SpawnOptions): Promise<CommandRun>;

export interface StartedProcess {
  child: ChildProcess;
  /** The readiness line's match. */
  match: RegExpExecArray;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
/** What `spawnUntilLine` rejects with when the command ends before its readiness line. */
export interface EndedBeforeReady extends Error {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Everything it printed (stdout and stderr). */
  output: string;
}
/** Starts a command; resolves at the first output line matching `ready`, rejects if it ends first (`EndedBeforeReady`). */
export function spawnUntilLine(
  command: string,
  args: string[],
  options: SpawnOptions & { ready: RegExp },
): Promise<StartedProcess>;

export interface ScratchFolder {
  /** `parent/<pid>` */
  dir: string;
  path(...parts: string[]): string;
  /** Empties it (creating it when absent). */
  fresh(): void;
  /** Removes it, and the parent unless another run still uses it. */
  remove(): void;
}
/** A folder of this process's own under `parent` (inside a package, so its packages resolve by name). */
export function scratchFolder(parent: string): ScratchFolder;
/** Writes a strict tsconfig (nodenext, no emit, these options on top) over `dir`'s .ts files and runs `tsc` on it. */
export function typeCheck(
  dir: string,
  options: { tsc: string; compilerOptions?: Record<string, unknown> },
): Promise<CommandRun>;

/** Options for playwright-core's `chromium.launch`: CHROMIUM_PATH or Debian's headless shell (or its browser), quiet. */
export function chromiumLaunchOptions(): { executablePath: string; args: string[] };
