// One result per task, and what its outcome means for the operator: did the service act?
import { mayHaveActed, SmsApiError, SmsError, SmsValidationError } from '@sms-task/client';
import { UndeterminedCall } from './lost-call.js';

/**
 * - `ok`: a 2xx answer: the service accepted it.
 * - `refused`: a 4xx answer (SMS.1038, a 404…): the service did not act.
 * - `failed`: a 5xx, a timeout, a network error, an unusable answer, no answer before the run ended,
 *   or (on a resume) a lost call its task's read cannot judge: it may have acted, unless
 *   `may_have_acted` is false (a 429/503 after its retries, a connection never made).
 * - `invalid`: refused by the local checks before anything was sent.
 * - `not_sent`: a dry run, a repeated id, or a wave cut off before it was sent.
 */
export type Outcome = 'ok' | 'refused' | 'failed' | 'invalid' | 'not_sent';
export const OUTCOMES: readonly Outcome[] = ['ok', 'refused', 'failed', 'invalid', 'not_sent'];

export interface Result {
  task_id: string;
  operation: string;
  outcome: Outcome;
  status: number | null;
  error_code: string | null;
  error_msg: string | null;
  request_id: string | null;
  /** Tries the client made for the call, as the client reports them; 0 when nothing was sent. */
  attempts: number;
  duration_ms: number;
  /** Where the id was read: `ids.txt:17`, `stdin:4`, `arg:2`. */
  line: string;
  /** For a repeated id: where it was read first (it is sent once, under that line). */
  repeats: string | null;
  /**
   * Only on a resume's task whose earlier call may have acted: the state its read found. With `ok`
   * the read showed the call acted or its effect holds; with `failed` (Undetermined) it could not
   * tell. Either way the call was not sent again (`attempts` 0).
   */
  state?: string;
  /** On `failed`: whether the call may have acted (the client's verdict); a resume reads such a task first. */
  may_have_acted?: boolean;
}

/** A 2xx answer: of the call, or of the task's read that found the call had acted (`state`). */
export interface Answer {
  status: number;
  requestId?: string | undefined;
  attempts: number;
  state?: string | undefined;
}

/** Where an id was read, and the result's fields that do not depend on the answer. */
export interface Base {
  task_id: string;
  operation: string;
  line: string;
  duration_ms: number;
}

const blank = (base: Base, outcome: Outcome, msg: string | null): Result => ({
  task_id: base.task_id,
  operation: base.operation,
  outcome,
  status: null,
  error_code: null,
  error_msg: msg,
  request_id: null,
  attempts: 0,
  duration_ms: base.duration_ms,
  line: base.line,
  repeats: null,
});

export const okResult = (base: Base, answer: Answer): Result => ({
  ...blank(base, 'ok', null),
  status: answer.status,
  request_id: answer.requestId ?? null,
  attempts: answer.attempts,
  ...(answer.state === undefined ? {} : { state: answer.state }),
});

export function errorResult(base: Base, error: unknown): Result {
  if (error instanceof UndeterminedCall) {
    const { state } = error.check;
    return {
      ...blank(base, 'failed', error.message),
      error_code: error.name,
      may_have_acted: true,
      ...(state === undefined ? {} : { state }),
    };
  }
  const outcome: Outcome =
    error instanceof SmsValidationError
      ? 'invalid'
      : error instanceof SmsApiError && error.status >= 400 && error.status < 500
        ? 'refused'
        : 'failed';
  const api = error instanceof SmsApiError ? error : undefined;
  return {
    ...blank(base, outcome, api?.errorMsg ?? (error instanceof Error ? error.message : String(error))),
    status: (error as { status?: number }).status ?? null,
    error_code: api?.errorCode ?? (error instanceof SmsError ? error.name : null),
    request_id: (error as { requestId?: string }).requestId ?? null,
    attempts: (error as { attempts?: number }).attempts ?? 0,
    ...(outcome === 'failed' ? { may_have_acted: mayHaveActed(error) } : {}),
  };
}

export const notSent = (base: Base, why: string): Result => blank(base, 'not_sent', why);

export const repeated = (base: Base, first: string): Result => ({
  ...blank(base, 'not_sent', `a repeat of ${first}: sent once, under that line`),
  repeats: first,
});

/** A task the journal says was sent, with no answer recorded: the run ended first (one try, handed to the client). */
export const unanswered = (base: Base): Result => ({
  ...blank(base, 'failed', 'the run ended before its answer arrived; it may have acted'),
  error_code: 'NoAnswer',
  attempts: 1,
  may_have_acted: true,
});

export const emptyCounts = (): Record<Outcome, number> => ({ ok: 0, refused: 0, failed: 0, invalid: 0, not_sent: 0 });
