// The control API, under its own prefix and never mixed with the API's paths: read and set tasks,
// restore the seed, settle transitional states, set faults, read the calls. Bad input is a 400
// with the reason.
import { type Fault, type FaultList, faultProblem } from '../state/faults.js';
import type { TaskStore } from '../state/tasks.js';
import { isState, STATES } from '../state/transitions.js';
import type { CallLog } from './calls.js';
import { type Answer, CONTROL_PREFIX, type SandboxAnswer, type SandboxRequest } from './messages.js';

/** What the control API reads and changes. */
export interface ControlContext {
  store: TaskStore;
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
        const body = (await readJson(request)) as { state?: unknown } | null;
        const keys = body && typeof body === 'object' ? Object.keys(body) : [];
        if (!body || typeof body !== 'object' || keys.length !== 1 || keys[0] !== 'state') {
          return refuse('the body must be { "state": "…" }');
        }
        if (!isState(body.state))
          return refuse(`unknown state ${JSON.stringify(body.state)}: use ${STATES.join(', ')}`);
        return reply(200, store.set(id, body.state));
      }
      case 'DELETE /tasks/{id}':
        return store.delete(id) ? reply(204) : reply(404, { error: `no task "${id}"` });
      case 'POST /reset':
        context.reset();
        return reply(204);
      case 'POST /advance':
        return reply(200, { settled: store.advance() });
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
    if (error instanceof BadInput) return refuse(error.message);
    throw error;
  }
}
