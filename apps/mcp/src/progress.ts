// Progress notifications while a call waits for a wave, when the caller asked for them (a progress
// token): one at the start, then at most one every 250 ms, so that a fast wave does not flood it,
// and the last one.
import type { ServerContext } from '@modelcontextprotocol/server';

const EVERY_MS = 250;

export type Progress = (done: number, total: number | undefined, message: string, last?: boolean) => void;

/** The last notification goes at once: one held back would arrive after the result, and be dropped. */
export function progressOf(ctx: ServerContext): Progress {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return () => {};
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  let pending: (() => void) | undefined;
  return (done, total, message, final = false) => {
    const send = () => {
      last = Date.now();
      pending = undefined;
      void ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: { progressToken: token, progress: done, ...(total === undefined ? {} : { total }), message },
        })
        .catch(() => {});
    };
    if (final || Date.now() - last >= EVERY_MS) {
      clearTimeout(timer);
      timer = undefined;
      return send();
    }
    pending = send;
    timer ??= setTimeout(() => {
      timer = undefined;
      pending?.();
    }, EVERY_MS).unref();
  };
}
