#!/usr/bin/env node
// Generates everything the client knows about the API from the bundled spec (@sms-task/spec):
//   src/generated/schema.ts      types, by openapi-typescript
//   src/generated/spec-facts.ts  the runtime facts (regions, limits, operations) the validator uses
// `--check` regenerates in memory and fails when a committed file differs (CI drift check).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { document, spec } from '@sms-task/spec';
import openapiTS, { astToString } from 'openapi-typescript';

const OUT = new URL('../src/generated/', import.meta.url);
const BANNER = `/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with \`pnpm generate\`; CI fails when this file drifts.
 */
`;

async function generateTypes() {
  // default-non-nullable off: body fields with a `default` stay optional for callers.
  const ast = await openapiTS(structuredClone(document), { defaultNonNullable: false, alphabetize: false });
  return BANNER + astToString(ast);
}

const pick = (schema, keys) =>
  Object.fromEntries(keys.filter((k) => schema[k] !== undefined).map((k) => [k, schema[k]]));

/** The subset of JSON Schema the client validates locally; anything else in the spec is left to the server. */
function fieldRule(schema, where) {
  if (!['string', 'boolean'].includes(schema.type)) {
    throw new Error(`${where}: the client validator knows string and boolean fields, not ${schema.type}`);
  }
  // Every string on the reference page is bounded, and the client's message names the range.
  if (schema.type === 'string' && schema.maxLength === undefined)
    throw new Error(`${where}: a string field needs a maxLength`);
  return pick(schema, ['type', 'minLength', 'maxLength']);
}

function extractFacts() {
  // The one operation, its $refs replaced by what they point at.
  const operation = spec.dereference(spec.operation);

  const regions = {};
  for (const server of document.servers ?? []) {
    const region = server['x-sms-region'];
    if (region) regions[region] = server.url;
  }

  const param = (location, name) => {
    const p = operation.parameters.find((x) => x.in === location && x.name === name);
    if (!p) throw new Error(`spec has no ${location} parameter ${name}`);
    return fieldRule(p.schema, name);
  };

  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (!body?.oneOf || body.discriminator?.propertyName !== 'operation') {
    throw new Error('the request body must be a oneOf discriminated by `operation`');
  }
  const variants = [];
  const operations = {};
  for (const variant of body.oneOf) {
    const index = variants.length;
    const properties = {};
    for (const [name, schema] of Object.entries(variant.properties)) {
      if (name !== 'operation') properties[name] = fieldRule(schema, `${variant.title}.${name}`);
    }
    // The client refuses unknown fields (src/validate.ts): a body schema that allows them would
    // make it stricter than the spec, so generation stops instead.
    if (variant.additionalProperties !== false) {
      throw new Error(`${variant.title}: the client validator expects additionalProperties: false`);
    }
    variants.push({ required: variant.required.filter((name) => name !== 'operation'), properties });
    for (const op of variant.properties.operation.enum) {
      if (op in operations) throw new Error(`operation ${op} is in two request variants`);
      operations[op] = index;
    }
  }
  // The discriminator mapping is what the docs render; it must name the same operations.
  // Its order (the reference's order) is the order helpers and docs list operations in.
  const mapping = Object.keys(body.discriminator.mapping ?? {});
  if ([...mapping].sort().join() !== Object.keys(operations).sort().join()) {
    throw new Error(`discriminator mapping (${mapping}) and operation enums (${Object.keys(operations)}) differ`);
  }

  return {
    OPERATION_PATH: spec.path,
    READ_PATH: spec.read.path,
    LIST_PATH: spec.list.path,
    LIST_QUERY_RULES: listQueryRules(),
    TASK_STATES: taskStates(),
    REGIONS: regions,
    TASK_ID_RULE: param('path', 'task_id'),
    AUTH_TOKEN_RULE: param('header', 'X-Auth-Token'),
    OPERATIONS: mapping,
    REQUEST_VARIANTS: variants,
    OPERATION_VARIANT: Object.fromEntries(mapping.map((op) => [op, operations[op]])),
  };
}

/** The list read's query parameters: type, bounds, enum and default, for the client's check before sending. */
function listQueryRules() {
  const rules = {};
  for (const parameter of spec.dereference(spec.list.operation).parameters) {
    if (parameter.in !== 'query') continue;
    const { schema } = parameter;
    if (!['string', 'integer'].includes(schema.type)) {
      throw new Error(`query ${parameter.name}: the client validator knows string and integer parameters`);
    }
    rules[parameter.name] = pick(schema, ['type', 'minLength', 'maxLength', 'minimum', 'maximum', 'enum', 'default']);
  }
  return rules;
}

/** The task states the spec lists (the open enum's known values). */
function taskStates() {
  const schema = spec.dereference(document.components.schemas.TaskState);
  const known = schema.anyOf?.find((branch) => branch.enum)?.enum;
  if (!known) throw new Error('TaskState must be an anyOf whose first branch enumerates the known states');
  return known;
}

async function generateFacts() {
  const facts = extractFacts();
  let out = BANNER + '\n';
  for (const [name, value] of Object.entries(facts)) {
    out += `export const ${name} = ${JSON.stringify(value, null, 2)} as const;\n\n`;
  }
  return out.trimEnd() + '\n';
}

const files = {
  'schema.ts': await generateTypes(),
  'spec-facts.ts': await generateFacts(),
};

if (process.argv.includes('--check')) {
  const stale = [];
  for (const [name, content] of Object.entries(files)) {
    const committed = await readFile(new URL(name, OUT), 'utf8').catch(() => '');
    if (committed !== content) stale.push(`src/generated/${name}`);
  }
  if (stale.length) {
    console.error(
      `Generated code drifted from spec/openapi.yaml: ${stale.join(', ')}.\n` +
        'Run `pnpm generate` and commit the result; never edit generated files by hand.',
    );
    process.exit(1);
  }
  console.log('generated code matches spec/openapi.yaml');
} else {
  await mkdir(OUT, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(new URL(name, OUT), content);
  console.log(
    `generated ${Object.keys(files)
      .map((f) => `src/generated/${f}`)
      .join(', ')}`,
  );
}
