// Faults set for rehearsals: a task (or every task) answers with a server error, a 503 or 429 with
// Retry-After, after a delay, or not at all (the connection drops). A fault comes before the task
// is touched: the service did not act on a call that met one. A fault meets the task actions
// (POST), or with `method: 'GET'` the reads: a task's read, and the list read for a fault without `task`.

/** The calls a fault meets: the task actions, or the reads. */
export type FaultMethod = 'POST' | 'GET';

export interface Fault {
  /** The task it applies to; every task (and, for reads, the list read too) when absent. */
  task?: string;
  /** `POST` (default): the task actions; `GET`: the reads (`GET /v3/tasks/{task_id}`, and `GET /v3/tasks`). */
  method?: FaultMethod;
  /** Answer with this status: 500 (the spec's background_exception), 503 or 429. */
  status?: 500 | 503 | 429;
  /** With a 503 or 429: the Retry-After header, in seconds. */
  retryAfter?: number;
  /** Wait this long before answering (or before the fault's own answer). */
  delayMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** How many calls meet it before it is spent; every call when absent. */
  times?: number;
}

const KEYS = ['task', 'method', 'status', 'retryAfter', 'delayMs', 'drop', 'times'];
const STATUSES = [500, 503, 429];
const METHODS: FaultMethod[] = ['POST', 'GET'];
const count = (value: unknown, min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min;

/** The reason `value` is not a fault, or undefined when it is one. */
export function faultProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'a fault must be a JSON object';
  const fault = value as Record<string, unknown>;
  const unknown = Object.keys(fault).find((key) => !KEYS.includes(key));
  if (unknown) return `unknown fault field "${unknown}": use ${KEYS.join(', ')}`;
  if (fault.task !== undefined && (typeof fault.task !== 'string' || !fault.task)) return 'task must be a task id';
  if (fault.method !== undefined && !METHODS.includes(fault.method as FaultMethod))
    return `method must be ${METHODS.join(' (the task actions, the default) or ')} (the reads)`;
  if (fault.status !== undefined && !STATUSES.includes(fault.status as number))
    return `status must be one of ${STATUSES.join(', ')}`;
  if (fault.retryAfter !== undefined && (!count(fault.retryAfter, 0) || fault.status === 500 || !fault.status))
    return 'retryAfter (whole seconds ≥ 0) goes with status 503 or 429';
  if (fault.delayMs !== undefined && !count(fault.delayMs, 0)) return 'delayMs must be a whole number ≥ 0';
  if (fault.drop !== undefined && typeof fault.drop !== 'boolean') return 'drop must be true or false';
  if (fault.drop && fault.status) return 'a fault either drops the connection or answers with a status, not both';
  if (fault.times !== undefined && !count(fault.times, 1)) return 'times must be a whole number ≥ 1';
  if (!fault.status && !fault.drop && fault.delayMs === undefined) return 'a fault needs status, drop or delayMs';
  return undefined;
}

export class FaultList {
  #faults: Fault[] = [];

  list = (): Fault[] => this.#faults.map((fault) => ({ ...fault }));
  replace = (faults: Fault[]) => {
    this.#faults = faults.map((fault) => ({ ...fault }));
  };
  add = (fault: Fault) => {
    this.#faults.push({ ...fault });
  };
  clear = () => {
    this.#faults = [];
  };

  /** The first fault for a `method` call on `taskId` (undefined: the list read), spending one of its `times`. */
  take(method: FaultMethod, taskId: string | undefined): Fault | undefined {
    const index = this.#faults.findIndex(
      (fault) => (fault.method ?? 'POST') === method && (fault.task === undefined || fault.task === taskId),
    );
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    if (fault.times !== undefined && --fault.times === 0) this.#faults.splice(index, 1);
    return fault;
  }
}
