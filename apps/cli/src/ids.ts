// The task ids of a status or a wait: given as arguments (`-`: standard input), in --ids-file, or
// those a wave's report (--report) records; each id once, in the order first given.
import { CliError, EXIT } from './exit-codes.js';
import { describeSource, readReport, readSource } from '@sms-task/wave';

export async function collectIds(args: string[], idsFile: string | undefined, report: string | undefined) {
  if (!args.length && !idsFile && !report) {
    throw new CliError('no tasks: give task ids, - (standard input), --ids-file FILE or --report REPORT', EXIT.usage);
  }
  const ids = new Set<string>();
  if (report) for (const id of readReport(report).tasks.keys()) ids.add(id);
  if (args.length || idsFile) {
    const { source } = await describeSource(args, idsFile);
    for await (const { id } of readSource(source, process.stdin)) ids.add(id);
  }
  if (!ids.size) throw new CliError('no tasks: the ids given hold none', EXIT.usage);
  return [...ids];
}
