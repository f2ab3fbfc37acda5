// One result per task, and what its outcome means for the operator: did the service act?
import { SmsApiError, SmsError, SmsValidationError } from '@sms-task/client';

/**
 * - `ok`: a 2xx answer: the service accepted it.
 * - `refused`: a 4xx answer (SMS.1038, a 404…): the service did not act.
 * - `failed`: a 5xx, a timeout, a network error, an unusable answer: it may have acted.
 * - `invalid`: refused by the local checks before anything was sent.
 * - `not_sent`: a dry run, or interrupted before it was sent.
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
  attempts: number;
  duration_ms: number;
}

/** A call that was never sent (a dry run): its message says what would have been. */
export class NotSent extends Error {}

export function resultOf(
  base: Pick<Result, 'task_id' | 'operation' | 'attempts' | 'duration_ms'>,
  answer: { status: number; requestId?: string | undefined } | undefined,
  error?: unknown,
): Result {
  const { task_id, operation, attempts, duration_ms } = base;
  const result = (outcome: Outcome, status: number | null, code: string | null, msg: string | null, id?: string) => ({
    task_id,
    operation,
    outcome,
    status,
    error_code: code,
    error_msg: msg,
    request_id: id ?? null,
    attempts,
    duration_ms,
  });
  if (error === undefined) return result('ok', answer!.status, null, null, answer!.requestId);
  if (error instanceof NotSent) return { ...result('not_sent', null, null, error.message), attempts: 0 };
  const outcome: Outcome =
    error instanceof SmsValidationError
      ? 'invalid'
      : error instanceof SmsApiError && error.status >= 400 && error.status < 500
        ? 'refused'
        : 'failed';
  const api = error instanceof SmsApiError ? error : undefined;
  return result(
    outcome,
    (error as { status?: number }).status ?? null,
    api?.errorCode ?? (error instanceof SmsError ? error.name : null),
    api?.errorMsg ?? (error instanceof Error ? error.message : String(error)),
    (error as { requestId?: string }).requestId,
  );
}

export const notSent = (task_id: string, operation: string, why: string): Result => ({
  task_id,
  operation,
  outcome: 'not_sent',
  status: null,
  error_code: null,
  error_msg: why,
  request_id: null,
  attempts: 0,
  duration_ms: 0,
});

export type Summary = Record<Outcome, number>;
export const emptySummary = (): Summary => ({ ok: 0, refused: 0, failed: 0, invalid: 0, not_sent: 0 });
