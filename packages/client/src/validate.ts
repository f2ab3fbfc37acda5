// Local validation against limits generated from the spec (src/generated/spec-facts.ts), so bad input
// fails with a precise SmsValidationError before any byte is sent. Lengths count Unicode code
// points, as JSON Schema (and so the server's validator) does.
import { validationError } from './errors.js';
import {
  AUTH_TOKEN_RULE,
  LIST_QUERY_RULES,
  OPERATIONS,
  OPERATION_VARIANT,
  REQUEST_VARIANTS,
  TASK_ID_RULE,
} from './generated/spec-facts.js';

interface Rule {
  readonly type: 'string' | 'boolean' | 'integer';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Its error says what the value is (a type, a length), never the value itself, which may be a secret. */
function check(field: string, value: unknown, rule: Rule): void {
  if (rule.type === 'integer') return checkInteger(field, value, rule);
  if (typeof value !== rule.type) {
    throw validationError(field, 'type', `must be a ${rule.type}, got ${value === null ? 'null' : typeof value}`);
  }
  if (rule.type !== 'string') return;
  const s = value as string;
  if (rule.enum && !rule.enum.includes(s)) {
    throw validationError(field, 'enum', `must be one of ${rule.enum.join(', ')}`, rule.enum);
  }
  const { minLength = 0, maxLength = Infinity } = rule;
  // Fast path: a UTF-16 length inside the limits means the code-point length is too.
  if (s.length <= maxLength && s.length >= 2 * minLength) return;
  const length = codePoints(s);
  const short = length < minLength;
  if (short || length > maxLength) {
    throw validationError(
      field,
      short ? 'minLength' : 'maxLength',
      `must be ${minLength}–${maxLength} characters long, got ${length}`,
      short ? minLength : maxLength,
    );
  }
}

function checkInteger(field: string, value: unknown, { minimum = -Infinity, maximum = Infinity }: Rule): void {
  if (!Number.isInteger(value)) {
    throw validationError(field, 'type', `must be a whole number, got ${value === null ? 'null' : typeof value}`);
  }
  const low = (value as number) < minimum;
  if (low || (value as number) > maximum) {
    throw validationError(
      field,
      low ? 'minimum' : 'maximum',
      `must be ${minimum}–${maximum}, got ${value}`,
      low ? minimum : maximum,
    );
  }
}

// With the u flag a surrogate pair is one code point, so \p{Cs} only matches a lone surrogate, which
// has no UTF-8 form: no URL can carry it.
const LONE_SURROGATE = /\p{Cs}/u;

export function validateTaskId(taskId: unknown): asserts taskId is string {
  check('task_id', taskId, TASK_ID_RULE);
  // `.` and `..` (even percent-encoded) are dot segments: URL parsing would drop them and
  // send the call to another path.
  if (taskId === '.' || taskId === '..') {
    throw validationError('task_id', 'path', `"${taskId}" cannot be sent as a path segment`);
  }
  if (LONE_SURROGATE.test(taskId as string))
    throw validationError('task_id', 'path', 'has a lone surrogate, which no URL can carry');
}

export function validateToken(token: unknown): asserts token is string {
  check('X-Auth-Token', token, AUTH_TOKEN_RULE);
}

export function validateBody(body: unknown): void {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('body', 'type', 'must be an object');
  }
  const { operation } = body as { operation?: unknown };
  if (operation === undefined) throw validationError('operation', 'required', 'is required');
  const variant =
    typeof operation === 'string' && Object.hasOwn(OPERATION_VARIANT, operation)
      ? REQUEST_VARIANTS[OPERATION_VARIANT[operation as keyof typeof OPERATION_VARIANT]]
      : undefined;
  if (!variant) {
    throw validationError('operation', 'enum', `must be one of ${OPERATIONS.join(', ')}`, OPERATIONS);
  }
  const properties: Record<string, Rule> = variant.properties;
  for (const [field, value] of Object.entries(body)) {
    // `undefined` is dropped by JSON.stringify: treat it as absent.
    if (field === 'operation' || value === undefined) continue;
    // Own keys only: "constructor" or "__proto__" are not fields.
    const rule = Object.hasOwn(properties, field) ? properties[field] : undefined;
    if (!rule) {
      throw validationError(
        field,
        'additionalProperties',
        `is not a field of the ${operation} request (allowed: operation, ${Object.keys(properties).join(', ')})`,
      );
    }
    check(field, value, rule);
  }
  for (const field of variant.required) {
    if ((body as Record<string, unknown>)[field] === undefined) {
      throw validationError(field, 'required', `is required when operation is ${operation}`);
    }
  }
}

/** The list read's query, against the spec's parameters: unknown keys are refused, as in bodies. */
export function validateListQuery(query: unknown): void {
  if (!query || typeof query !== 'object' || Array.isArray(query)) {
    throw validationError('query', 'type', 'must be an object');
  }
  const rules: Record<string, Rule> = LIST_QUERY_RULES;
  for (const [field, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const rule = Object.hasOwn(rules, field) ? rules[field] : undefined;
    if (!rule) {
      throw validationError(
        field,
        'additionalProperties',
        `is not a query parameter (allowed: ${Object.keys(rules).join(', ')})`,
      );
    }
    check(field, value, rule);
    if (typeof value === 'string' && LONE_SURROGATE.test(value))
      throw validationError(field, 'type', 'has a lone surrogate, which no URL can carry');
  }
}
