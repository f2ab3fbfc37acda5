// The control API, under its own prefix and never mixed with the API's paths: read and set tasks,
// restore the seed, settle transitional states or move the clock, set faults, read the calls. Bad
// input is a 400 with the reason.
import { advanceMs, type Clock } from '../state/clock.js';
import { type Fault, type FaultList, faultProblem } from '../state/faults.js';
import { InputError } from '../state/input-error.js';
import type { CheckedSeed } from '../state/seed.js';
import type { TaskStore } from '../state/tasks.js';
import type { CallLog } from './calls.js';
import { type Answer, CONTROL_PREFIX, type SandboxAnswer, type SandboxRequest } from './messages.js';

/** What the control API reads and changes. */
export interface ControlContext {
  store: TaskStore;
  clock: Clock;
  /** A task's seed fields checked (what it was kept where they say nothing); throws an InputError. */
  checkTask(fields: unknown, id: string): CheckedSeed;
  faults: FaultList;
  /** Every API call and its answer. */
  calls: CallLog;
  /** Restores the seed; clears the faults, overrides and calls. */
  reset(): void;
}

const reply = (status: number, body?: unknown): SandboxAnswer =>
  body === undefined
    ? { status, headers: {}, body: '' }
    : { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
const refuse = (reason: string) => reply(400, { error: reason });

const ROUTES = [
  ['GET', '/tasks'],
  ['GET|PUT|DELETE', '/tasks/{id}'],
  ['POST', '/reset'],
  ['POST', '/advance'],
  ['GET', '/clock'],
  ['GET|PUT|POST|DELETE', '/faults'],
  ['GET', '/calls'],
];

class BadInput extends Error {}

function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadInput('the task id is not valid percent-encoding');
  }
}

async function readJson(request: SandboxRequest): Promise<unknown> {
  if (request.body === undefined) throw new BadInput('the body is too large');
  try {
    return JSON.parse(request.body);
  } catch {
    throw new BadInput('the body must be JSON');
  }
}

export async function controlRoute(context: ControlContext, request: SandboxRequest, path: string): Promise<Answer> {
  const { store, faults } = context;
  const route = `${request.method} ${path.replace(/^\/tasks\/[^/]+$/, '/tasks/{id}')}`;
  try {
    const id = path.startsWith('/tasks/') ? decodeId(path.slice('/tasks/'.length)) : '';
    switch (route) {
      case 'GET /tasks':
        return reply(200, { tasks: store.list() });
      case 'GET /tasks/{id}': {
        const task = store.get(id);
        return task ? reply(200, task) : reply(404, { error: `no task "${id}"` });
      }
      case 'PUT /tasks/{id}': {
        const body = await readJson(request);
        if (!body || typeof body !== 'object' || Array.isArray(body) || !('state' in body)) {
          return refuse('the body must be { "state": "…" }, with any other field of a seed task');
        }
        if ('id' in body) return refuse("the body has no id: the task's id is the path's");
        return reply(200, store.set(context.checkTask({ id, ...body }, id)));
      }
      case 'DELETE /tasks/{id}':
        return store.delete(id) ? reply(204) : reply(404, { error: `no task "${id}"` });
      case 'POST /reset':
        context.reset();
        return reply(204);
      case 'POST /advance': {
        // No body: the transitional states settle, as before; `{ "seconds": n }` moves the clock.
        if (!request.body) return reply(200, { settled: store.advance(), now: context.clock.now() });
        const moved = store.advanceClock(advanceMs(await readJson(request)));
        return reply(200, { moved, now: context.clock.now() });
      }
      case 'GET /clock':
        return reply(200, { now: context.clock.now() });
      case 'GET /faults':
        return reply(200, { faults: faults.list() });
      case 'PUT /faults': {
        const list = await readJson(request);
        if (!Array.isArray(list)) return refuse('the body must be a JSON array of faults');
        const problems = list.map((fault, index) => [index, faultProblem(fault)] as const).filter(([, p]) => p);
        if (problems.length) return refuse(problems.map(([index, problem]) => `fault ${index}: ${problem}`).join('; '));
        faults.replace(list as Fault[]);
        return reply(200, { faults: faults.list() });
      }
      case 'POST /faults': {
        const fault = await readJson(request);
        const problem = faultProblem(fault);
        if (problem) return refuse(problem);
        faults.add(fault as Fault);
        return reply(200, { faults: faults.list() });
      }
      case 'DELETE /faults':
        faults.clear();
        return reply(204);
      case 'GET /calls':
        return reply(200, { calls: context.calls.list() });
      default:
        return reply(404, {
          error: `no control route ${request.method} ${CONTROL_PREFIX}${path}`,
          routes: ROUTES.map(([methods, route]) => `${methods} ${CONTROL_PREFIX}${route}`),
        });
    }
  } catch (error) {
    if (error instanceof BadInput || error instanceof InputError) return refuse(error.message);
    throw error;
  }
}
