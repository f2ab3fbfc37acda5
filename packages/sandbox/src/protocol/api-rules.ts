// What the bundled spec says about the endpoint, compiled once: the path, the limits and schemas
// requests are checked against (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), and the named
// examples that are the sandbox's answers, byte for byte. The spec is bundled into the build, so
// the sandbox also runs in a browser (MSW's setupWorker).
import bundledSpec from '@sms-task/spec/openapi.json' with { type: 'json' };
import { readSpec } from '@sms-task/spec/reader';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, any>;

export interface ErrorBody {
  error_code: string;
  error_msg: string;
  [field: string]: unknown;
}

export interface ApiRules {
  /** The operation's path template, e.g. `/v3/tasks/{task_id}/action`. */
  path: string;
  /** The task read's path template, `/v3/tasks/{task_id}`, when the spec has it. */
  readPath: string | undefined;
  /** The list read's path, `/v3/tasks`, when the spec has it. */
  listPath: string | undefined;
  /** The request body's `operation` values, in the spec's order. */
  operations: string[];
  /** The largest request body the service reads (`x-sms-max-body-bytes`). */
  maxBodyBytes: number;
  /** The named example `name` of any response, and its status. */
  example(name: string): { status: number; body: ErrorBody };
  /** The first rule `value` breaks, as `{ where, message }`, or undefined when it passes. */
  checkTaskId(value: string): Problem | undefined;
  checkToken(value: string): Problem | undefined;
  checkBody(value: unknown): Problem | undefined;
  /** The list read's query with the spec's defaults filled in, or the first rule it breaks. */
  checkListQuery(params: URLSearchParams): { query: ListQuery } | { problem: Problem };
}

/** The list read's query parameters, by name: strings, and numbers for the integer ones. */
export type ListQuery = Record<string, string | number>;

export interface Problem {
  /** Where and which rule, e.g. `/body required template_id`. */
  rule: string;
  message: string;
}

export function loadApiRules(document: Json = bundledSpec): ApiRules {
  const spec = readSpec(document);
  const parameter = (name: string) =>
    spec.resolve((spec.operation.parameters as Json[]).map(spec.resolve).find((p) => p.name === name)!.schema);

  const ajv = new Ajv2020({ strict: true });
  // OpenAPI annotations, not validation keywords.
  ajv.addVocabulary(['example', 'discriminator', 'x-enumDescriptions']);
  // Each schema with its $refs replaced, so that it compiles alone.
  const compile = (schema: Json): ValidateFunction => ajv.compile(spec.dereference(schema) as Json);
  const taskId = compile(parameter('task_id'));
  const token = compile(parameter('X-Auth-Token'));
  // Each operation's own variant of the body, so that a broken body gets the error of its variant
  // (a missing template_id), not every variant's errors at once.
  const compiled = new Map<string, ValidateFunction>();
  const variants = Object.fromEntries(
    Object.entries(spec.mapping).map(([operation, $ref]) => {
      if (!compiled.has($ref)) compiled.set($ref, compile({ $ref }));
      return [operation, compiled.get($ref)!];
    }),
  );

  const problem = (where: string, errors: ErrorObject[] | null | undefined): Problem => {
    const [error] = errors ?? [];
    const at = `${where}${error?.instancePath ?? ''}`;
    const name = error?.params.missingProperty ?? error?.params.additionalProperty;
    const detail = name ? ` ${name}` : '';
    const listed =
      error?.keyword === 'additionalProperties'
        ? `: ${name}`
        : error?.keyword === 'enum'
          ? `: ${error.params.allowedValues.join(', ')}`
          : '';
    return {
      rule: `${at} ${error?.keyword ?? 'invalid'}${detail}`,
      message: `${at} ${error?.message ?? 'is invalid'}${listed}`,
    };
  };
  // The list read's query parameters (not its headers), each with its compiled schema.
  const listParameters = ((spec.list?.operation.parameters ?? []) as Json[])
    .map(spec.resolve)
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => {
      const schema = spec.resolve(parameter.schema);
      return { name: parameter.name as string, schema, validate: compile(schema) };
    });
  return {
    path: spec.path,
    readPath: spec.read?.path,
    listPath: spec.list?.path,
    operations: spec.operations,
    maxBodyBytes: spec.requestBody['x-sms-max-body-bytes'],
    example(name) {
      const found = spec.examples.get(name);
      if (!found) throw new Error(`the spec has no named example "${name}"`);
      return { status: found.status, body: found.value as ErrorBody };
    },
    checkTaskId: (value) => (taskId(value) ? undefined : problem('/path/task_id', taskId.errors)),
    checkToken: (value) => (token(value) ? undefined : problem('/header/X-Auth-Token', token.errors)),
    checkBody(value) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        return { rule: '/body type', message: '/body must be a JSON object' };
      }
      const operation = (value as Json).operation;
      const validate = typeof operation === 'string' ? variants[operation] : undefined;
      if (!validate) {
        const allowed = spec.operations.join(', ');
        return operation === undefined
          ? { rule: '/body required operation', message: "/body must have required property 'operation'" }
          : { rule: '/body/operation enum', message: `/body/operation must be one of: ${allowed}` };
      }
      return validate(value) ? undefined : problem('/body', validate.errors);
    },
    checkListQuery(params) {
      const query: ListQuery = {};
      for (const { name, schema, validate } of listParameters) {
        const given = params.getAll(name);
        const where = `/query/${name}`;
        if (given.length > 1)
          return { problem: { rule: `${where} repeated`, message: `${where} is given more than once` } };
        if (given.length === 0) {
          if (schema.default !== undefined) query[name] = schema.default;
          continue;
        }
        // A query value is text: a number parameter's value is read as a number first.
        const text = given[0]!;
        const numeric = ['integer', 'number'].includes(schema.type) && /^-?\d+(\.\d+)?$/.test(text);
        const value = numeric ? Number(text) : text;
        if (!validate(value)) return { problem: problem(where, validate.errors) };
        query[name] = value;
      }
      return { query };
    },
  };
}
