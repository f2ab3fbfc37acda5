// What the command's tests share: running sms-task as an operator does (a child process, with
// its output captured), and a node:http server that counts calls in flight and misbehaves on cue.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxServer } from '@sms-task/sandbox';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach } from 'vitest';

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

/** Runs sms-task to its end. */
export const run = (args: string[], env: Record<string, string> = {}, input?: string) => start(args, env, input).done;

export const ndjson = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

type Behaviour = (req: IncomingMessage, res: ServerResponse, seen: number) => void;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * A server that answers by the task id's prefix: `ok-` 200, `refuse-` 400 SMS.1038, `fail-` 500,
 * `busy-` 503 (Retry-After: 0) the first time then 200, `echo-` 400 echoing the X-Auth-Token,
 * `hold-` only when `release()` is called, `hang-` never; `slow-N-` after N ms. It counts the
 * calls in flight at once and records every call.
 */
export async function testServer() {
  let inFlight = 0;
  let maxInFlight = 0;
  const calls: { id: string; at: number }[] = [];
  const seen = new Map<string, number>();
  const held: (() => void)[] = [];
  const arrivals: (() => void)[] = [];
  const behaviours: [string, Behaviour][] = [
    [
      'refuse-',
      (_, res) =>
        json(res, 400, {
          error_code: 'SMS.1038',
          error_msg: 'Only tasks that are created or monitored can be paused.',
        }),
    ],
    ['fail-', (_, res) => json(res, 500, { error_code: 'SMS.2007', error_msg: 'Background exception.' })],
    ['busy-', (_, res, n) => (n === 1 ? json(res, 503, {}, { 'retry-after': '0' }) : json(res, 200, {}))],
    ['echo-', (req, res) => json(res, 400, { error_code: 'X', error_msg: `bad token ${req.headers['x-auth-token']}` })],
    ['hold-', (_, res) => held.push(() => json(res, 200, {}))],
    ['hang-', () => {}],
  ];
  const server = createServer((req, res) => {
    const id = decodeURIComponent(req.url!.split('/')[3] ?? '');
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    calls.push({ id, at: performance.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    for (const wake of arrivals.splice(0)) wake();
    req.resume();
    req.on('end', () => {
      const slow = /^slow-(\d+)-/.exec(id);
      const behaviour = behaviours.find(([prefix]) => id.startsWith(prefix))?.[1];
      const answer = () => (behaviour ? behaviour(req, res, n) : json(res, 200, {}));
      if (slow) setTimeout(answer, Number(slow[1]));
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    /** Answers every held call. */
    release: () => {
      for (const answer of held.splice(0)) answer();
    },
    /** Resolves once `count` calls have arrived in all. */
    async arrived(count: number) {
      while (calls.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TestServer = Awaited<ReturnType<typeof testServer>>;

/** A fresh test server for each test of the file: `server()` is the current one. */
export function useTestServer() {
  let current: TestServer;
  beforeEach(async () => {
    current = await testServer();
  });
  afterEach(() => current.close());
  return () => current;
}
export const exited = (child: ChildProcess) => once(child, 'close');

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
  const server = await startSandboxServer({ tasks: ids.map((id) => ({ id, state: 'RUNNING' as const })) });
  const idsFile = join(dir, name);
  writeFileSync(idsFile, `${ids.join('\n')}\n`);
  return {
    ...server,
    ids,
    idsFile,
    /** The calls the sandbox answered for a task, in order. */
    calls: (id: string) => server.sandbox.task(id)!.history.filter((entry) => entry.event === 'call'),
    state: (id: string) => server.sandbox.task(id)!.state,
  };
}

/** A random whole number from `min` to `max`: where a wave is cut. */
export const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
