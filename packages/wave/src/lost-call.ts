// A resume's question for a call that may have acted (its answer was lost): read the task through the
// client and let the client's one rule (judgeLostCall) say whether the call acted. A read that fails
// is no evidence either way: the verdict is then unknown, and the call is not repeated on a guess.
import { judgeLostCall, type LostCallVerdict, SmsAbortError, type SmsClient } from '@sms-task/client';

export interface Recheck {
  verdict: LostCallVerdict;
  reason: string;
  /** What the read found, when it answered. */
  state?: string;
  status?: number;
  requestId?: string | undefined;
}

export async function recheckLostCall(
  client: SmsClient,
  call: { taskId: string; operation: string; sentAt: number | undefined },
  options: { signal: AbortSignal; timeoutMs?: number | undefined },
): Promise<Recheck> {
  if (call.sentAt === undefined) {
    return { verdict: 'unknown', reason: 'the report does not say when the earlier call was sent' };
  }
  let read: Awaited<ReturnType<SmsClient['tasks']['read']>>;
  try {
    read = await client.tasks.read(call.taskId, {
      signal: options.signal,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  } catch (error) {
    if (error instanceof SmsAbortError) throw error;
    return { verdict: 'unknown', reason: `the task could not be read (${(error as Error).message})` };
  }
  const { data: task, status, requestId, date } = read;
  const judged = judgeLostCall({ ...call, sentAt: call.sentAt, task, serverDate: date, readAt: Date.now() });
  return { ...judged, state: task.state, status, requestId };
}

/** A lost call the read cannot judge: not sent again (unless --resend-unknown), and not ok. */
export class UndeterminedCall extends Error {
  override name = 'Undetermined';
  constructor(
    readonly check: Recheck,
    operation: string,
  ) {
    super(
      `an earlier run's ${operation} got no answer and ${check.reason}: not sent again; check the task, ` +
        'then resume with --resend-unknown to send it',
    );
  }
}
