// Classifies the changes between two versions of the spec as major (breaking), minor (additive)
// or patch (neither). `redocly diff` with its diff-recommended rules does most of it; rules of
// this API's own correct it where it is wrong for this API:
//   - a value added to a request enum is minor, not patch: the client gains a helper;
//   - named examples are part of the contract (the mock answers with them, the suite and the
//     sandbox read them): one added is minor, one removed major, one reworded patch;
//   - a schema whose `type` moved into anyOf/oneOf branches that all have that type (an open
//     enum) keeps its type: redocly reads a schema without `type` as 'any', a widening;
//   - an extension the client's code is generated from (`x-sms-region`) is rated by what it does
//     to the client (EXTENSIONS); the rest stay patch, as redocly rates them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GateError } from './git.mjs';

export const IMPACTS = ['none', 'patch', 'minor', 'major'];
export const higher = (a, b) => (IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b);

const require = createRequire(import.meta.url);
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
const DIFF_CONFIG = fileURLToPath(new URL('../redocly-diff.yaml', import.meta.url));

/**
 * The changes from `baseSpec` to `revisionSpec` (paths of their openapi.yaml), each as
 * { impact, rule, message, pointer, file, line }, with files relative to `root`.
 */
export async function classify(baseSpec, revisionSpec, root) {
  const [before, after] = await Promise.all([bundled(baseSpec), bundled(revisionSpec)]);
  const examples = exampleChanges(before, after, baseSpec, revisionSpec, root);
  // Where redocly reports the same example change as the rule of our own, ours (which names it) stays.
  const ours = new Set(examples.map((change) => `${change.rule} ${change.pointer}`));
  const changes = redoclyDiff(baseSpec, revisionSpec)
    .map((change) => fromRedocly(change, root, after))
    .filter((change) => !ours.has(`${change.rule} ${change.pointer}`));
  return [...changes, ...examples];
}

/** The spec as one document, every $ref followed, so that a change's JSON pointer can be read in it. */
async function bundled(specPath) {
  // Loaded here, not at the top: the runs that classify nothing (--help, no spec change) skip its load.
  const { bundle, createConfig } = await import('@redocly/openapi-core');
  const { bundle: doc } = await bundle({ ref: specPath, config: await createConfig({}), dereference: true });
  return doc.parsed;
}

/** The value at a JSON pointer (`#/paths/~1v3~1tasks/get`) of a document, or undefined. */
function valueAt(doc, pointer) {
  return pointer
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

function redoclyDiff(baseSpec, revisionSpec) {
  const run = spawnSync(
    process.execPath,
    [REDOCLY, 'diff', baseSpec, revisionSpec, '--config', DIFF_CONFIG, '--format=json', '--fail-on=none'],
    { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' } },
  );
  // The JSON report follows a banner on some versions: it starts at the first brace.
  const start = run.stdout.indexOf('{');
  if (run.status !== 0 || start < 0) {
    throw new GateError(`redocly diff failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().slice(-2000)}`);
  }
  return JSON.parse(run.stdout.slice(start)).changes;
}

function fromRedocly(change, root, revisionDoc) {
  const verdict = change.verdicts[0];
  const where = verdict?.location ?? change.revision ?? change.base;
  // Changes no diff rule rated (additions, wording) are named for what changed.
  const subject =
    change.property ?? (/\/properties\/[^/]+$/.test(change.path) ? 'property' : change.typeName.toLowerCase());
  const entry = {
    impact: change.impact,
    rule: verdict?.ruleId ?? `${subject}-${change.kind}`,
    message: verdict?.message ?? `${subject} ${change.kind}.`,
    pointer: change.path,
    file: where?.file ? relative(root, where.file) : undefined,
    line: where?.line,
  };
  const extension = extensionChange(change);
  if (extension) return { ...entry, ...extension };
  const kept = typeKept(change, revisionDoc);
  if (kept) return { ...entry, impact: 'patch', rule: 'schema-type-kept', message: kept };
  const added = addedEnumValues(change);
  if (added.length && /\/(requestBody|parameters)\//.test(change.path) && entry.impact === 'patch') {
    return {
      ...entry,
      impact: 'minor',
      rule: 'request-enum-values-added',
      message: `Request enum gained values: ${added.map((v) => `'${v}'`).join(', ')}.`,
    };
  }
  return entry;
}

/**
 * redocly rates a schema that lost its `type` as widened to 'any' (major). When the type moved into
 * anyOf/oneOf branches that each have exactly that type (TaskState: the listed values, or another
 * string), every value is still of that type: no type changed. Any other branch keeps the verdict.
 */
function typeKept(change, revisionDoc) {
  if (change.verdicts[0]?.ruleId !== 'schema-type-changed' || change.revision?.value !== undefined) return undefined;
  const types = (value) => [value ?? []].flat().sort().join(',');
  const was = types(change.base?.value);
  const schema = valueAt(revisionDoc, change.path);
  const branches = schema?.anyOf ?? schema?.oneOf;
  if (!was || !Array.isArray(branches) || !branches.length) return undefined;
  if (!branches.every((branch) => types(branch?.type) === was)) return undefined;
  return `Type '${was}' kept: every ${schema.anyOf ? 'anyOf' : 'oneOf'} branch is a '${was}'.`;
}

/**
 * Spec extensions are no part of HTTP, and redocly rates every change to one a patch. That is right
 * where neither published package is built from one: wording (`x-enumDescriptions`), a limit the
 * description also states in words (`x-sms-max-body-bytes`, read by the sandbox), or a model only
 * the tools read (`x-sms-states-after`, removed; the command line's changeset says what that changes
 * for it). It is wrong for an extension the client's code is generated from: rated here.
 */
const EXTENSIONS = {
  // The client's regions are generated from it: one removed or renamed is a `region` the client no longer takes.
  'x-sms-region': (before, after) => (before === undefined ? 'minor' : before === after ? 'patch' : 'major'),
};

/** The rating of a change to one of EXTENSIONS, or undefined for any other change. */
function extensionChange(change) {
  const name = change.property ?? change.path.split('/').pop();
  if (!Object.hasOwn(EXTENSIONS, name)) return undefined;
  const [before, after] = [change.base?.value, change.revision?.value];
  const impact = EXTENSIONS[name](before, after);
  const what = after === undefined ? 'removed' : before === undefined ? 'added' : 'changed';
  const rule = `${name.slice(2)}-${what}`;
  return { impact, rule, message: `\`${name}\` ${what}: ${JSON.stringify(before)} → ${JSON.stringify(after)}.` };
}

function addedEnumValues(change) {
  if (change.property !== 'enum' || !Array.isArray(change.base?.value) || !Array.isArray(change.revision?.value)) {
    return [];
  }
  const before = new Set(change.base.value);
  return change.revision.value.filter((value) => !before.has(value));
}

/** Named examples of every request body and response of a bundled spec, as { "<pointer>": value }. */
function namedExamples(doc) {
  const examples = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const at = `#/paths/${pointerSegment(path)}/${method}`;
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        for (const [name, example] of Object.entries(media.examples ?? {})) {
          examples.set(`${at}/requestBody/content/${pointerSegment(type)}/examples/${name}`, {
            name,
            value: example.value,
          });
        }
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            const pointer = `${at}/responses/${status}/content/${pointerSegment(type)}/examples/${name}`;
            examples.set(pointer, { name, value: example.value });
          }
        }
      }
    }
  }
  return examples;
}

const pointerSegment = (segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function exampleChanges(baseDoc, revisionDoc, baseSpec, revisionSpec, root) {
  const [before, after] = [namedExamples(baseDoc), namedExamples(revisionDoc)];
  const changes = [];
  for (const [pointer, { name, value }] of after) {
    const was = before.get(pointer);
    if (!was) {
      changes.push({ impact: 'minor', rule: 'example-added', message: `Example \`${name}\` added.`, pointer });
    } else if (JSON.stringify(was.value) !== JSON.stringify(value)) {
      changes.push({ impact: 'patch', rule: 'example-changed', message: `Example \`${name}\` changed.`, pointer });
    }
  }
  for (const [pointer, { name }] of before) {
    if (!after.has(pointer)) {
      changes.push({ impact: 'major', rule: 'example-removed', message: `Example \`${name}\` removed.`, pointer });
    }
  }
  // The file and line that define an example of that name, for the annotation.
  return changes.map((change) => ({
    ...change,
    ...locateName(change, change.rule === 'example-removed' ? baseSpec : revisionSpec, root),
  }));
}

function locateName(change, specPath, root) {
  const name = change.pointer.split('/').pop();
  const specDir = dirname(specPath);
  const pattern = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`);
  // Where the example is defined: the examples files first, then wherever else it is named.
  const files = readdirSync(specDir, { recursive: true })
    .filter((file) => file.endsWith('.yaml'))
    .sort((a, b) => Number(b.includes('examples')) - Number(a.includes('examples')));
  for (const file of files) {
    const index = readFileSync(join(specDir, file), 'utf8')
      .split('\n')
      .findIndex((line) => pattern.test(line));
    if (index >= 0) return { file: relative(root, join(specDir, file)), line: index + 1 };
  }
  return { file: relative(root, specPath) };
}
