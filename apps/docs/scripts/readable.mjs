// The docs for readers without JavaScript and for machines: one Markdown file per operation of the
// spec and per guide, llms.txt (the llmstxt.org index) and llms-full.txt (all of it in one file),
// written beside the page; and, for the page itself, the Authorization and "did the call act?"
// sections and the operations as plain HTML in a <noscript> block. Everything is read from the spec
// (every operation, parameter, field, limit, enum value, response and named example), from the
// READMEs' guide sections as written, and from @sms-task/client's own retry and lost-call rules.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createSmsClient, mayHaveActed } from '@sms-task/client';
import { document as published, spec as reader } from '@sms-task/spec';
import { readSpec } from '@sms-task/spec/reader';

const DIST = new URL('../dist/', import.meta.url);
/** The guides: a README section each, as written there, where its package's tests run its code. */
export const GUIDES = [
  {
    slug: 'testing-your-code',
    package: '@sms-task/sandbox',
    heading: '## Testing your code',
    about: 'the sandbox in process, MSW on Node and in a browser, the official SDK, the contract suite',
  },
  {
    slug: 'migration-wave',
    package: '@sms-task/cli',
    heading: '## A migration wave, start to launch',
    about: 'start a wave, wait for every task, restart the one that failed, launch the targets (`sms-task`)',
  },
  {
    slug: 'mcp-server',
    package: '@sms-task/mcp',
    heading: '## Setting it up in Claude Code, VS Code or Cursor',
    about: 'the MCP server `sms-task-mcp` in Claude Code, VS Code and Cursor: read-only unless told otherwise',
  },
];

// ---------------------------------------------------------------------------------------------------
// Markdown helpers

const code = (text) => `\`${text}\``;
/** A table cell: one line, pipes escaped. */
const cell = (text) =>
  String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
const json = (value) => `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
const list = (items, last = 'and') =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
/** The first paragraph of a description, when the rest holds blocks a table cell cannot (lists, tables). */
const firstParagraph = (text = '') => {
  const lines = [];
  for (const line of text.trim().split('\n')) {
    if (!line.trim() || /^\s*([-*]|\d+\.|\|) /.test(line)) break;
    lines.push(line.trim());
  }
  return lines.join(' ').replace(/:$/, '.');
};
/** The first sentence of a description. */
const firstSentence = (text) => /^.*?[.!?](?=\s|$)/.exec(firstParagraph(text))?.[0] ?? firstParagraph(text);
const isBlocky = (text = '') => /\n\s*\n|^\s*([-*]|\d+\.|\|) /m.test(text.trim());

/** `markdown` with each heading `by` levels deeper (fenced code, where `#` starts a comment, kept). */
export function shiftHeadings(markdown, by) {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^```/.test(line)) fenced = !fenced;
      const heading = !fenced && /^(#{1,6})( .*)$/.exec(line);
      return heading ? `${'#'.repeat(Math.max(1, Math.min(6, heading[1].length + by)))}${heading[2]}` : line;
    })
    .join('\n');
}

/** A section of a package's README as it is there (its tests run it as written), without HTML comments. */
export function readmeSection(pkg, heading) {
  const readme = readFileSync(new URL('README.md', import.meta.resolve(`${pkg}/package.json`)), 'utf8');
  const start = readme.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`the README of ${pkg} has no "${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme
    .slice(start, end < 0 ? undefined : end)
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------------
// What the client does after each answer: asked of @sms-task/client itself, so the tables follow it.

/** The answers the tables have a row for beside the spec's statuses: no answer at all, and the statuses the
 * client's retry rules name. */
const NO_ANSWER = [
  { id: 'timeout', label: 'no answer: the call timed out', answer: { timeout: true } },
  {
    id: 'reset',
    label: 'no answer: the connection reset after sending (`ECONNRESET`)',
    answer: { code: 'ECONNRESET' },
  },
  { id: 'refused', label: 'no connection (`ECONNREFUSED`, DNS, unreachable)', answer: { code: 'ECONNREFUSED' } },
];
const EXTRA_STATUSES = [429, 502, 503, 504];

/** One call of the client against an answer: how often it sent it, and whether it may have acted. */
async function probe(kind, answer) {
  let tries = 0;
  const fetch = async (request) => {
    tries++;
    if (answer.status) {
      return new Response(JSON.stringify({ error_code: 'PROBE', error_msg: 'probe' }), {
        status: answer.status,
        headers: { 'content-type': 'application/json', 'retry-after': '0' },
      });
    }
    if (answer.timeout) return new Promise((_, reject) => request.signal.addEventListener('abort', reject));
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(answer.code), { code: answer.code }) });
  };
  // Two tries and no wait are enough to see whether the client repeats a call.
  const sms = createSmsClient({
    endpoint: 'http://probe.invalid',
    auth: { token: 'probe' },
    fetch,
    // Only the timeout's probe may time out: on a busy machine a short limit would turn any answer into one.
    ...(answer.timeout ? { timeoutMs: 5 } : {}),
    retry: { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const call = kind === 'action' ? sms.tasks.stop('task-1') : sms.tasks.read('task-1');
  const error = await call.then(
    () => undefined,
    (e) => e,
  );
  return { repeated: tries > 1, mayHaveActed: kind === 'action' && mayHaveActed(error) };
}

let outcomes;
/** The client's verdict on each answer, for the action and for the reads. */
function clientOutcomes() {
  outcomes ??= (async () => {
    const statuses = new Set([...EXTRA_STATUSES]);
    for (const { operation } of operations(published))
      for (const status of Object.keys(operation.responses)) statuses.add(+status);
    const answers = [
      ...[...statuses].filter((s) => s >= 400).map((status) => ({ id: String(status), answer: { status } })),
      ...NO_ANSWER,
    ];
    const rows = await Promise.all(
      answers.map(async ({ id, answer }) => [
        id,
        { action: await probe('action', answer), read: await probe('read', answer) },
      ]),
    );
    return Object.fromEntries(rows);
  })();
  return outcomes;
}

/** What to do after an answer (this project's advice), from the client's verdict on it. */
function advice(answer, outcome, kind) {
  const { mayHaveActed, repeated } = kind === 'read' ? outcome.read : outcome.action;
  if (kind === 'action' && mayHaveActed) {
    return (
      `It may have acted: read the task (${code(`GET ${reader.read.path}`)}) and look for what changed after the ` +
      'call was sent (`judgeLostCall` in @sms-task/client) before sending it again.'
    );
  }
  const status = /^\d+$/.test(answer) ? +answer : 0;
  const not = kind === 'read' ? 'Nothing changed' : 'It did not act';
  if (repeated) {
    const wait = [429, 503].includes(status) ? 'the wait `Retry-After` gives (else a backoff)' : 'a backoff';
    return `${not}: the client tries again, after ${wait}.`;
  }
  const refusal =
    kind === 'read'
      ? `${not}: a parameter breaks its rules; \`error_msg\` says which. Fix it: the same call gets the same answer.`
      : `${not}: the request, or the task's state, does not allow it; \`error_msg\` says why. Read the task's ` +
        '`state`: the same call gets the same answer.';
  return (
    {
      400: refusal,
      401:
        `${not}: fix the credentials (a token lasts 24 hours), the signature, the Content-Type or the body size, ` +
        'then send it again.',
      403: `${not}: the caller lacks the call's IAM action (Authorization). Grant it, then send it again.`,
      404: `${not}: no such task. Check the task ID.`,
    }[status] ?? `${not}.`
  );
}

// ---------------------------------------------------------------------------------------------------
// Reading the spec

/** Every operation of a document, in the order of its paths: { id, method, path, operation }. */
function operations(document) {
  const { resolve } = readSpec(document);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(resolve(item))
      .filter(([method]) => /^(get|put|post|delete|patch|head|options|trace)$/.test(method))
      .map(([method, op]) => ({
        id: resolve(op).operationId,
        method: method.toUpperCase(),
        path,
        operation: resolve(op),
      })),
  );
}

/** A $ref'd schema worth its own section: one with a title that is not a plain value (object, union). */
const namedSchema = (node, resolve) => {
  if (!node?.$ref?.startsWith('#/components/schemas/')) return undefined;
  const schema = resolve(node);
  return schema.title && (schema.type === 'object' || schema.oneOf || schema.anyOf)
    ? { name: schema.title, schema }
    : undefined;
};

/** The limits, default and allowed values of a schema, as the spec's own keywords say them. */
function constraints(schema, resolve) {
  const parts = [];
  for (const key of ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
    if (schema[key] !== undefined) parts.push(`${key} ${schema[key]}`);
  }
  for (const key of ['minItems', 'maxItems', 'pattern', 'format'])
    if (schema[key] !== undefined) parts.push(`${key} ${schema[key]}`);
  if (schema.const !== undefined) parts.push(`always ${code(JSON.stringify(schema.const))}`);
  const values = enumValues(schema, resolve);
  if (values)
    parts.push(
      `one of ${values.values.map((v) => code(v)).join(', ')}${values.open ? ', or another (the list is open)' : ''}`,
    );
  if (schema.default !== undefined) parts.push(`default ${code(JSON.stringify(schema.default))}`);
  const items = schema.items && resolve(schema.items);
  if (items && !namedSchema(schema.items, resolve)) {
    const inner = constraints(items, resolve);
    if (inner.length) parts.push(`each item: ${inner.join(' · ')}`);
  }
  const example = schema.examples?.[0] ?? schema.example;
  if (example !== undefined && typeof example !== 'object') parts.push(`example ${code(example)}`);
  return parts;
}

/** An enum, or a union of an enum with a plain string (an open list). */
function enumValues(schema, resolve) {
  if (schema.enum) return { values: schema.enum, open: false };
  const branches = (schema.anyOf ?? []).map(resolve);
  const closed = branches.find((b) => b.enum);
  if (closed) return { values: closed.enum, open: branches.some((b) => !b.enum && b.type === 'string') };
  return undefined;
}

function typeOf(node, resolve) {
  const named = namedSchema(node, resolve);
  const schema = resolve(node);
  if (named && schema.type === 'object') return code(named.name);
  if (named) return `${schema.anyOf?.map((b) => resolve(b).type).find(Boolean) ?? 'string'} (${code(named.name)})`;
  if (schema.type === 'array') return `array of ${schema.items ? typeOf(schema.items, resolve) : 'anything'}`;
  return schema.type ?? (schema.oneOf ? 'one of several' : 'any');
}

/** The rows of an object's fields, nested objects without a name of their own flattened as `a.b`. */
function fieldRows(schema, resolve, found, prefix = '') {
  const rows = [];
  const notes = [];
  for (const [name, node] of Object.entries(schema.properties ?? {})) {
    const field = resolve(node);
    const path = `${prefix}${name}`;
    const named = namedSchema(node, resolve) ?? (field.items && namedSchema(field.items, resolve));
    if (named) found(named);
    const description = field.description ?? '';
    const blocky = isBlocky(description);
    rows.push([
      code(path),
      typeOf(node, resolve),
      schema.required?.includes(name) ? 'yes' : 'no',
      constraints(field, resolve).join(' · '),
      // A named schema's whole description is in its own section; any other's follows the table.
      blocky ? `${firstParagraph(description)} (${named ? `see ${code(named.name)}` : 'more below'})` : description,
    ]);
    if (blocky && !named) notes.push(`${code(path)}: ${description.trim()}`);
    const enumDescriptions = field['x-enumDescriptions'];
    if (enumDescriptions) {
      notes.push(
        `${code(path)} values:\n${Object.entries(enumDescriptions)
          .map(([value, text]) => `- ${code(value)}: ${text}`)
          .join('\n')}`,
      );
    }
    if (!named && field.type === 'object' && field.properties) {
      const inner = fieldRows(field, resolve, found, `${path}.`);
      rows.push(...inner.rows);
      notes.push(...inner.notes);
    }
  }
  return { rows, notes };
}

/** A named schema's section: its description, then its fields, its variants or its values. */
function schemaSection({ name, schema }, resolve, found) {
  const out = [`### ${code(name)}`, ''];
  if (schema.description) out.push(schema.description.trim(), '');
  if (schema.oneOf) {
    const variants = schema.oneOf.map(
      (node) => namedSchema(node, resolve) ?? { name: '(inline)', schema: resolve(node) },
    );
    for (const variant of variants) found(variant);
    const { propertyName, mapping } = schema.discriminator ?? {};
    if (propertyName && mapping) {
      const byVariant = new Map();
      for (const [value, ref] of Object.entries(mapping)) {
        const title = resolve({ $ref: ref }).title;
        byVariant.set(title, [...(byVariant.get(title) ?? []), code(value)]);
      }
      out.push(
        `One of ${list(
          variants.map((v) => code(v.name)),
          'or',
        )}, chosen by ${code(propertyName)}:`,
        '',
        ...[...byVariant].map(([title, values]) => `- ${values.join(', ')}: ${code(title)}`),
        '',
      );
    } else {
      out.push(
        `One of ${list(
          variants.map((v) => code(v.name)),
          'or',
        )}.`,
        '',
      );
    }
  }
  const values = enumValues(schema, resolve);
  if (values && !schema.properties) {
    out.push(
      `A string, one of ${values.values.map((v) => code(v)).join(', ')}` +
        `${values.open ? '; or another string: the list is open' : ''}.`,
      '',
    );
  }
  if (schema.type === 'object' && !schema.oneOf) {
    const { rows, notes } = fieldRows(schema, resolve, found);
    if (rows.length) out.push(table(['field', 'type', 'required', 'limits, values, default', 'description'], rows), '');
    if (schema.additionalProperties === false)
      out.push(rows.length ? 'No other field is allowed.' : 'An empty object: `{}`.', '');
    for (const note of notes) out.push(note, '');
  }
  return out.join('\n').trimEnd();
}

// ---------------------------------------------------------------------------------------------------
// The Markdown of the site

/** The IAM facts of an operation (`x-sms-iam`), as a sentence. */
function iamSentence(operation) {
  const iam = operation['x-sms-iam'];
  if (!iam) return 'Huawei names no IAM action for this call.';
  return (
    `An IAM user needs the action ${code(iam.action)} (access level ${iam.access_level}; resource type ` +
    `${code(iam.resource_type)}; alias ${code(iam.alias)}), as Huawei's page of the operation lists it ` +
    `(<${iam.source}>, updated ${iam.source_updated}). An account's own credentials have every action.`
  );
}

/** One operation's reference: everything the spec says about it. */
function operationMarkdown(document, { id, method, path, operation }, outcomesByAnswer) {
  const { resolve } = readSpec(document);
  const schemas = new Map();
  const found = ({ name, schema }) => schemas.has(name) || schemas.set(name, schema);
  const out = [
    `# ${operation.summary}`,
    '',
    `${code(`${method} ${path}`)} · operationId ${code(id)} · tag ${list((operation.tags ?? []).map(code))}`,
    '',
    operation.description?.trim() ?? '',
    '',
    '## Authorization',
    '',
    iamSentence(operation),
    '',
    '## Authentication',
    '',
    `Any one of (\`security\`): ${list(
      (operation.security ?? document.security ?? []).flatMap(Object.keys).map((name) => {
        const scheme = document.components.securitySchemes[name];
        const about = firstParagraph(scheme.description);
        return `${code(name)} (${scheme.type}, ${scheme.in} ${code(scheme.name)}: ${about})`;
      }),
      'or',
    )}. The overview describes both schemes in full.`,
    '',
  ];
  const parameters = (operation.parameters ?? []).map(resolve);
  if (parameters.length) {
    out.push(
      '## Parameters',
      '',
      table(
        ['name', 'in', 'type', 'required', 'limits, values, default', 'description'],
        parameters.map((p) => {
          const schema = resolve(p.schema ?? {});
          const limits = constraints(schema, resolve);
          if (p.example !== undefined) limits.push(`example ${code(p.example)}`);
          return [
            code(p.name),
            p.in,
            typeOf(p.schema ?? {}, resolve),
            p.required ? 'yes' : 'no',
            limits.join(' · '),
            p.description,
          ];
        }),
      ),
      '',
    );
  }
  if (operation.requestBody) {
    const body = resolve(operation.requestBody);
    out.push('## Request body', '');
    for (const [type, media] of Object.entries(body.content ?? {})) {
      const named = namedSchema(media.schema, resolve);
      if (named) found(named);
      out.push(
        `${body.required ? 'Required' : 'Optional'}, ${code(type)}${named ? `: ${code(named.name)} (below)` : ''}.` +
          (body['x-sms-max-body-bytes']
            ? ` At most ${body['x-sms-max-body-bytes']} bytes (\`x-sms-max-body-bytes\`).`
            : '') +
          (body.description ? ` ${body.description.trim()}` : ''),
        '',
      );
      for (const [name, node] of Object.entries(media.examples ?? {})) {
        const example = resolve(node);
        out.push(
          `Example ${code(name)}: ${example.summary ?? ''}`,
          '',
          ...(example.description ? [example.description.trim(), ''] : []),
        );
        out.push(json(example.value), '');
      }
    }
  }
  out.push('## Responses', '');
  const statuses = Object.entries(operation.responses).map(([status, node]) => [status, resolve(node)]);
  for (const [status, response] of statuses) {
    out.push(`### ${status}: ${response.description?.trim() ?? ''}`, '');
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const h = resolve(header);
      out.push(`- Header ${code(name)} (${typeOf(h.schema ?? {}, resolve)}): ${h.description?.trim() ?? ''}`);
    }
    for (const [type, media] of Object.entries(response.content ?? {})) {
      const named = namedSchema(media.schema, resolve);
      if (named) found(named);
      out.push(`- Body: ${code(type)}${named ? `, ${code(named.name)} (below)` : ''}.`);
    }
    out.push('');
    for (const [type, media] of Object.entries(response.content ?? {})) {
      for (const [name, node] of Object.entries(media.examples ?? {})) {
        const example = resolve(node);
        const errorCode = example.value?.error_code;
        out.push(
          `Example ${code(name)}${errorCode ? ` (${code(errorCode)})` : ''}: ${example.summary ?? ''}`,
          '',
          ...(example.description ? [example.description.trim(), ''] : []),
          ...(type.includes('json') ? [json(example.value), ''] : []),
        );
      }
    }
  }
  out.push(
    '## After an error: did it act?',
    '',
    "What @sms-task/client does after each answer, and what to do (this project's model, from the client's retry and " +
      'lost-call rules, not a Huawei statement).',
    '',
    errorsTable(statuses, outcomesByAnswer, method === 'GET' ? 'read' : 'action'),
    '',
  );
  const samples = operation['x-codeSamples'] ?? [];
  if (samples.length) {
    out.push('## Code samples', '');
    for (const sample of samples) {
      const source = typeof sample.source === 'string' ? sample.source : '';
      const lang = { TypeScript: 'ts', Shell: 'sh', JavaScript: 'js' }[sample.lang] ?? sample.lang.toLowerCase();
      out.push(`${sample.label ?? sample.lang}:`, '', `\`\`\`${lang}\n${source.trimEnd()}\n\`\`\``, '');
    }
  }
  out.push('## Schemas', '');
  // A schema's section names the schemas it uses; those follow it.
  const done = new Set();
  for (let added = true; added; ) {
    added = false;
    for (const [name, schema] of [...schemas]) {
      if (done.has(name)) continue;
      done.add(name);
      added = true;
      out.push(schemaSection({ name, schema }, resolve, found), '');
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** The error rows of one operation (or of all of a kind): each status with its named examples' codes,
 * the client's verdict on it, and what to do. */
function errorsTable(statuses, outcomesByAnswer, kind) {
  const rows = [];
  // Narrow enough for the page's middle column: the codes' meanings are in the operations' responses.
  const push = (answer, codes) => {
    const outcome = outcomesByAnswer[answer];
    const label = /^\d+$/.test(answer) ? answer : NO_ANSWER.find((n) => n.id === answer).label;
    rows.push([
      codes.length ? `${label}: ${codes.join(', ')}` : label,
      ...(kind === 'read' ? [] : [outcome.action.mayHaveActed ? '**it may have**' : 'no']),
      outcome[kind].repeated ? 'yes' : 'no',
      advice(answer, outcome, kind),
    ]);
  };
  const answers = new Map(statuses.filter(([status]) => +status >= 400));
  for (const status of EXTRA_STATUSES) if (!answers.has(String(status))) answers.set(String(status), undefined);
  for (const [status, response] of [...answers].sort(([a], [b]) => a - b)) {
    const examples = Object.values(response?.content?.['application/json']?.examples ?? {}).map(reader.resolve);
    push(status, [...new Set(examples.map((e) => code(e.value.error_code)))]);
  }
  for (const { id } of NO_ANSWER) push(id, []);
  const acted = kind === 'read' ? [] : ['may it have acted?'];
  return table(['answer', ...acted, 'the client repeats it', 'what to do'], rows);
}

/** The Authorization table: the IAM action of each operation, from its `x-sms-iam`. */
function authorizationMarkdown(document) {
  return [
    '## Authorization: the IAM action of each call',
    '',
    "An account's own credentials may call everything; an IAM user needs each call's action granted (identity " +
      "policy-based authorization). The actions as each operation's page of Huawei's API reference lists them " +
      '("Authorization Information"), kept in the spec as `x-sms-iam`:',
    '',
    table(
      ['operation', 'IAM action', 'access level'],
      operations(document).map(({ id, operation }) => {
        const iam = operation['x-sms-iam'] ?? {};
        return [`${operation.summary} (${code(id)})`, code(iam.action ?? '—'), iam.access_level ?? '—'];
      }),
    ),
    '',
    ...operations(document).map(({ method, path, operation }) => {
      const iam = operation['x-sms-iam'] ?? {};
      return (
        `- ${code(`${method} ${path}`)}: ${code(iam.action)} on resource type ${code(iam.resource_type)}; alias ` +
        `${code(iam.alias)}. Source: [Huawei's page of the operation](${iam.source}), updated ${iam.source_updated}.`
      );
    }),
    '',
    'A refusal for want of one is a `403` (`SMS.9004`, `SMS.2002`): the call did not act.',
  ].join('\n');
}

/** The "did the call act?" section: every error answer of the spec, for the action and the reads. */
async function errorsMarkdown(document) {
  const outcomesByAnswer = await clientOutcomes();
  const byKind = (kind) => {
    const statuses = new Map();
    for (const { method, operation } of operations(document)) {
      if ((method === 'GET') !== (kind === 'read')) continue;
      for (const [status, node] of Object.entries(operation.responses)) {
        const response = reader.resolve(node);
        const known = statuses.get(status);
        // Named examples of every operation of the kind, each once.
        const examples = {
          ...(known?.content?.['application/json']?.examples ?? {}),
          ...(response.content?.['application/json']?.examples ?? {}),
        };
        statuses.set(status, { ...response, content: { 'application/json': { examples } } });
      }
    }
    return errorsTable(
      [...statuses].sort(([a], [b]) => a.localeCompare(b)),
      outcomesByAnswer,
      kind,
    );
  };
  return [
    '## After an error: did the call act, and what to do',
    '',
    "For each error answer of the spec, and the answers the client's retry rules name: whether a task action " +
      'may have ' +
      'acted, whether @sms-task/client repeats the call, and what to do next. The verdicts are those of the client ' +
      "(`mayHaveActed` and its retry policy, asked at build time), this project's model: Huawei documents no " +
      'idempotency key and no way to ask about a call. `SANDBOX.*` codes are answered by the local sandbox only.',
    '',
    '### After the task action',
    '',
    `${code(`POST ${reader.path}`)}:`,
    '',
    byKind('action'),
    '',
    '### After a read',
    '',
    `${code(`GET ${reader.read.path}`)} and ${code(`GET ${reader.list.path}`)} act on nothing:`,
    '',
    byKind('read'),
  ].join('\n');
}

/** What an agent must do and never do, the facts read from the spec and the client. */
async function agentInstructions() {
  const outcomesByAnswer = await clientOutcomes();
  const retried = Object.entries(outcomesByAnswer)
    .filter(([id, o]) => /^\d+$/.test(id) && o.action.repeated)
    .map(([id]) => code(id));
  const mayHaveActed = Object.entries(outcomesByAnswer)
    .filter(([id, o]) => /^\d+$/.test(id) && o.action.mayHaveActed)
    .map(([id]) => code(id));
  const conditional = reader.operations.flatMap((operation) =>
    (reader.variant(operation).required ?? [])
      .filter((field) => field !== 'operation')
      .map((field) => `${code(operation)} needs ${code(field)}`),
  );
  const limit = reader.resolve(
    reader.list.operation.parameters.map(reader.resolve).find((p) => p.name === 'limit').schema,
  );
  const iam = operations(published)
    .map(
      ({ method, path, operation }) => `${code(`${method} ${path}`)}: ${code(operation['x-sms-iam']?.action ?? '—')}`,
    )
    .join('; ');
  return [
    '## Instructions for agents',
    '',
    `- A task action (${code(`POST ${reader.path}`)}) is not idempotent: it acts on a real migration, and a ` +
      'second call ' +
      'may act twice (a second `clone_test` clones twice) or be refused. Send each one once, and only for the tasks ' +
      'and operation the person you act for asked for.',
    `- When an action got no answer (a timeout, a connection reset after sending, or ${list(mayHaveActed, 'or')}), ` +
      `do not send it again: read the task first (${code(`GET ${reader.read.path}`)}) and look for what changed ` +
      'after you sent it (its `state`, its and its `sub_tasks` start and end times). If the read cannot tell, ask.',
    `- Retry only ${list(retried, 'and')} (and a connection that could not be opened), after the seconds that ` +
      '`Retry-After` gives (else back off exponentially, with jitter); no other answer. A 4xx did not act: sending ' +
      'it again as it is gets the same answer.',
    `- ${list(conditional)}; the other operations take it as an option. ${code('operation')} is one of ` +
      `${reader.operations.map(code).join(', ')}.`,
    "- A `400` is a refusal: read `error_code` and `error_msg`, and the task's `state`. `SMS.1038`, `SMS.1039` and " +
      '`SMS.1040` are codes of the v1 API; v3 may answer others. `SANDBOX.*` codes come from the local sandbox only.',
    '- The reads change nothing and may be repeated. To read many tasks, page through ' +
      `${code(`GET ${reader.list.path}`)} ` +
      `(\`limit\` at most ${limit.maximum}) rather than reading each.`,
    `- The IAM action each call needs: ${iam}. A \`403\` did not act.`,
    '- Never put a token, an access key or a secret key in a prompt, a URL, a log or a file you write; ' +
      'credentials go ' +
      'in headers only (`X-Auth-Token`, or an AK/SK signature).',
    '- Rehearse against the local sandbox first (`npm start`: `http://127.0.0.1:4011`): its state rules are ' +
      "this project's " +
      "model, not Huawei's.",
  ].join('\n');
}

/** The sections build.mjs adds to the page's introduction. */
export async function pageSections() {
  return [authorizationMarkdown(published), await errorsMarkdown(published), markdownSection()];
}

/** The files an agent reads, linked from the page's introduction. */
function markdownSection() {
  return [
    '## This reference as Markdown',
    '',
    'For tools, agents and readers without JavaScript, the same reference is published as Markdown beside this page: ' +
      '[llms.txt](llms.txt) (the index, with instructions for agents), [llms-full.txt](llms-full.txt) (everything in ' +
      `one file), and one file per operation (${operations(published)
        .map(({ id }) => `[${id}](operations/${id}.md)`)
        .join(', ')}) and per guide (${GUIDES.map(({ slug }) => `[${slug}](guides/${slug}.md)`).join(', ')}).`,
  ].join('\n');
}

/**
 * Writes the Markdown beside the page. `document` is the spec the page is built from (with what
 * build.mjs adds, such as code samples); `sections` the page's other generated sections
 * ({ title, slug, markdown }), published as guides too.
 */
export async function writeMarkdown(document, sections = []) {
  const outcomesByAnswer = await clientOutcomes();
  for (const dir of ['operations', 'guides']) rmSync(new URL(`${dir}/`, DIST), { recursive: true, force: true });
  mkdirSync(new URL('operations/', DIST), { recursive: true });
  mkdirSync(new URL('guides/', DIST), { recursive: true });
  const { info } = published;
  const files = [];
  const write = (path, title, about, markdown) => {
    writeFileSync(new URL(path, DIST), markdown);
    files.push({ path, title, about, markdown });
  };

  const overview = [
    `# ${info.title} (${info.version})`,
    '',
    `> ${info.summary}`,
    '',
    info.description.trim(),
    '',
    '## Servers',
    '',
    table(
      ['URL', 'description'],
      published.servers.map((s) => [s.url, s.description]),
    ),
    '',
    '## Security schemes',
    '',
    ...Object.entries(published.components.securitySchemes).flatMap(([name, s]) => [
      `### ${code(name)}: ${s.type}, ${s.in} ${code(s.name)}`,
      '',
      s.description.trim(),
      '',
    ]),
  ].join('\n');
  write(
    'overview.md',
    'Overview',
    'what the API does, authentication, regions, errors, retries, servers',
    `${overview.trim()}\n`,
  );

  for (const op of operations(document)) {
    write(
      `operations/${op.id}.md`,
      op.operation.summary,
      `${code(`${op.method} ${op.path}`)}: ${firstSentence(op.operation.description)}`,
      operationMarkdown(document, op, outcomesByAnswer),
    );
  }
  for (const guide of GUIDES) {
    const text = readmeSection(guide.package, guide.heading);
    const title = guide.heading.replace(/^#+ /, '');
    write(
      `guides/${guide.slug}.md`,
      title,
      `${guide.about} (from the ${guide.package} README, as its tests run it)`,
      `${shiftHeadings(text, -1)}\n`,
    );
  }
  write(
    'guides/authorization.md',
    'Authorization',
    'the IAM action each call needs',
    `${shiftHeadings(authorizationMarkdown(published), -1)}\n`,
  );
  write(
    'guides/errors.md',
    'After an error: did the call act?',
    'each error answer: whether the call may have acted, whether the client repeats it, what to do',
    `${shiftHeadings(await errorsMarkdown(published), -1)}\n`,
  );
  for (const { slug, title, about, markdown } of sections) {
    write(`guides/${slug}.md`, title, about, `${shiftHeadings(markdown.trim(), -1)}\n`);
  }

  const instructions = await agentInstructions();
  const head = [`# ${info.title}`, '', `> ${info.summary}`, '', firstParagraph(info.description)];
  const entry = ({ path, title, about }) => `- [${title}](${path}): ${about}`;
  const isOperation = (f) => f.path.startsWith('operations/');
  const llms = [
    ...head,
    '',
    'The OpenAPI description is `openapi.yaml` beside this file; the HTML reference is `index.html`.',
    '',
    instructions,
    '',
    '## Operations',
    '',
    ...files.filter(isOperation).map(entry),
    '',
    '## Guides and reference',
    '',
    ...files.filter((f) => !isOperation(f)).map(entry),
    '',
    '## Optional',
    '',
    '- [Everything in one file](llms-full.txt): this index, the overview, every operation and every guide',
    '',
  ].join('\n');
  writeFileSync(new URL('llms.txt', DIST), llms);
  const full = [
    ...head,
    '',
    instructions,
    '',
    ...files.flatMap(({ path, markdown }) => [`<!-- ${path} -->`, shiftHeadings(markdown.trim(), 1), '']),
  ].join('\n');
  writeFileSync(new URL('llms-full.txt', DIST), full);
  return files.map((f) => f.path);
}

// ---------------------------------------------------------------------------------------------------
// The page without JavaScript

const escapeHtml = (text) =>
  String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown: code spans, bold, links and autolinks; everything else is text. */
function inline(text) {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part)
            .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
            .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => `<a href="${href}">${label}</a>`)
            .replace(/&lt;(https?:\/\/[^\s&]+)&gt;/g, (_, href) => `<a href="${href}">${href}</a>`),
    )
    .join('');
}

/** The Markdown this module writes (headings, paragraphs, lists, tables, fenced code) as HTML. */
export function markdownToHtml(markdown, headingOffset = 0) {
  const lines = markdown.split('\n');
  const out = [];
  const cells = (line) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => inline(c.trim().replace(/\\\|/g, '|')));
  let heading = '';
  const isBlockStart = (line) => /^(```|#{1,6} |\s*([-*]|\d+\.) |\||> )/.test(line);
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (/^```/.test(line)) {
      const body = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) body.push(lines[i]);
      i++;
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      const [, hashes, text] = /^(#+) (.*)$/.exec(line);
      const level = Math.min(6, hashes.length + headingOffset);
      heading = text.replace(/`/g, '');
      out.push(`<h${level}>${inline(text)}</h${level}>`);
      i++;
    } else if (/^\|/.test(line) && /^\|[-:| ]+\|$/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows = [];
      for (i += 2; i < lines.length && /^\|/.test(lines[i]); i++) rows.push(cells(lines[i]));
      // In a region of its own that scrolls sideways on a narrow screen, reachable by keyboard.
      out.push(
        `<div class="sms-table" role="region" tabindex="0" aria-label="${escapeHtml(`${heading} (table)`)}">` +
          `<table><thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead><tbody>` +
          rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') +
          '</tbody></table></div>',
      );
    } else if (/^\s*([-*]|\d+\.) /.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items = [];
      for (; i < lines.length && lines[i].trim(); i++) {
        if (/^\s*([-*]|\d+\.) /.test(lines[i])) items.push(lines[i].replace(/^\s*([-*]|\d+\.) /, ''));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`);
    } else if (!line.trim()) {
      i++;
    } else {
      const text = [line.replace(/^> /, '')];
      for (i++; i < lines.length && lines[i].trim() && !isBlockStart(lines[i]); i++) text.push(lines[i]);
      out.push(`<p>${inline(text.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}

/**
 * The page with what readers without JavaScript and machines need: `<link rel="alternate">` to the
 * Markdown, and the operations' reference as HTML in a <noscript> block after Redoc's root (Redoc
 * prerenders the introduction, not the operations; outside its root, React never sees the block).
 */
export function withReadable(html) {
  const read = (path) => readFileSync(new URL(path, DIST), 'utf8');
  const ops = operations(published);
  const links = [
    ['llms.txt', 'This reference for LLMs and agents (llms.txt)'],
    ['llms-full.txt', 'This reference in one Markdown file (llms-full.txt)'],
    ...ops.map(({ id, operation }) => [`operations/${id}.md`, `${operation.summary} (Markdown)`]),
  ]
    .map(([href, title]) => `  <link rel="alternate" type="text/markdown" href="${href}" title="${escapeHtml(title)}">`)
    .join('\n');
  const reference = ops
    .map(({ id }) => `<section id="md-${id}">\n${markdownToHtml(read(`operations/${id}.md`), 2)}\n</section>`)
    .join('\n');
  const noscript = [
    '<noscript>',
    `<style>${NOSCRIPT_STYLE}</style>`,
    '<section class="sms-static" aria-labelledby="sms-static-title">',
    '<h2 id="sms-static-title">The operations</h2>',
    '<p>This page shows the rest of the reference with JavaScript. Without it, here is every operation, and the same ' +
      'reference as Markdown: <a href="llms.txt">llms.txt</a> (the index, with instructions for agents) and ' +
      '<a href="llms-full.txt">llms-full.txt</a> (everything in one file).</p>',
    reference,
    '</section>',
    '</noscript>',
  ].join('\n');
  const root = '<div id="redoc">';
  for (const [text, why] of [
    ['</head>', 'the document head'],
    ['</body>', 'the document body'],
    [root, "Redoc's root"],
  ]) {
    if (!html.includes(text))
      throw new Error(`readable.mjs: ${JSON.stringify(text)} is no longer in the page (${why})`);
  }
  // Right before </body>: after Redoc's root and its scripts.
  const end = html.lastIndexOf('</body>');
  html = `${html.slice(0, end)}${noscript}\n${html.slice(end)}`;
  return html.replace('</head>', `${links}\n</head>`);
}

// Readable on its own: the widths of Redoc's columns, its fonts, and tables and code that wrap.
const NOSCRIPT_STYLE = [
  '.sms-static { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 4rem; }',
  '.sms-static { font-family: system-ui, sans-serif; line-height: 1.5; }',
  '.sms-static .sms-table { overflow-x: auto; margin: 1rem 0; }',
  '.sms-static table { border-collapse: collapse; }',
  '.sms-static th, .sms-static td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; }',
  '.sms-static th, .sms-static td { text-align: left; vertical-align: top; }',
  '.sms-static pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 0.5rem; }',
  '.sms-static code { overflow-wrap: anywhere; }',
  'html.dark .sms-static pre { background: #222; }',
].join('\n');
