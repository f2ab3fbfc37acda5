// sms-task: one command per operation of the spec (`start`, `clone-test` = `clone_test`, …), each
// acting on many tasks at once through @sms-task/client.
import { once } from 'node:events';
import { rename, writeFile } from 'node:fs/promises';
import {
  type Authenticator,
  createSmsClient,
  REGIONS,
  type RegionId,
  SmsAbortError,
  type SmsClient,
  SmsValidationError,
  type TaskActionRequest,
} from '@sms-task/client';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { resolveAuth, resolveTarget } from './config.js';
import { CliError, EXIT } from './exit-codes.js';
import { commandName, type Field, loadFields } from './fields.js';
import { countIds, readIds } from './ids.js';
import { emptySummary, NotSent, type Result } from './outcome.js';
import { FORMATS, type Format, progressLine, renderer } from './output.js';
import { runWave } from './wave.js';

interface Flags {
  idsFile?: string;
  resume?: string;
  endpoint?: string;
  region?: string;
  tokenFile?: string;
  concurrency: number;
  rate?: number;
  timeout?: number;
  output: Format;
  report?: string;
  dryRun?: boolean;
  progress: boolean;
  [field: string]: unknown;
}

const positive = (name: string, whole: boolean) => (value: string) => {
  const number = Number(value);
  if (!(number > 0) || (whole && !Number.isInteger(number))) {
    throw new InvalidArgumentError(`${name} must be a ${whole ? 'whole ' : ''}number above 0`);
  }
  return number;
};

const EXAMPLES = (name: string, operation: string, field?: Field) => `
Examples:
  sms-task ${name} --region ap-southeast-3 ${field ? `${field.flag} tpl-1 ` : ''}task-1 task-2
  sms-task ${name} --endpoint http://127.0.0.1:4011 --ids-file wave.txt --concurrency 16 --report ${operation}.json
  grep -v done ids.txt | sms-task ${name} --region ap-southeast-3 - --output ndjson
  sms-task ${name} --region ap-southeast-3 --resume ${operation}.json   # only what did not end ok
  sms-task ${name} --region ap-southeast-3 --dry-run task-1   # what would be sent

Credentials: SMS_TOKEN or --token-file FILE; else HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
HUAWEICLOUD_SDK_DOMAIN_ID (and HUAWEICLOUD_SDK_SECURITY_TOKEN). Never on the command line.
Exit codes: 0 all ok · 1 some task not ok · 2 usage error · 3 configuration or credentials · 130 interrupted.`;

export async function main(argv: string[]): Promise<number> {
  const { path, operations, descriptions, fields } = loadFields();
  let exitCode: number = EXIT.ok;
  const program = new Command('sms-task')
    .description('Act on many Huawei Cloud SMS migration tasks at once: one command per operation.')
    .version(await version(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(sms-task <command> --help for the options)');

  for (const operation of operations) {
    const name = commandName(operation);
    const taken = fields.filter((field) => field.takenBy.includes(operation));
    const command = program
      .command(name)
      .description(descriptions[operation] ?? operation)
      .argument('[task-ids...]', 'task ids; - reads them from standard input, one a line')
      .option('--ids-file <file>', 'read task ids from a file, one a line (blank lines and # comments skipped)')
      .option('--resume <report>', 'run again the tasks of a --report that did not end ok, and nothing else')
      .option('--endpoint <url>', 'the service URL (or SMS_ENDPOINT)')
      .option('--region <id>', 'a region id, e.g. ap-southeast-3 (or SMS_REGION)')
      .option('--token-file <file>', 'read the X-Auth-Token from a file (instead of SMS_TOKEN)')
      .option('--concurrency <n>', 'calls in flight at most', positive('--concurrency', true), 8)
      .option('--rate <n>', 'calls started a second at most, across all', positive('--rate', false))
      .option('--timeout <ms>', 'per try, in ms (the client default: 30000)', positive('--timeout', true))
      .addOption(new Option('--output <format>', 'how results are printed').choices(FORMATS).default('table'))
      .option('--report <file>', 'write the results as JSON (see schema/report.schema.json)')
      .option('--dry-run', 'check every id and field, print what would be sent, send nothing')
      .option('--no-progress', 'no progress line, even on a terminal')
      .addHelpText(
        'after',
        EXAMPLES(
          name,
          operation,
          taken.find((f) => f.requiredBy.includes(operation)),
        ),
      );
    if (name !== operation) command.alias(operation);
    for (const field of taken) {
      const required = field.requiredBy.includes(operation);
      const flag = field.type === 'boolean' ? field.flag : `${field.flag} <value>`;
      const option = new Option(flag, `${field.description}${required ? ' (required)' : ''}`);
      if (required) option.makeOptionMandatory();
      command.addOption(option);
      if (field.type === 'boolean') command.addOption(new Option(`--no-${field.flag.slice(2)}`).hideHelp());
    }
    command.action(async (taskIds: string[], flags: Flags) => {
      exitCode = await run(operation, taskIds, flags, taken, path);
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (!argv.length) {
      program.outputHelp();
      return EXIT.usage;
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`sms-task: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

async function run(operation: string, taskIds: string[], flags: Flags, taken: Field[], path: string): Promise<number> {
  const sources = { args: taskIds, idsFile: flags.idsFile, resume: flags.resume };
  if (!taskIds.length && !flags.idsFile && !flags.resume) {
    throw new CliError('no tasks: give task ids, - (standard input), --ids-file FILE or --resume REPORT', EXIT.usage);
  }
  if (flags.resume && (taskIds.length || flags.idsFile)) {
    throw new CliError('--resume takes its tasks from the report: give no other ids', EXIT.usage);
  }
  const body: Record<string, unknown> = {};
  for (const field of taken) {
    const key = field.flag.slice(2).replace(/-(.)/g, (_, c: string) => c.toUpperCase());
    if (flags[key] !== undefined) body[field.name] = flags[key];
  }
  const total = countIds(sources, operation);
  const client = createClient(flags, path);
  const tries = new Map<string, number>();
  client.countTry = (request) => {
    // The task id is the path's second-to-last segment (…/tasks/{task_id}/action).
    const { url } = request;
    const end = url.lastIndexOf('/');
    const id = decodeURIComponent(url.slice(url.lastIndexOf('/', end - 1) + 1, end));
    tries.set(id, (tries.get(id) ?? 0) + 1);
  };

  const dryRun = Boolean(flags.dryRun);
  const out = renderer(flags.output, process.stdout, dryRun);
  const showProgress =
    flags.progress && Boolean(process.stderr.isTTY) && !(flags.output === 'ndjson' && process.stdout.isTTY);
  const progress = showProgress ? progressLine(process.stderr, total) : undefined;
  const summary = emptySummary();
  const keep = Boolean(flags.report) || flags.output === 'json';
  const results: Result[] = [];
  let done = 0;

  const wave = runWave({
    ids: readIds(sources, operation, process.stdin),
    operation,
    send: (taskId) =>
      client.sms.tasks
        .action(taskId, { operation, ...body } as TaskActionRequest, {
          // A dry run's calls carry a signal aborted already: the client checks the call, then stops
          // before it makes a request.
          ...(dryRun ? { signal: DRY_RUN } : {}),
          ...(flags.timeout ? { timeoutMs: flags.timeout } : {}),
        })
        .catch((error: unknown) => {
          if (!(dryRun && error instanceof SmsAbortError)) throw error;
          const url = `${client.baseUrl}${client.path.replace('{task_id}', encodeSegment(taskId))}`;
          throw new NotSent(`POST ${url} ${JSON.stringify({ operation, ...body })}`);
        }),
    aborted: () => new SmsAbortError('aborted by the operator (second Ctrl-C): it may have acted', {}),
    takeTries(taskId) {
      const count = tries.get(taskId) ?? 0;
      tries.delete(taskId);
      return count;
    },
    resetTries: (taskId) => tries.set(taskId, 0),
    // Standard output to a slow reader: wait for it, rather than hold the lines in memory.
    ready: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => {}) : undefined),
    concurrency: flags.concurrency,
    rate: flags.rate,
    onResult(result) {
      done++;
      summary[result.outcome]++;
      if (keep) results.push(result);
      out.result(result);
      progress?.update(done, summary);
    },
  });

  // First Ctrl-C: send nothing more and let the calls in flight finish; the second aborts them.
  const onInterrupt = () => {
    if (wave.stopped) wave.abort();
    else {
      wave.stop();
      process.stderr.write(
        '\nsms-task: stopping: no new calls; the calls in flight finish (Ctrl-C again aborts them)\n',
      );
    }
  };
  process.on('SIGINT', onInterrupt);
  try {
    await wave.done;
  } finally {
    process.off('SIGINT', onInterrupt);
    progress?.stop();
  }

  const report = keep ? { results, summary } : undefined;
  if (flags.report) await writeReport(flags.report, report!);
  out.end(summary, report);
  if (wave.stopped) return EXIT.interrupted;
  if (dryRun) return summary.invalid ? EXIT.usage : EXIT.ok;
  return summary.ok === done ? EXIT.ok : EXIT.notOk;
}

/** The client for the wave; a dry run's needs no credentials. */
function createClient(flags: Flags, path: string) {
  const target = resolveTarget(flags, process.env);
  const holder = {
    sms: undefined as unknown as SmsClient,
    countTry: (_request: Request) => {},
    path,
    baseUrl: (target.endpoint ?? REGIONS[target.region as RegionId] ?? '').replace(/\/+$/, ''),
  };
  const auth: Authenticator = flags.dryRun
    ? { apply: () => {}, secrets: () => [], renew: () => false }
    : resolveAuth(flags.tokenFile, process.env, (request) => holder.countTry(request));
  try {
    holder.sms = createSmsClient({ ...target, auth });
  } catch (error) {
    // A region or endpoint the client refuses: named by a flag or a variable, it is configuration.
    if (error instanceof SmsValidationError) throw new CliError(error.message, EXIT.config);
    throw error;
  }
  return holder;
}

// The signal of every dry-run call: aborted before the call starts.
const DRY_RUN = AbortSignal.abort();

/** A path segment as the client encodes it (RFC 3986: also !'()*). */
const encodeSegment = (segment: string) =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

async function writeReport(file: string, report: { results: Result[]; summary: Record<string, number> }) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(report, null, 2)}\n`);
    await rename(temporary, file);
  } catch (error) {
    throw new CliError(`cannot write the report ${file}: ${(error as Error).message}`, EXIT.config);
  }
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')).version;
}
