// sms_run_wave: runs a plan. The operation and task_count are echoed from the plan (so the host's
// approval prompt shows what will happen) and must match it; the user confirms the wave once
// (confirm.ts); the wave starts in the background with the CLI's journal, and the call returns its
// wave_id within wait_s, with progress notifications while it waits.
import type { McpServer } from '@modelcontextprotocol/server';
import type { TaskActionRequest } from '@sms-task/client';
import { type Plan, planResume, scanFile, WaveError } from '@sms-task/wave';
import * as z from 'zod';
import type { App } from '../app.js';
import { newWaveId, PLAN_ID } from '../internal/ids.js';
import { OPERATION_NAMES } from '../operations.js';
import type { StoredPlan } from '../plans.js';
import { answer, guarded, refuse } from '../results.js';
import { published, waveSummary } from '../schemas.js';
import { summaryOf, viewWave } from '../wave-view.js';
import { MAX_WAIT_S, waitForWave } from '../wait-wave.js';

const input = z.object({
  plan_id: z.string().regex(PLAN_ID),
  operation: z.enum(OPERATION_NAMES).describe("the plan's, echoed"),
  task_count: z.number().int().min(0).max(1e7).describe("the plan's, echoed"),
  wait_s: z.number().min(0).max(MAX_WAIT_S).default(10),
});

export function registerRunWave(server: McpServer, app: App): void {
  const { starting } = app;
  server.registerTool(
    'sms_run_wave',
    {
      title: 'Run a planned wave',
      description:
        "Runs a plan from sms_plan_wave after the user confirms it; operation and task_count must echo the plan's. " +
        'Returns a wave_id; the wave goes on in the background.',
      inputSchema: published(input),
      outputSchema: published(waveSummary),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    guarded(app, 'sms_run_wave', async (args: z.infer<typeof input>, ctx) => {
      const loaded = app.plans.load(args.plan_id);
      if ('problem' in loaded) return refuse(app, loaded.problem);
      const { plan } = loaded;
      if (plan.operation !== args.operation || plan.task_count !== args.task_count) {
        return refuse(
          app,
          `operation and task_count do not match plan ${plan.plan_id}, which is: ${plan.message}. ` +
            `Nothing was sent; if that is what should happen, call again with operation ${plan.operation} ` +
            `and task_count ${plan.task_count}`,
        );
      }
      const refusal = app.refusal(plan.operation);
      if (refusal) return refuse(app, `${plan.operation} is not allowed: ${refusal}; nothing was sent`);
      const checked = await waveOf(app, plan);
      if ('problem' in checked) return refuse(app, checked.problem);

      const verdict = app.confirmations.confirm(ctx, () => server.server.getClientCapabilities(), plan);
      if ('ask' in verdict) return verdict.ask as never;
      if ('problem' in verdict) return refuse(app, verdict.problem);

      // Checked again with nothing awaited before the claim: two calls with one plan start one wave.
      const still = app.plans.load(plan.plan_id);
      if ('problem' in still) return refuse(app, still.problem);
      if (starting.has(plan.plan_id)) return refuse(app, `plan ${plan.plan_id} is being started already`);
      starting.add(plan.plan_id);
      const waveId = plan.resume?.wave_id ?? newWaveId();
      try {
        const live = await app.waves.start({
          id: waveId,
          operation: plan.operation,
          request: plan.body as TaskActionRequest,
          plan: checked.plan,
          journal: app.folders.journal(waveId),
          total: plan.task_count,
        });
        app.plans.markRan(plan, waveId);
        await waitForWave(live, args.wait_s, ctx);
      } catch (error) {
        if (error instanceof WaveError) return refuse(app, `${error.message}; nothing was sent`);
        throw error;
      } finally {
        starting.delete(plan.plan_id);
      }
      const view = viewWave(waveId, app.folders.journal(waveId), app.waves.get(waveId), { offset: 0, limit: 50 });
      return answer(app, summaryOf(view!));
    }),
  );
}

/** The engine's plan of the wave, as it is now; a source or journal that changed since the plan is refused. */
async function waveOf(app: App, plan: StoredPlan): Promise<{ plan: Plan } | { problem: string }> {
  const again = 'nothing was sent; plan it again with sms_plan_wave';
  if (plan.resume) {
    const { wave_id: waveId, length } = plan.resume;
    if (app.waves.get(waveId)) return { problem: `wave ${waveId} is running already: ${again} once it ends` };
    try {
      const fresh = await planResume(app.folders.journal(waveId), plan.operation, { args: [], idsFile: undefined });
      if (fresh.record.length !== length) return { problem: `wave ${waveId} changed since the plan: ${again}` };
      return { plan: fresh };
    } catch (error) {
      if (error instanceof WaveError) return { problem: `${error.message}; ${again}` };
      throw error;
    }
  }
  const source = plan.source!;
  if (source.ids_file) {
    let sha256: string | undefined;
    try {
      ({ sha256 } = await scanFile(source.ids_file.path));
    } catch {}
    if (sha256 !== source.ids_file.sha256) return { problem: `the ids file changed since the plan: ${again}` };
  }
  return { plan: { source, count: plan.count } };
}
