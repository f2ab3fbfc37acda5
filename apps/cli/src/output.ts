// What the operator sees. On a terminal: a live progress line on standard error, then a summary
// table; elsewhere no colours and no progress. `--output json` prints the report at the end,
// `--output ndjson` one result a line, in input order, as soon as it and those before it are done.
import { SingleBar } from 'cli-progress';
import Table from 'cli-table3';
import { createColors } from 'picocolors';
import { OUTCOMES, type Result, type Summary } from '@sms-task/wave';

export type Format = 'table' | 'json' | 'ndjson';
export const FORMATS: readonly Format[] = ['table', 'json', 'ndjson'];

/** How many tasks that did not end ok the table lists; the report has them all. */
const LISTED = 50;

export interface Renderer {
  result(result: Result): void;
  /** After the wave: the summary, the results kept (--output json), and what to run next when it was cut. */
  end(summary: Summary, results: Result[] | undefined, resume: string | undefined): void;
}

/** Whether results are kept for the end (--output json prints them all at once). */
export const keepsResults = (format: Format) => format === 'json';

export function renderer(format: Format, stream: NodeJS.WriteStream, dryRun: boolean): Renderer {
  const color = createColors(Boolean(stream.isTTY) && !('NO_COLOR' in process.env));
  // Once its reader has closed it, nothing more is written (the report still has everything).
  const out = { write: (text: string) => void (stream.destroyed || stream.writableEnded || stream.write(text)) };
  if (format === 'ndjson') {
    // The lines of one turn of the event loop go out in one write: a write per line costs a syscall.
    let pending = '';
    const flush = () => {
      if (pending) out.write(pending);
      pending = '';
    };
    return {
      result(result) {
        if (!pending) setImmediate(flush);
        pending += `${JSON.stringify(result)}\n`;
        if (pending.length > 65_536) flush();
      },
      end: flush,
    };
  }
  if (format === 'json') {
    return {
      result: () => {},
      end: (summary, results) => out.write(`${JSON.stringify({ results, summary }, null, 2)}\n`),
    };
  }
  const listed: Result[] = [];
  let unlisted = 0;
  const paint: Record<string, (text: string) => string> = {
    ok: color.green,
    refused: color.yellow,
    failed: color.red,
    invalid: color.red,
    not_sent: color.dim,
  };
  return {
    result(result) {
      // A repeat is not sent in a dry run either: it is listed as the repeat it is.
      if (dryRun && result.outcome === 'not_sent' && !result.repeats) out.write(`would send  ${result.error_msg}\n`);
      else if (result.outcome !== 'ok' && listed.length < LISTED) listed.push(result);
      else if (result.outcome !== 'ok') unlisted++;
    },
    end(summary, _, resume) {
      if (listed.length) {
        const table = new Table({
          head: ['task', 'outcome', 'status', 'code', 'message'],
          style: { head: [], border: [], compact: true },
          wordWrap: true,
          colWidths: [null, null, null, null, 60],
        });
        for (const r of listed) {
          table.push([r.task_id, paint[r.outcome]!(r.outcome), r.status ?? '', r.error_code ?? '', r.error_msg ?? '']);
        }
        out.write(`${table.toString()}\n`);
        if (unlisted) out.write(`… and ${unlisted} more (see --report)\n`);
      }
      const counts = new Table({ head: ['outcome', 'tasks'], style: { head: [], border: [], compact: true } });
      for (const outcome of OUTCOMES) counts.push([paint[outcome]!(outcome), summary[outcome]]);
      if (summary.duplicates) counts.push([color.dim('  of which repeats'), summary.duplicates]);
      if (summary.skipped_ok) counts.push([color.dim('ok before (not sent)'), summary.skipped_ok]);
      out.write(`${counts.toString()}\n`);
      if (!summary.complete && !dryRun) out.write(`${color.red(cutLine(summary))}\n`);
      if (resume) out.write(`finish it: ${resume}\n`);
    },
  };
}

/** A cut wave never looks complete: why, and how much of it was read. */
export function cutLine(summary: Summary): string {
  const notRead = summary.ids_not_read === null ? 'an unknown number' : summary.ids_not_read;
  return (
    `CUT OFF${summary.cut ? ` (${summary.cut})` : ''}: ${summary.ids_read} ids read, ${notRead} not read` +
    (summary.not_sent > summary.duplicates ? `, ${summary.not_sent - summary.duplicates} read but not sent` : '')
  );
}

/** The live progress line: done/total, ok/refused/failed, calls a second, time left. */
export function progressLine(err: NodeJS.WritableStream, total: number | undefined) {
  const bar = new SingleBar(
    {
      stream: err,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
      format: (options, params, payload) => {
        const rate = payload.elapsed > 0 ? params.value / payload.elapsed : 0;
        const left = total && rate > 0 ? ` · ${Math.ceil((total - params.value) / rate)} s left` : '';
        return (
          `${params.value}${total ? `/${total}` : ''} done · ok ${payload.ok} · refused ${payload.refused} · ` +
          `failed ${payload.failed} · ${rate.toFixed(1)}/s${left}`
        );
      },
    },
    undefined,
  );
  const started = performance.now();
  bar.start(total ?? 0, 0, { ok: 0, refused: 0, failed: 0, elapsed: 0 });
  return {
    update(done: number, counts: Record<'ok' | 'refused' | 'failed', number>) {
      bar.update(done, { ...counts, elapsed: (performance.now() - started) / 1000 });
    },
    stop: () => bar.stop(),
  };
}
