// What the suite checks against, read from the spec this package was built with: the request
// examples and each operation's required fields, the limits the cases are built from (the action's
// and the list read's), and the one check of a response (Ajv, 2020-12 as OpenAPI 3.1 uses), never
// hand-written shapes.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createResponseCheck, spec } from '@sms-task/contract-tests/spec';

type Json = Record<string, any>;
type Limits = { minLength: number; maxLength: number };
type Range = { minimum: number; maximum: number; default: number };
type Operation = { path: string; operation: Json };

/** The schema of an operation's parameter `name`. */
const parameterOf = ({ operation }: Operation, name: string) =>
  spec.resolve((operation.parameters as Json[]).map(spec.resolve).find((p) => p.name === name)!.schema);

export function loadSpec() {
  const body = spec.dereference(spec.requestBody.content['application/json']) as Json;
  const parameter = (name: string) => parameterOf({ path: spec.path, operation: spec.operation }, name);
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // OpenAPI annotations, not validation keywords: `oneOf` alone decides (the discriminator only guides readers).
  ajv.addVocabulary(['example', 'discriminator', 'x-enumDescriptions']);

  /** Each operation's required fields besides `operation`. */
  const requiredFields = Object.fromEntries(
    spec.operations.map((op) => [op, (spec.variant(op).required as string[]).filter((f) => f !== 'operation')]),
  );
  const declaredStatuses = Object.keys(spec.operation.responses).map(Number);
  /** Examples per declared status: { 403: { permission_denied: {...} } }. */
  const responseExamples: Record<string, Record<string, unknown>> = Object.fromEntries(
    declaredStatuses.map((status) => [status, {}]),
  );
  for (const [name, { status, value }] of spec.examples) responseExamples[status]![name] = value;
  const templateOwner = spec.operations.find((op) => spec.variant(op).properties.template_id)!;
  return {
    requiredFields: requiredFields as Record<string, string[]>,
    requestExamples: body.examples as Record<string, { value: Json }>,
    responseExamples,
    declaredStatuses,
    validateRequestBody: ajv.compile(body.schema),
    /** Ajv's errors for a response body, or null when it matches the schema of its status. */
    responseProblems: createResponseCheck(Ajv2020),
    /** The same for the task read (`GET /v3/tasks/{task_id}`), with its path template. */
    read: { path: spec.read!.path, problems: createResponseCheck(Ajv2020, spec.read!.operation) },
    list: listRead(spec.list!),
    limits: {
      taskId: parameter('task_id') as Limits,
      token: parameter('X-Auth-Token') as Limits,
      templateId: spec.resolve(spec.variant(templateOwner).properties.template_id) as Limits,
    },
  };
}

/** The list read (`GET /v3/tasks`): its path, statuses, the check of its answers and its query's rules. */
function listRead(list: Operation) {
  const parameter = (name: string) => parameterOf(list, name);
  return {
    path: list.path,
    declaredStatuses: Object.keys(list.operation.responses).map(Number),
    problems: createResponseCheck(Ajv2020, list.operation),
    limit: parameter('limit') as Range,
    offset: parameter('offset') as Range,
    /** The values the `state` filter takes. */
    states: parameter('state').enum as string[],
    lengths: {
      id: parameter('id') as Limits,
      name: parameter('name') as Limits,
      source_server_id: parameter('source_server_id') as Limits,
    },
  };
}
