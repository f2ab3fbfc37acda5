// A call that waits for a wave (sms_run_wave, sms_wave_status): until the wave ends, `wait_s` runs
// out or the caller cancels, with progress notifications on the way. Hosts time tools out after 60
// seconds, so no call waits longer than 25.
import type { ServerContext } from '@modelcontextprotocol/server';
import { progressOf } from './progress.js';
import type { LiveWave } from './waves.js';

export const MAX_WAIT_S = 25;

export function waitForWave(live: LiveWave | undefined, waitS: number, ctx: ServerContext): Promise<void> {
  if (!live) return Promise.resolve();
  const progress = progressOf(ctx);
  const tell = (last = false) => {
    const { ok, refused, failed } = live.counts;
    const done = ok + refused + failed;
    const of = live.total === undefined ? '' : `/${live.total}`;
    progress(
      done,
      live.total,
      `${live.id}: ${done}${of} answered (ok ${ok}, refused ${refused}, failed ${failed})`,
      last,
    );
  };
  tell();
  if (waitS <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unwatch();
      ctx.mcpReq.signal.removeEventListener('abort', finish);
      tell(true);
      resolve();
    };
    const timer = setTimeout(finish, Math.min(waitS, MAX_WAIT_S) * 1000);
    const unwatch = live.watch(() => tell());
    void live.ended.then(finish);
    ctx.mcpReq.signal.addEventListener('abort', finish);
  });
}
