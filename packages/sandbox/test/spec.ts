// What the tests check answers against, read from the bundled spec on their own (not through the
// sandbox's code): the one response check, the named examples, the states and operations.
import { spec } from '@sms-task/spec';
import { createResponseCheck } from '@sms-task/spec/response-check';
import { Ajv2020 } from 'ajv/dist/2020.js';

type Json = Record<string, any>;

/** The named example `name` and the status it belongs to. */
export function example(name: string): { status: number; value: Json } {
  const found = spec.examples.get(name);
  if (!found) throw new Error(`no named example ${name}`);
  return found;
}

/** Ajv's complaint about a response body, or null when the spec's schema of its status accepts it. */
export const responseProblem = createResponseCheck(Ajv2020);
/** The same, for the task read (`GET /v3/tasks/{task_id}`). */
export const readProblem = createResponseCheck(Ajv2020, spec.read!.operation);
/** The same, for the list read (`GET /v3/tasks`). */
export const listProblem = createResponseCheck(Ajv2020, spec.list!.operation);

const schemaOf = (name: string): Json => spec.resolve({ $ref: `#/components/schemas/${name}` });

/** The task states the spec's `TaskState` lists (READY, RUNNING, …): the enum of its open list. */
export const SPEC_STATES: string[] = schemaOf('TaskState').anyOf.find((branch: Json) => branch.enum).enum;

/** The fields a `TaskListItem` has, and the ones only the task read (`Task`) has. */
export const LIST_ITEM_FIELDS = Object.keys(schemaOf('TaskListItem').properties);
export const TASK_FIELDS = Object.keys(schemaOf('Task').properties);

/** The list read's query parameters, by name: their schemas (defaults, limits, the state filter's values). */
export const LIST_PARAMETERS: Record<string, Json> = Object.fromEntries(
  (spec.list!.operation.parameters as Json[])
    .map(spec.resolve)
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => [parameter.name, spec.resolve(parameter.schema)]),
);

/** The operations of the request body, in the spec's order. */
export const SPEC_OPERATIONS = spec.operations;

/** The fields the spec requires of `operation` besides itself (template_id for clone_test), with a value. */
export function requiredFields(operation: string): Record<string, string> {
  const required = (spec.variant(operation).required as string[]).filter((field) => field !== 'operation');
  return Object.fromEntries(required.map((field) => [field, 'tpl-1']));
}

/** The spec's servers that are regions of the service (not the local mock): `{ url, region }`. */
export const REGION_SERVERS: { url: string; region: string }[] = (spec.document.servers as Json[])
  .filter((server) => server['x-sms-region'])
  .map((server) => ({ url: server.url, region: server['x-sms-region'] }));
