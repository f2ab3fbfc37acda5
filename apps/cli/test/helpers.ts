// What the command's tests share: running sms-task as an operator does (a child process, with
// its output captured), and the sandbox it talks to, with calls held on cue.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from '@sms-task/client';
import {
  type Sandbox,
  type SandboxServer,
  type SandboxServerOptions,
  startSandboxServer,
  type TaskState,
} from '@sms-task/sandbox';
import { spec } from '@sms-task/spec';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, it } from 'vitest';

export const CLI = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts sms-task; `input` goes to its standard input. */
export function start(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  if (input !== undefined) child.stdin!.end(input);
  const done: Promise<Run> = once(child, 'close').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** Resolves once sms-task has printed `count` lines on standard output (or has ended). */
export function printed(wave: ReturnType<typeof start>, count: number) {
  return new Promise<void>((resolve) => {
    let lines = 0;
    const onData = (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      if (lines >= count) done();
    };
    const done = () => {
      wave.child.stdout!.off('data', onData);
      wave.child.off('close', done);
      resolve();
    };
    wave.child.stdout!.on('data', onData);
    wave.child.on('close', done);
  });
}

/** Resolves once sms-task has printed `count` lines on standard output in all, since it started (or has ended). */
export function printedInAll(wave: ReturnType<typeof start>, count: number) {
  const lines = () => wave.output().stdout.split('\n').length - 1;
  return new Promise<void>((resolve) => {
    const check = () => {
      if (lines() < count && wave.child.exitCode === null) return;
      wave.child.stdout!.off('data', check);
      wave.child.off('close', check);
      resolve();
    };
    wave.child.stdout!.on('data', check);
    wave.child.on('close', check);
    check();
  });
}

/** Runs sms-task to its end. */
export const run = (args: string[], env: Record<string, string> = {}, input?: string) => start(args, env, input).done;

export const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/**
 * A sandbox server for each test of the file, started before it and closed after it with its
 * connections: `sandbox()` is the current one. Unknown ids become READY tasks (`autoCreate`), which
 * `start` accepts; a test seeds the states and faults it needs.
 */
export function useSandbox(options: SandboxServerOptions = {}) {
  let current: SandboxServer;
  beforeEach(async () => {
    current = await startSandboxServer({ autoCreate: true, ...options });
  });
  afterEach(() => current.close());
  return () => current.sandbox;
}

// A task part-way through started an hour or more before the test (a third of the sandbox's six
// hours): nothing in its read dates from around a call the test makes, as with a real wave.
const PART_WAY = ['RUNNING', 'ABORT', 'MIGRATE_FAIL'];

/** Puts each task in `state`, part-way through its migration where the state allows. */
export const seed = (sandbox: Sandbox, state: TaskState, ...ids: string[]) => {
  for (const id of ids) sandbox.setTask(id, PART_WAY.includes(state) ? { state, progress: 0.3 } : state);
};

/** The task actions the sandbox answered for one task, in order. */
export const callsTo = (sandbox: Sandbox, id: string) =>
  sandbox.calls().filter((call) => call.taskId === id && call.method === 'POST');

/** The reads of one task's state (`GET /v3/tasks/{task_id}`) the sandbox answered. */
export const readsOf = (sandbox: Sandbox, id: string) =>
  sandbox.calls().filter((call) => call.taskId === id && call.method === 'GET');

/** The error code of the spec's named example (what the sandbox answers with it). */
export const errorCodeOf = (example: string) => spec.examples.get(example)!.value.error_code as string;

/**
 * Holds one call for each id listed (an id twice: two calls), of any operation, before the sandbox
 * sees it, until `release()`: never, if the test does not release it (a server that never
 * answers). Every call, held or not, is listed in `arrivals` as it comes.
 */
export function holdCalls(sandbox: Sandbox, ...ids: string[]) {
  const toHold = [...ids];
  const held: (() => void)[] = [];
  const answered: Promise<unknown>[] = [];
  const arrivals: string[] = [];
  const waiting: (() => void)[] = [];
  for (const operation of OPERATIONS) {
    sandbox.override(operation, async (call, next) => {
      arrivals.push(call.taskId);
      for (const wake of waiting.splice(0)) wake();
      const at = toHold.indexOf(call.taskId);
      if (at >= 0) {
        toHold.splice(at, 1);
        await new Promise<void>((resolve) => held.push(resolve));
        const answer = next();
        answered.push(answer);
        return answer;
      }
      return next();
    });
  }
  return {
    arrivals,
    /** Resolves once `count` calls have arrived in all. */
    async arrived(count: number) {
      while (arrivals.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    /** Lets every held call on to the sandbox; resolves when the sandbox has acted on them. */
    async release() {
      for (const answer of held.splice(0)) answer();
      await Promise.all(answered);
    },
  };
}

const schema = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: true }).addSchema(schema);
/** A line of the report, as the shipped JSON Schema says. */
export const validLine = ajv.getSchema(schema.$id)!;
/** `--output json`'s parts, as the schema's definitions say. */
export const validResult = ajv.getSchema(`${schema.$id}#/$defs/result`)!;
export const validSummary = ajv.getSchema(`${schema.$id}#/$defs/summary`)!;

export type Line = Record<string, any>;

/** A report (a journal): its lines, whole ones only, each checked against the schema. */
export function readReport(file: string) {
  const text = readFileSync(file, 'utf8');
  const lines: Line[] = text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const invalid = lines.filter((line) => !validLine(line));
  return {
    lines,
    invalid,
    results: lines.filter((line) => line.type === 'result'),
    sent: lines.filter((line) => line.type === 'sent'),
    summaries: lines.filter((line) => line.type === 'summary'),
  };
}

/** A sandbox with `count` RUNNING tasks `w-0`… and an ids file in `dir` that lists them. */
export async function sandboxWave(dir: string, count: number, name = 'ids.txt') {
  const ids = Array.from({ length: count }, (_, i) => `w-${i}`);
  const server = await startSandboxServer({
    tasks: ids.map((id) => ({ id, state: 'RUNNING' as const, progress: 0.3 })),
  });
  const idsFile = join(dir, name);
  writeFileSync(idsFile, `${ids.join('\n')}\n`);
  return {
    ...server,
    ids,
    idsFile,
    /** The calls the sandbox answered for a task, in order. */
    calls: (id: string) => server.sandbox.task(id)!.history.filter((entry) => entry.event === 'call'),
    reads: (id: string) => readsOf(server.sandbox, id),
    state: (id: string) => server.sandbox.task(id)!.state,
  };
}

/** A random whole number from `min` to `max`: where a wave is cut. */
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

// What a platform cannot run, marked by it (so the Windows and macOS jobs report them skipped):
// Windows has no SIGINT, SIGTERM or SIGHUP to send a process (a kill there ends it at once), and
// util-linux `script`, which makes the pseudo-terminal, is Linux's.
const windows = process.platform === 'win32';
/** A test that sends SIGINT, SIGTERM or SIGHUP and reads how the command answers it. */
export const itWithSignals: ReturnType<typeof it.skipIf> = it.skipIf(windows);
export const describeWithSignals: ReturnType<typeof describe.skipIf> = describe.skipIf(windows);
/** A test run in a util-linux pseudo-terminal, or by bash with curl. */
export const itOnLinux: ReturnType<typeof it.skipIf> = it.skipIf(process.platform !== 'linux');
export const itWithBash: ReturnType<typeof it.skipIf> = it.skipIf(windows);
