// What the tests check answers against, read from the bundled spec on their own (not through the
// sandbox's code): each status's response schema, and the named examples.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, any>;
export const SPEC = JSON.parse(
  readFileSync(new URL(import.meta.resolve('@sms-task/spec/openapi.json')), 'utf8'),
) as Json;
const resolve = (node: Json): Json =>
  node?.$ref
    ? resolve(
        node.$ref
          .split('/')
          .slice(1)
          .reduce((at: Json, key: string) => at[key], SPEC),
      )
    : node;
const post = SPEC.paths['/v3/tasks/{task_id}/action'].post;

const ajv = new Ajv2020({ strict: false });
ajv.addSchema(SPEC, 'spec');
const responses = Object.entries(post.responses as Json).map(([status, response]) => {
  // A response is compiled where it stands: in components/responses, or inline under the operation.
  const operation = '/paths/~1v3~1tasks~1%7Btask_id%7D~1action/post';
  const at = `${(response as Json).$ref?.slice(1) ?? `${operation}/responses/${status}`}/content/application~1json`;
  const content = resolve(response).content['application/json'];
  return {
    status: Number(status),
    validate: ajv.compile({ $ref: `spec#${at}/schema` }),
    examples: Object.fromEntries(
      Object.entries(content.examples ?? {}).map(([name, example]) => [name, resolve(example as Json).value]),
    ) as Record<string, Json>,
  };
});

/** The named example `name` and the status it belongs to. */
export function example(name: string): { status: number; value: Json } {
  const found = responses.find((r) => name in r.examples);
  if (!found) throw new Error(`no named example ${name}`);
  return { status: found.status, value: found.examples[name]! };
}

/** Ajv's complaint about a response body, or null when the spec's schema of its status accepts it. */
export function responseProblem(status: number, body: unknown): string | null {
  const response = responses.find((r) => r.status === status);
  if (!response) return `status ${status} is not declared`;
  return response.validate(body) ? null : ajv.errorsText(response.validate.errors);
}

/** The task states the spec's description lists (READY, RUNNING, …). */
export const SPEC_STATES = /\(from `GET \/v3\/tasks\/\{task_id\}`: ([^)]+)\)/
  .exec(SPEC.info.description.replace(/\s+/g, ' '))![1]!
  .replace(' or ', ', ')
  .split(', ');

/** The operations of the request body, in the spec's order. */
export const SPEC_OPERATIONS = Object.keys(
  resolve(post.requestBody.content['application/json'].schema).discriminator.mapping,
);

/** The fields the spec requires of `operation` besides itself (template_id for clone_test), with a value. */
export function requiredFields(operation: string): Record<string, string> {
  const request = resolve(post.requestBody.content['application/json'].schema);
  const variant = resolve({ $ref: request.discriminator.mapping[operation] });
  return Object.fromEntries(
    (variant.required as string[]).filter((field) => field !== 'operation').map((field) => [field, 'tpl-1']),
  );
}
