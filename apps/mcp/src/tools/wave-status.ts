// sms_wave_status: a wave's progress, outcomes and the tasks not ok, paged, from its journal (also a
// wave of an earlier server, or of one that was killed); while it runs, waits at most wait_s for it.
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { App } from '../app.js';
import { WAVE_ID } from '../internal/ids.js';
import { answer, guarded, refuse } from '../results.js';
import { published, waveOutput } from '../schemas.js';
import { viewWave } from '../wave-view.js';
import { MAX_WAIT_S, waitForWave } from '../wait-wave.js';

const input = z.object({
  wave_id: z.string().regex(WAVE_ID),
  wait_s: z.number().min(0).max(MAX_WAIT_S).default(0).describe('while running, wait up to this for its end'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export function registerWaveStatus(server: McpServer, app: App): void {
  server.registerTool(
    'sms_wave_status',
    {
      title: 'Status of a wave',
      description: "A wave's state, counts per outcome and its tasks not ok (paged); waits up to wait_s while it runs.",
      inputSchema: published(input),
      outputSchema: published(waveOutput),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(app, 'sms_wave_status', async (args: z.infer<typeof input>, ctx) => {
      const journal = app.folders.journal(args.wave_id);
      await waitForWave(app.waves.get(args.wave_id), args.wait_s, ctx);
      const view = viewWave(args.wave_id, journal, app.waves.get(args.wave_id), args);
      return view ? answer(app, view) : refuse(app, `unknown wave ${args.wave_id}: no journal of it here`);
    }),
  );
}
