// Reading the bundled spec the way every package needs it: $refs followed, the task action, its
// request schema and discriminator, the named examples of its responses, and the two reads.
// Packages that ship the spec (the sandbox, the command line) bundle this file into their own build.

/** @param {Record<string, any>} document the bundled OpenAPI document (openapi.json) */
export function readSpec(document) {
  /** Follows `$ref`s (local JSON pointers) until a node that is not one. */
  const resolve = (node) =>
    node?.$ref
      ? resolve(
          node.$ref
            .slice(2)
            .split('/')
            .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
            .reduce((at, key) => at[key], document),
        )
      : node;
  /** A copy with every `$ref` replaced by what it points at (the spec has no cycles). */
  const dereference = (node) =>
    Array.isArray(node)
      ? node.map(dereference)
      : node && typeof node === 'object'
        ? node.$ref
          ? dereference(resolve(node))
          : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, dereference(value)]))
        : node;
  /** The path and operation object of an operationId, or undefined. */
  const byId = (id) => {
    for (const [path, entry] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(resolve(entry))) {
        if (resolve(op)?.operationId === id) return { path, method: method.toUpperCase(), operation: resolve(op) };
      }
    }
    return undefined;
  };
  // The task action; the task read and the list read tell where tasks stand and whether a lost call acted.
  const { path, operation } = byId('updateTaskStatus');
  const requestBody = resolve(operation.requestBody);
  const requestSchema = resolve(requestBody.content['application/json'].schema);
  /** @type {Record<string, string>} operation value → its request variant's $ref */
  const mapping = requestSchema.discriminator.mapping;
  const examples = new Map();
  for (const [status, response] of Object.entries(operation.responses)) {
    for (const [name, example] of Object.entries(resolve(response).content?.['application/json']?.examples ?? {})) {
      examples.set(name, { status: Number(status), value: resolve(example).value });
    }
  }
  return {
    document,
    resolve,
    dereference,
    path,
    operation,
    requestBody,
    requestSchema,
    mapping,
    /** The operation values of the request body, in the spec's order. */
    operations: Object.keys(mapping),
    /** The request body variant (schema) of an operation value. */
    variant: (value) => resolve({ $ref: mapping[value] }),
    /** Every named example of the responses: name → { status, value }. */
    examples,
    /** The task read: `GET /v3/tasks/{task_id}` (operationId showTask). */
    read: byId('showTask'),
    /** The list read: `GET /v3/tasks` (operationId listTasks). */
    list: byId('listTasks'),
    /** An operation of the spec by its operationId: { path, method, operation }, or undefined. */
    byId,
  };
}
