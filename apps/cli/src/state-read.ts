// A resume does not repeat a call that may have acted (the report holds it failed: no answer, a
// timeout, a 5xx) when the task's read (GET /v3/tasks/{task_id}) finds it where the operation
// leaves a task (the spec's x-sms-states-after). A task action is not idempotent: the read is the
// only way to learn whether a call whose answer was lost acted.
import type { SmsClient } from '@sms-task/client';
import { spec } from '@sms-task/spec';

// The client's own default for a call that is given no timeout.
const DEFAULT_TIMEOUT_MS = 30_000;

/** The states `operation` leaves a task in, when its effect shows in the state. */
export const statesAfter = (operation: string): readonly string[] | undefined => spec.statesAfter[operation];

export interface TaskState {
  state: string;
  status: number;
  requestId: string | undefined;
}

/** The task's state; undefined when it cannot be read (any failure: the call is then sent as before). */
export async function readTaskState(
  client: SmsClient,
  taskId: string,
  signal: AbortSignal,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<TaskState | undefined> {
  try {
    const { data, response } = await client.raw.GET('/v3/tasks/{task_id}', {
      params: { path: { task_id: taskId } },
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
    if (typeof data?.state !== 'string') return undefined;
    return { state: data.state, status: response.status, requestId: response.headers.get('x-request-id') ?? undefined };
  } catch {
    return undefined;
  }
}
