// What the bundled spec says about the endpoint, compiled once: the path, the limits and schemas
// requests are checked against (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), and the named
// examples that are the sandbox's answers, byte for byte.
import { readFileSync } from 'node:fs';
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
}

export interface Problem {
  /** Where and which rule, e.g. `/body required template_id`. */
  rule: string;
  message: string;
}

const SPEC_FILE = new URL('./openapi.json', import.meta.url);

export function loadApiRules(file: URL | string = SPEC_FILE): ApiRules {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const resolve = (node: Json): Json =>
    node?.$ref
      ? resolve(
          node.$ref
            .split('/')
            .slice(1)
            .reduce((at: Json, key: string) => at[key], spec),
        )
      : node;
  const [path, item] = Object.entries(spec.paths as Json).find(([, ops]) => ops.post)!;
  const post = resolve(item.post);
  const parameter = (name: string) =>
    resolve((post.parameters as Json[]).map(resolve).find((p) => p.name === name)!.schema);
  const body = resolve(post.requestBody);
  const requestSchema = resolve(body.content['application/json'].schema);
  const mapping = requestSchema.discriminator.mapping as Record<string, string>;

  // Every $ref replaced by what it points at (the spec has no cycles), so each schema compiles alone.
  const deref = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(deref)
      : node && typeof node === 'object'
        ? (node as Json).$ref
          ? deref(resolve(node as Json))
          : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, deref(value)]))
        : node;
  const ajv = new Ajv2020({ strict: true });
  // OpenAPI annotations, not validation keywords.
  ajv.addVocabulary(['example', 'discriminator', 'x-enumDescriptions']);
  const compile = (schema: Json): ValidateFunction => ajv.compile(deref(schema) as Json);
  const taskId = compile(parameter('task_id'));
  const token = compile(parameter('X-Auth-Token'));
  // Each operation's own variant of the body, so that a broken body gets the error of its variant
  // (a missing template_id), not every variant's errors at once.
  const compiled = new Map<string, ValidateFunction>();
  const variants = Object.fromEntries(
    Object.entries(mapping).map(([operation, $ref]) => {
      if (!compiled.has($ref)) compiled.set($ref, compile({ $ref }));
      return [operation, compiled.get($ref)!];
    }),
  );

  const examples = new Map<string, { status: number; body: ErrorBody }>();
  for (const [status, response] of Object.entries(post.responses as Json)) {
    for (const [name, example] of Object.entries(resolve(response).content?.['application/json']?.examples ?? {})) {
      examples.set(name, { status: Number(status), body: resolve(example as Json).value });
    }
  }

  const problem = (where: string, errors: ErrorObject[] | null | undefined): Problem => {
    const [error] = errors ?? [];
    const at = `${where}${error?.instancePath ?? ''}`;
    const name = error?.params.missingProperty ?? error?.params.additionalProperty;
    const detail = name ? ` ${name}` : '';
    const message = `${at} ${error?.message ?? 'is invalid'}${error?.keyword === 'additionalProperties' ? `: ${name}` : ''}`;
    return { rule: `${at} ${error?.keyword ?? 'invalid'}${detail}`, message };
  };
  return {
    path,
    operations: Object.keys(mapping),
    maxBodyBytes: body['x-sms-max-body-bytes'],
    example(name) {
      const found = examples.get(name);
      if (!found) throw new Error(`the spec has no named example "${name}"`);
      return found;
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
        const allowed = Object.keys(mapping).join(', ');
        return operation === undefined
          ? { rule: '/body required operation', message: "/body must have required property 'operation'" }
          : { rule: '/body/operation enum', message: `/body/operation must be one of: ${allowed}` };
      }
      return validate(value) ? undefined : problem('/body', validate.errors);
    },
  };
}
