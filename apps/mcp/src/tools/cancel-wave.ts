// sms_cancel_wave: the CLI's first signal (no new calls; the calls in flight finish and the journal
// is completed); abort: true is the second (the calls in flight are aborted: they may have acted,
// and a resume reads each before sending it again).
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { App } from '../app.js';
import { WAVE_ID } from '../internal/ids.js';
import { answer, guarded, refuse } from '../results.js';
import { published, waveSummary } from '../schemas.js';
import { summaryOf, viewWave } from '../wave-view.js';

const input = z.object({
  wave_id: z.string().regex(WAVE_ID),
  abort: z.boolean().default(false).describe('also abort the calls in flight'),
});

export function registerCancelWave(server: McpServer, app: App): void {
  server.registerTool(
    'sms_cancel_wave',
    {
      title: 'Cancel a wave',
      description: 'Stops a running wave: no new calls, calls in flight finish; abort: true aborts those too.',
      inputSchema: published(input),
      outputSchema: published(waveSummary),
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guarded(app, 'sms_cancel_wave', async (args: z.infer<typeof input>) => {
      const reason = args.abort ? 'aborted by sms_cancel_wave' : 'cancelled by sms_cancel_wave';
      if (args.abort) app.waves.abort(args.wave_id, reason);
      else app.waves.stop(args.wave_id, reason);
      const journal = app.folders.journal(args.wave_id);
      const view = viewWave(args.wave_id, journal, app.waves.get(args.wave_id), { offset: 0, limit: 50 });
      return view ? answer(app, summaryOf(view)) : refuse(app, `unknown wave ${args.wave_id}: no journal of it here`);
    }),
  );
}
