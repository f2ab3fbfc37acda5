// The commands, made from the spec: one per operation (`start`, `clone-test` = `clone_test`, …),
// the request body's fields as options, the wave's options, help and examples. What a command does
// is run.ts's job.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, EXIT } from './exit-codes.js';
import { commandName, type Field, loadFields } from './fields.js';
import { duration } from './duration.js';
import { FORMATS } from './output.js';
import { asCliError, type RunFlags, runCommand } from './run.js';
import { statusCommand } from './status.js';
import { waitCommand } from './waiting.js';

type Flags = RunFlags & { [field: string]: unknown };

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
  sms-task ${name} --endpoint http://127.0.0.1:4011 --ids-file wave.txt --concurrency 16 --report ${operation}.jsonl
  grep -v done ids.txt | sms-task ${name} --region ap-southeast-3 - --output ndjson
  sms-task ${name} --region ap-southeast-3 --resume ${operation}.jsonl   # the rest of the wave, less what ended ok
  sms-task ${name} --region ap-southeast-3 --dry-run task-1   # what would be sent

Credentials: SMS_TOKEN or --token-file FILE; else HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK,
HUAWEICLOUD_SDK_DOMAIN_ID (and HUAWEICLOUD_SDK_SECURITY_TOKEN). Never on the command line.
Exit codes: 0 every task of the wave ok · 1 some task not ok (or the report failed) · 2 usage error ·
3 configuration or credentials · 128+signal when a signal cut it (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP) ·
141 standard output closed.`;

const STATUS_EXAMPLES = `
Examples:
  sms-task status --region ap-southeast-3 --ids-file wave.txt
  sms-task status --endpoint http://127.0.0.1:4011 --report start.jsonl --watch --interval 10s
  sms-task status --region ap-southeast-3 --ids-file wave.txt --output json | jq '.summary'

Exit codes: 0 every task read · 1 some task not found or not read · 2 usage · 3 configuration or credentials ·
with --watch: 0 on Ctrl-C, 143 SIGTERM, 129 SIGHUP.`;

const WAIT_EXAMPLES = `
Examples:
  sms-task wait --region ap-southeast-3 --until SYNCING,MIGRATE_SUCCESS --ids-file wave.txt
  sms-task wait --endpoint http://127.0.0.1:4011 --until ABORT --report stop.jsonl --timeout 10m --output ndjson

Exit codes: 0 every task there · 1 a task failed (MIGRATE_FAIL, SYNC_FAIL), is not found, or is paused (ABORT)
and --until does not ask for it (with --keep-going: at the end) · 124 the time ran out · 2 usage ·
3 configuration or credentials · 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP. A wait holds no state: run it again.`;

export async function main(argv: string[]): Promise<number> {
  const { operations, descriptions, fields } = loadFields();
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
      .option(
        '--resume <report>',
        'finish the wave a --report records: its ids less those that ended ok (append to it)',
      )
      .option(
        '--resend-unknown',
        "with --resume: also send again the lost calls whose task's read cannot tell whether they acted",
      )
      .option('--endpoint <url>', 'the service URL (or SMS_ENDPOINT)')
      .option('--region <id>', 'a region id, e.g. ap-southeast-3 (or SMS_REGION)')
      .option('--token-file <file>', 'read the X-Auth-Token from a file (instead of SMS_TOKEN)')
      .option('--concurrency <n>', 'calls in flight at most', positive('--concurrency', true), 8)
      .option('--rate <n>', 'calls started a second at most, across all', positive('--rate', false))
      .option('--timeout <ms>', 'per try, in ms (the client default: 30000)', positive('--timeout', true))
      .addOption(new Option('--output <format>', 'how results are printed').choices(FORMATS).default('table'))
      .option(
        '--report <file>',
        'journal the wave to a file as it goes, one JSON line an event (schema/report.schema.json)',
      )
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
      const body: Record<string, unknown> = {};
      for (const field of taken) {
        const key = field.flag.slice(2).replace(/-(.)/g, (_, c: string) => c.toUpperCase());
        if (flags[key] !== undefined) body[field.name] = flags[key];
      }
      exitCode = await runCommand(operation, name, taskIds, flags, body);
    });
  }

  const reads = (command: Command) =>
    command
      .argument('[task-ids...]', 'task ids; - reads them from standard input, one a line')
      .option('--ids-file <file>', 'read task ids from a file, one a line (blank lines and # comments skipped)')
      .option('--report <report>', "the ids of a wave's report (a journal of sms-task)")
      .option('--endpoint <url>', 'the service URL (or SMS_ENDPOINT)')
      .option('--region <id>', 'a region id, e.g. ap-southeast-3 (or SMS_REGION)')
      .option('--token-file <file>', 'read the X-Auth-Token from a file (instead of SMS_TOKEN)')
      .option('--concurrency <n>', 'reads in flight at most', positive('--concurrency', true), 8)
      .option('--rate <n>', 'reads started a second at most', positive('--rate', false))
      .option(
        '--read-timeout <ms>',
        'per try of a read, in ms (the client default: 30000)',
        positive('--read-timeout', true),
      )
      .addOption(
        new Option('--reads <how>', 'pages of the list read, one read per task, or whichever costs fewer calls')
          .choices(['auto', 'pages', 'single'])
          .default('auto'),
      );

  reads(
    program
      .command('status')
      .description('Where each task stands: state, progress, speed, time left, agent, error; then the counts.'),
  )
    .addOption(new Option('--output <format>', 'how the tasks are printed').choices(FORMATS).default('table'))
    .option(
      '--watch',
      'read again every --interval: redrawn in place on a terminal, one ndjson line a change elsewhere',
    )
    .option('--interval <duration>', 'between reads with --watch (30s, 5m…)', duration('--interval'), 30_000)
    .addHelpText('after', STATUS_EXAMPLES)
    .action(async (taskIds: string[], flags) => {
      exitCode = await statusCommand(taskIds, flags);
    });

  reads(
    program
      .command('wait')
      .description('Wait until every task is in one of the --until states (0), one fails (1) or time runs out (124).'),
  )
    .requiredOption('--until <states>', 'the states to wait for, comma-separated (SYNCING,MIGRATE_SUCCESS)')
    .option('--timeout <duration>', 'the longest wait (6h, 90m…)', duration('--timeout'), 6 * 3_600_000)
    .option('--interval <duration>', 'between reads (30s, 5m…)', duration('--interval'), 30_000)
    .option('--keep-going', 'when a task fails, wait for the others; exit 1 at the end')
    .option(
      '--stall-polls <n>',
      'warn once about a task whose progress has not moved for n reads',
      positive('--stall-polls', true),
      10,
    )
    .addOption(
      new Option('--output <format>', 'table: lines on standard error; ndjson: each task as it arrives')
        .choices(FORMATS)
        .default('table'),
    )
    .option('--no-progress', 'no live line, even on a terminal')
    .addHelpText('after', WAIT_EXAMPLES)
    .action(async (taskIds: string[], flags) => {
      exitCode = await waitCommand(taskIds, flags);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (!argv.length) {
      program.outputHelp();
      return EXIT.usage;
    }
    return exitCode;
  } catch (thrown) {
    const error = asCliError(thrown);
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

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')).version;
}
