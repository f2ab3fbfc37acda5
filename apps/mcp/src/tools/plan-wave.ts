// sms_plan_wave: a dry run of one operation on ids (≤ 500, or an ids file under --ids-dir), or of
// the resume of a wave; returns a plan_id that expires, and the confirmation sms_run_wave will ask.
import { existsSync } from 'node:fs';
import type { McpServer } from '@modelcontextprotocol/server';
import type { TaskActionRequest } from '@sms-task/client';
import * as z from 'zod';
import type { App } from '../app.js';
import { resolveIdsFile } from '../ids-file.js';
import { WAVE_ID } from '../internal/ids.js';
import { FIELDS, OPERATION_NAMES } from '../operations.js';
import { type Given, planWave } from '../planner.js';
import { answer, guarded, refuse } from '../results.js';
import { planOutput, published } from '../schemas.js';

const fields = z
  .object(
    Object.fromEntries(
      FIELDS.map((field) => [
        field.name,
        (field.type === 'boolean' ? z.boolean() : z.string()).optional().describe(field.description),
      ]),
    ),
  )
  .strict();

const input = z
  .object({
    operation: z.enum(OPERATION_NAMES),
    task_ids: z.array(z.string().min(1)).min(1).max(500).optional(),
    ids_file: z.string().min(1).optional().describe('a file in --ids-dir, one id a line'),
    resume_wave_id: z.string().regex(WAVE_ID).optional().describe('plan the rest of this wave'),
    fields: fields.optional(),
  })
  .refine((args) => [args.task_ids, args.ids_file, args.resume_wave_id].filter(Boolean).length === 1, {
    message: 'give exactly one of task_ids, ids_file, resume_wave_id',
  });

export function registerPlanWave(server: McpServer, app: App): void {
  server.registerTool(
    'sms_plan_wave',
    {
      title: 'Plan a wave',
      description:
        'Dry run of one operation on tasks, or of resume_wave_id: checks every id and field, reads each state, ' +
        'says what would happen to each. Sends nothing. Returns a plan_id for sms_run_wave.',
      inputSchema: published(input),
      outputSchema: published(planOutput),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    guarded(app, 'sms_plan_wave', async (args: z.infer<typeof input>) => {
      let given: Given;
      if (args.task_ids) given = { ids: args.task_ids };
      else if (args.ids_file) {
        const file = resolveIdsFile(app.settings.idsDir, args.ids_file);
        if ('problem' in file) return refuse(app, file.problem);
        given = { idsFile: file.path };
      } else {
        const journal = app.folders.journal(args.resume_wave_id!);
        if (!existsSync(journal)) return refuse(app, `unknown wave ${args.resume_wave_id}: no journal of it here`);
        given = { resume: args.resume_wave_id!, journal, running: Boolean(app.waves.get(args.resume_wave_id!)) };
      }
      const body = { ...args.fields, operation: args.operation } as TaskActionRequest;
      const planned = await planWave(args.operation, body, given, {
        client: app.client,
        plans: app.plans,
        concurrency: app.settings.concurrency,
        rate: app.settings.rate,
        timeoutMs: app.settings.timeoutMs,
        where: app.where,
        refusal: app.refusal,
      });
      if ('problem' in planned) return refuse(app, planned.problem);
      return answer(app, planned.output);
    }),
  );
}
