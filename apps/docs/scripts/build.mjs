#!/usr/bin/env node
// Builds the page: Redoc renders the bundled spec (@sms-task/spec) with the command line, the
// sandbox's rules, its "Testing your code", the command line's "A migration wave, start to launch"
// and the API change history added to its introduction,
// then finish.mjs completes the page. The spec published beside the
// page (dist/openapi.yaml) stays the bundled spec as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATES, TRANSITIONS } from '@sms-task/sandbox';
import { document, spec as reader } from '@sms-task/spec';
import { consoleSection } from './console.mjs';
import { pageSections, readmeSection, writeMarkdown } from './readable.mjs';
import { addCodeSamples } from './samples.mjs';

// A copy: the page's description gains sections, the shared document stays the spec.
const spec = structuredClone(document);
spec.info.description = [
  spec.info.description.trimEnd(),
  // The IAM action of each call, what each error answer means for a call, and the Markdown files.
  ...(await pageSections()),
  consoleSection(),
  commandLine(),
  sandboxRules(),
  testingYourCode(),
  readmeSection('@sms-task/cli', '## A migration wave, start to launch'),
  mcpServer(),
  apiHistory(),
].join('\n\n');
addCodeSamples(spec, new URL('../dist/samples/', import.meta.url));

/** The command line, one command per operation of the spec. */
function commandLine() {
  const commands = reader.operations.map((operation) => `\`${operation.replace(/_/g, '-')}\``);
  return [
    '## Command line: sms-task',
    '`sms-task` (`npm install -g @sms-task/cli`) acts on many tasks at once: one command per operation',
    `(${commands.join(', ')}), ids as arguments, from a file or standard input, in parallel`,
    '(`--concurrency`, `--rate`) but reported in input order, with a summary and a report written as a',
    'journal (JSON Lines) as the wave goes. `--resume` finishes a wave cut off by Ctrl-C, a signal or a',
    'crash: each task at most once, and never again after it ended ok. A call that got no answer is',
    'judged from a read of its task: what changed after the call was sent. Where the read cannot tell',
    'whether the call acted, the resume says so and does not send it again.',
    "Credentials come from `SMS_TOKEN` or the official SDKs'",
    '`HUAWEICLOUD_SDK_AK`/`_SK`, never from a flag.',
    '',
    '```sh',
    'sms-task stop --region ap-southeast-3 \\',
    '  --ids-file wave-1.txt --report wave-1.jsonl',
    'sms-task stop --region ap-southeast-3 \\',
    '  --resume wave-1.jsonl',
    '```',
    '',
    'Each task ends `ok` (2xx), `refused` (4xx: the service did not act), `failed` (5xx, timeout,',
    'network: it may have acted), `invalid` (refused before sending) or `not_sent`. Exit codes: 0 all ok,',
    '1 some not ok, 2 usage error, 3 configuration or credentials; a wave cut off by a signal exits',
    '128 + its number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).',
  ].join('\n');
}

/** The sandbox's transition table, from the sandbox itself, and the spec's codes of its refusals. */
function sandboxRules() {
  const codes = Object.fromEntries([...reader.examples].map(([name, { value }]) => [name, value.error_code]));
  const rows = Object.entries(TRANSITIONS).map(([operation, { moves, refusal }]) => {
    const acts = STATES.filter((state) => moves[state]).map((state) => {
      const { via, to } = moves[state];
      const target = to === 'same' ? state : to;
      return via ? `${state} → ${via} → ${target}` : target === state ? `${state} (unchanged)` : `${state} → ${target}`;
    });
    return `| \`${operation}\` | ${acts.join('<br>')} | \`${codes[refusal]}\` |`;
  });
  // The refusals whose example the spec labels as a v1 code, and the states no operation acts on.
  const examples = Object.values(reader.operation.responses).flatMap((response) =>
    Object.entries(reader.resolve(response).content?.['application/json']?.examples ?? {}),
  );
  const v1 = new Set(
    examples
      .filter(([, example]) => reader.resolve(example).description?.includes('"Out-of-Date Error Codes"'))
      .map(([name]) => name),
  );
  const huawei = Object.entries(TRANSITIONS).filter(([, { refusal }]) => v1.has(refusal));
  const list = (items, last = 'and') =>
    items
      .map((item) => `\`${item}\``)
      .join(', ')
      .replace(/, ([^,]*)$/, ` ${last} $1`);
  const stuck = STATES.filter((state) => Object.values(TRANSITIONS).every(({ moves }) => !moves[state]));
  return [
    '## Local sandbox: task state rules',
    "The local sandbox (`@sms-task/sandbox`, started by `npm start` on port 4011) keeps each task's state",
    "and answers as this table says. The table is the sandbox's own model: Huawei publishes neither the",
    'states each operation acts on nor the state it leaves a task in. Where a rule rests on a Huawei',
    'source (the user guide\'s "Starting a Full Replication", the state meanings of ShowTask and',
    'ListTasks), decision record 0004 (`docs/decisions/0004-sandbox-state-model.md`) names it.',
    ...(huawei.length
      ? [
          `The refusals of ${list(huawei.map(([operation]) => operation))} carry`,
          `${list(huawei.map(([, { refusal }]) => codes[refusal]))}: codes of the v1 API`,
          '(`/v1/sms/tasks/{id}/action`), listed on the reference\'s "Out-of-Date Error Codes" page.',
        ]
      : []),
    'The v3 pages name no code for a refusal by state, so the service may answer another. SANDBOX codes',
    'are answered by the sandbox only.',
    ...(stuck.length ? [`In the model, a task in ${list(stuck, 'or')} refuses every operation.`] : []),
    '',
    '| operation | acts on: state → new state | any other state: 400 |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The sandbox README's "Testing your code", as it is: its tests run each example there. */
function testingYourCode() {
  return readmeSection('@sms-task/sandbox', '## Testing your code');
}

/** The MCP server for agents: what it is, and the README's configurations (its tests start each one). */
function mcpServer() {
  const configuration = readmeSection('@sms-task/mcp', '## Setting it up in Claude Code, VS Code or Cursor').replace(
    /^## .*\n/,
    '',
  );
  return [
    '## MCP server for agents: sms-task-mcp',
    '[`@sms-task/mcp`](https://www.npmjs.com/package/@sms-task/mcp) lets a coding agent read tasks and run',
    'waves over MCP (stdio), on the same wave engine as `sms-task`: read-only unless started with',
    '`--allow-write`, a plan before every wave, one human confirmation per wave, and the journal and',
    'resume of the command line. Its README lists the tools and flags.',
    configuration,
  ].join('\n');
}

/** The API change history as a section of the introduction; the release writes it (pnpm version-packages). */
function apiHistory() {
  const file = new URL('CHANGELOG.md', import.meta.resolve('@sms-task/spec/package.json'));
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const history = text.replace(/^# .*\n/, '').trim();
  const entries = history
    ? history.replace(/^## /gm, '### ')
    : 'No version of this API description has been released yet. From the first release on, each ' +
      "version's changes to the API are listed here: breaking, added and reworded.";
  return `## API change history\n\n${entries}`;
}

// The Markdown beside the page (readable.mjs): every operation of the spec as the page has it, the
// guides, and the introduction's other generated sections.
await writeMarkdown(spec, [
  {
    slug: 'command-line',
    title: 'Command line: sms-task',
    about: 'one command per operation, for waves',
    markdown: commandLine(),
  },
  {
    slug: 'sandbox-rules',
    title: 'Local sandbox: task state rules',
    about: "the sandbox's model",
    markdown: sandboxRules(),
  },
  { slug: 'api-history', title: 'API change history', about: 'what each release changed', markdown: apiHistory() },
]);

const work = mkdtempSync(join(tmpdir(), 'sms-docs-'));
try {
  const input = join(work, 'openapi.json');
  writeFileSync(input, JSON.stringify(spec));
  mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
  const redocly = spawnSync(
    'redocly',
    [
      'build-docs',
      input,
      '--config',
      fileURLToPath(new URL('../../../redocly.yaml', import.meta.url)),
      '--inlineBundle',
      '--title',
      spec.info.title,
      '-o',
      fileURLToPath(new URL('../dist/index.html', import.meta.url)),
    ],
    { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' } },
  );
  if (redocly.status !== 0) process.exit(redocly.status ?? 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
await import('./finish.mjs');
