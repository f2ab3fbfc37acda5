// The tools' output schemas (zod, given to the SDK, which publishes them as JSON Schema and checks
// every structuredContent against them). Terse on purpose: tools/list is read into an agent's context.
import { OUTCOMES } from '@sms-task/wave';
import * as z from 'zod';
import { WILLS } from './planner.js';

const text = z.string().nullable();
const number = z.number().nullable();
// A count by name (outcome, state…): as an object of numbers, which publishes shorter than a record.
const counts = z.object({}).catchall(z.number());

export const taskRowSchema = z.object({
  task_id: z.string(),
  name: text,
  state: text,
  progress: number,
  migrate_speed: number,
  remain_seconds: number,
  connected: z.boolean().nullable(),
  error: text,
});

export const tasksOutput = z.object({
  tasks: z.array(taskRowSchema),
  states: counts,
  count: number.describe('tasks the list read matched'),
  next_offset: number,
});

export const planOutput = z.object({
  plan_id: z.string(),
  expires_at: z.string(),
  operation: z.string(),
  task_count: z.number(),
  resume_wave_id: text,
  message: z.string(),
  runnable: z.boolean(),
  counts,
  states: counts,
  rows: z.array(z.object({ task_id: z.string(), line: z.string(), will: z.enum(WILLS), state: text, note: text })),
  rows_omitted: z.number(),
});

/** A wave in short: what sms_run_wave and sms_cancel_wave answer. */
export const waveSummary = z.object({
  wave_id: z.string(),
  operation: z.string(),
  state: z.enum(['running', 'stopping', 'done', 'cut', 'interrupted']),
  counts,
  in_flight: z.number(),
  ids_not_read: number,
  wave_ok: z.boolean(),
  cut: text,
});

/** With the tasks not ok, a page of them: what sms_wave_status answers. */
export const waveOutput = waveSummary.extend({
  rows: z.array(
    z.object({
      task_id: z.string(),
      outcome: z.enum(OUTCOMES as [string, ...string[]]),
      status: number,
      error_code: text,
      error_msg: text,
      state: text,
      may_have_acted: z.boolean().nullable(),
    }),
  ),
  rows_total: z.number(),
  next_offset: number,
});

/**
 * The schema as the SDK publishes it, less the `$schema` key zod puts on each (55 bytes a schema, ten
 * schemas: tools/list's budget is 8 KiB). Validation is zod's own, unchanged.
 */
export function published<T extends z.ZodType>(schema: T): T {
  const standard = schema['~standard'] as unknown as {
    jsonSchema: Record<'input' | 'output', (options: object) => Record<string, unknown>>;
  };
  const strip =
    (io: 'input' | 'output') =>
    (options: object): Record<string, unknown> => {
      const { $schema: _, ...json } = standard.jsonSchema[io](options);
      return json;
    };
  const wrapped = { ...standard, jsonSchema: { input: strip('input'), output: strip('output') } };
  return new Proxy(schema, { get: (target, key) => (key === '~standard' ? wrapped : Reflect.get(target, key)) });
}
