// sms_get_tasks: where tasks stand. Given ids (≤ 100): one row each, in the order given, read by
// pages or one by one, whichever costs fewer calls; else a page of the account's tasks, by state.
import type { McpServer } from '@modelcontextprotocol/server';
import { TASK_STATES } from '@sms-task/client';
import { countStates, describe, readTasks, type TaskRow, taskRow } from '@sms-task/wave';
import * as z from 'zod';
import type { App } from '../app.js';
import { answer, guarded, refuse } from '../results.js';
import { published, tasksOutput } from '../schemas.js';

const input = z
  .object({
    task_ids: z.array(z.string().min(1)).min(1).max(100).optional(),
    state: z
      .enum(TASK_STATES as unknown as [string, ...string[]])
      .optional()
      .describe('list read filter'),
    offset: z.number().int().min(0).max(65_535).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .refine((args) => !(args.task_ids && (args.state || args.offset !== undefined || args.limit)), {
    message: 'give task_ids, or state/offset/limit for the list read, not both',
  });

export function registerGetTasks(server: McpServer, app: App): void {
  server.registerTool(
    'sms_get_tasks',
    {
      title: 'Read SMS tasks',
      description: "State, progress and error of task ids (≤100), or a page of the account's tasks by state.",
      inputSchema: published(input),
      outputSchema: published(tasksOutput),
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    guarded(app, 'sms_get_tasks', async (args: z.infer<typeof input>) => {
      const { concurrency, rate, timeoutMs } = app.settings;
      const request = timeoutMs ? { timeoutMs } : {};
      if (args.task_ids) {
        const ids = [...new Set(args.task_ids)];
        const rows = new Map<string, TaskRow>();
        await readTasks(app.client, ids, { mode: 'auto', concurrency, rate, timeoutMs }, (row) =>
          rows.set(row.task_id, row),
        );
        const tasks = ids.map((id) => rows.get(id)!);
        return answer(app, { tasks, states: countStates(tasks), count: null, next_offset: null });
      }
      const offset = args.offset ?? 0;
      let page: Awaited<ReturnType<typeof app.client.tasks.list>>;
      try {
        page = await app.client.tasks.list(
          { ...(args.state ? { state: args.state as never } : {}), offset, limit: args.limit ?? 50 },
          request,
        );
      } catch (error) {
        return refuse(app, `the list read failed: ${describe(error)}; try again later`);
      }
      const now = page.date ?? app.now();
      const tasks = page.data.tasks.map((task) => taskRow(task, now));
      const next = offset + tasks.length;
      return answer(app, {
        tasks,
        states: countStates(tasks),
        count: page.data.count,
        next_offset: tasks.length && next < page.data.count ? next : null,
      });
    }),
  );
}
