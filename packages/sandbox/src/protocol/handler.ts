// One request in, one answer out (or a dropped connection): the task action, checked in the order a
// gateway and the service would check it, the task read and the list read (the same gateway, and
// faults of their own), and the control API under its prefix. Every answer is dated by the
// sandbox's clock (the Date header).
import type { Clock } from '../state/clock.js';
import type { Fault } from '../state/faults.js';
import type { ApiRules, ErrorBody } from './api-rules.js';
import type { SignedRequest } from './auth.js';
import type { CredentialKind, SandboxCall } from './calls.js';
import { type ControlContext, controlRoute } from './control.js';
import { listTasks } from './list.js';
import {
  type Answer,
  CONTROL_PREFIX,
  isControlPath,
  requestId,
  type SandboxAnswer,
  type SandboxRequest,
} from './messages.js';
import type { ApiCall, OverrideList } from './overrides.js';

export interface HandlerContext extends ControlContext {
  api: ApiRules;
  clock: Clock;
  /** Refuses a call with wrong credentials: the reason, or undefined. */
  checkCredentials(request: SignedRequest): Promise<string | undefined>;
  permissive: boolean;
  autoCreate: boolean;
  /** Per-test answers in place of the sandbox's own. */
  overrides: OverrideList;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): SandboxAnswer => ({
  status,
  headers: { 'content-type': 'application/json', 'x-request-id': requestId(), ...headers },
  body: JSON.stringify(body),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createHandler(context: HandlerContext) {
  const { api, store, faults } = context;
  const [before, after] = api.path.split('{task_id}') as [string, string];
  const [readBefore, readAfter] = api.readPath?.split('{task_id}') ?? [];
  const { listPath } = api;

  /** The spec's named example, byte for byte; `reason` says why in a header of its own. */
  const example = (name: string, reason?: string) => {
    const { status, body } = api.example(name);
    return json(status, body, reason ? { 'x-sandbox-reason': reason } : {});
  };
  const invalid = (problem: { rule: string; message: string }) => {
    const { status, body } = api.example('sandbox_invalid_request');
    const answer: ErrorBody = {
      error_code: body.error_code,
      error_msg: `The request does not match the API description: ${problem.message}.`.slice(0, 255),
      error_param: [problem.rule],
    };
    return json(status, answer, { 'x-sandbox-reason': problem.message });
  };

  /** What the gateway refuses before the service (and an override) sees the call: an answer, or none. */
  async function gateway(request: SandboxRequest, method: 'POST' | 'GET'): Promise<Answer | undefined> {
    if (request.method !== method) {
      const only = { error_code: 'SANDBOX.0405', error_msg: `Only ${method} is allowed on this path.` };
      return json(405, only, { allow: method });
    }
    const { body } = request;
    if (body === undefined) return example('body_too_large');
    const credentials = await context.checkCredentials({ ...request, body });
    if (credentials) return example('gateway_auth_failed', credentials);
    return undefined;
  }

  /** The answer a fault gives after its delay: its own, none (null: dropped), or undefined (a delay only). */
  async function faultAnswer(fault: Fault): Promise<Answer | undefined> {
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.drop) return null;
    if (!fault.status) return undefined;
    if (fault.status === 500) return example('background_exception', 'a fault set in the sandbox');
    return json(
      fault.status,
      { error_code: `SANDBOX.0${fault.status}`, error_msg: 'A fault set in the sandbox.' },
      fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
    );
  }

  /** A read's fault, when one meets it; undefined when none does (or it only delays). */
  async function readFault(taskId: string | undefined): Promise<Answer | undefined> {
    const fault = faults.take('GET', taskId);
    return fault && faultAnswer(fault);
  }

  async function callApi(request: SandboxRequest & { body: string }, rawTaskId: string): Promise<Answer> {
    const { body } = request;
    const type = request.header('content-type');
    if (!type) return example('content_type_missing');
    if (!/^application\/json\s*(;|$)/i.test(type)) return example('content_type_wrong');

    const taskId = pathTaskId(rawTaskId);
    if (typeof taskId !== 'string') return taskId;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return invalid({ rule: '/body json', message: '/body is not JSON' });
    }
    const bodyProblem = api.checkBody(parsed);
    if (bodyProblem) return invalid(bodyProblem);
    const { operation } = parsed as { operation: string };

    if (!store.has(taskId)) {
      if (!context.autoCreate) return example('task_not_found', `no task "${taskId}" (start with --auto-create?)`);
      store.create(taskId);
    }
    const fault = faults.take('POST', taskId);
    const faulted = fault && (await faultAnswer(fault));
    if (faulted !== undefined) {
      const error_code = faulted ? `fault ${faulted.status}` : 'dropped';
      store.record(taskId, { operation, status: faulted?.status ?? 0, error_code });
      return faulted;
    }
    // The task may have gone while a fault delayed the call.
    if (!store.has(taskId)) return example('task_not_found', `task "${taskId}" was deleted`);

    // From the state read to the state written, nothing awaits: one change at a time per task.
    const result = store.call(taskId, operation, context.permissive);
    if (!result.accepted) {
      const answer = example(result.refusal, `${operation} is refused in state ${store.get(taskId)!.state}`);
      store.record(taskId, {
        operation,
        status: answer.status,
        error_code: api.example(result.refusal).body.error_code,
      });
      return answer;
    }
    store.record(taskId, { operation, status: 200, from: result.from });
    return json(200, {});
  }

  /** The task id of the path, decoded and checked against the spec's parameter; or the answer refusing it. */
  function pathTaskId(rawTaskId: string): string | SandboxAnswer {
    let taskId: string;
    try {
      taskId = decodeURIComponent(rawTaskId);
    } catch {
      return invalid({ rule: '/path/task_id encoding', message: '/path/task_id is not valid percent-encoding' });
    }
    const pathProblem = api.checkTaskId(taskId);
    return pathProblem ? invalid(pathProblem) : taskId;
  }

  /** A task read: the whole task as the clock has it now (an unknown id is a READY task with --auto-create). */
  async function readTask(rawTaskId: string): Promise<Answer> {
    const taskId = pathTaskId(rawTaskId);
    if (typeof taskId !== 'string') return taskId;
    if (!store.has(taskId)) {
      if (!context.autoCreate) return example('task_not_found', `no task "${taskId}" (start with --auto-create?)`);
      store.create(taskId);
    }
    const fault = await readFault(taskId);
    if (fault !== undefined) return fault;
    // The task may have gone while a fault delayed the read.
    const task = store.read(taskId);
    return task ? json(200, task) : example('task_not_found', `task "${taskId}" was deleted`);
  }

  async function serveRead(request: SandboxRequest, rawTaskId: string): Promise<Answer> {
    const answer = (await gateway(request, 'GET')) ?? (await readTask(rawTaskId));
    const { taskId, credential } = describeCall(request, rawTaskId);
    const errorCode = errorCodeOf(answer);
    context.calls.record({
      method: request.method,
      taskId,
      body: undefined,
      credential,
      status: answer?.status ?? 0,
      ...(errorCode === undefined ? {} : { errorCode }),
    });
    return answer;
  }

  /** The list read: one page of the tasks its query's filters match, and how many match in all. */
  async function listRead(request: SandboxRequest): Promise<Answer> {
    const checked = api.checkListQuery(new URL(request.url).searchParams);
    if ('problem' in checked) return invalid(checked.problem);
    const fault = await readFault(undefined);
    if (fault !== undefined) return fault;
    return json(200, listTasks(store, checked.query));
  }

  async function serveList(request: SandboxRequest): Promise<Answer> {
    const answer = (await gateway(request, 'GET')) ?? (await listRead(request));
    const errorCode = errorCodeOf(answer);
    context.calls.record({
      method: request.method,
      query: Object.fromEntries(new URL(request.url).searchParams),
      body: undefined,
      credential: credentialOf(request),
      status: answer?.status ?? 0,
      ...(errorCode === undefined ? {} : { errorCode }),
    });
    return answer;
  }

  /** The call through the overrides of its operation, recorded with its answer. */
  async function serveApi(request: SandboxRequest, rawTaskId: string): Promise<Answer> {
    const sent = describeCall(request, rawTaskId);
    const { operation } = sent;
    const call: ApiCall | undefined =
      operation !== undefined && api.operations.includes(operation)
        ? {
            taskId: sent.taskId,
            operation: operation as ApiCall['operation'],
            body: structuredClone(sent.body) as ApiCall['body'],
            credential: sent.credential,
            header: request.header,
          }
        : undefined;
    const refused = await gateway(request, 'POST');
    const answer =
      refused ??
      (await context.overrides.answer(call, () => callApi(request as typeof request & { body: string }, rawTaskId)));
    const errorCode = errorCodeOf(answer);
    context.calls.record({ ...sent, status: answer?.status ?? 0, ...(errorCode === undefined ? {} : { errorCode }) });
    return answer;
  }

  async function route(request: SandboxRequest): Promise<Answer> {
    const { pathname } = new URL(request.url);
    if (isControlPath(pathname)) {
      return controlRoute(context, request, pathname.slice(CONTROL_PREFIX.length));
    }
    if (pathname.startsWith(before) && pathname.endsWith(after) && pathname.length > before.length + after.length) {
      const rawTaskId = pathname.slice(before.length, pathname.length - after.length);
      if (!rawTaskId.includes('/')) return serveApi(request, rawTaskId);
    }
    if (readBefore !== undefined && pathname.startsWith(readBefore) && pathname.endsWith(readAfter!)) {
      const rawTaskId = pathname.slice(readBefore.length, pathname.length - readAfter!.length);
      if (rawTaskId && !rawTaskId.includes('/')) return serveRead(request, rawTaskId);
    }
    if (listPath !== undefined && pathname === listPath) return serveList(request);
    return json(404, { error_code: 'SANDBOX.0404', error_msg: `No such path: ${pathname}` });
  }

  return async function handle(request: SandboxRequest): Promise<Answer> {
    const answer = await route(request);
    // Dated by the sandbox's clock, as the service dates its answers by its own (an override may set its own).
    if (answer && !Object.hasOwn(answer.headers, 'date')) {
      answer.headers.date = new Date(context.clock.now()).toUTCString();
    }
    return answer;
  };
}

/** What a call was, as far as it can be read before any check: for `calls()` and the overrides. */
function describeCall(
  request: SandboxRequest,
  rawTaskId: string,
): Omit<SandboxCall, 'status' | 'errorCode'> & { taskId: string } {
  let taskId = rawTaskId;
  try {
    taskId = decodeURIComponent(rawTaskId);
  } catch {}
  let body: unknown = request.body;
  try {
    body = JSON.parse(request.body!);
  } catch {}
  const operation = (body as { operation?: unknown } | null)?.operation;
  return {
    method: request.method,
    taskId,
    ...(typeof operation === 'string' ? { operation } : {}),
    body,
    credential: credentialOf(request),
  };
}

/** The kind of credential a request carries (never its value). */
function credentialOf(request: SandboxRequest): CredentialKind {
  if (request.header('x-auth-token') !== null) return 'token';
  return request.header('authorization')?.startsWith('SDK-HMAC-SHA256 ') ? 'aksk' : 'none';
}

function errorCodeOf(answer: Answer): string | undefined {
  if (!answer?.headers['content-type']?.startsWith('application/json') || !answer.body) return undefined;
  try {
    const code = JSON.parse(answer.body)?.error_code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
