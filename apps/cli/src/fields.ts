// The request body's fields, as options of the commands: read from the bundled spec's request
// schema, so a field or operation added to the spec appears on its own.
import { readFileSync } from 'node:fs';

export interface Field {
  /** The body's property, e.g. `template_id`. */
  name: string;
  /** The option, e.g. `--template-id`. */
  flag: string;
  type: 'string' | 'boolean';
  description: string;
  /** The operations that require it. */
  requiredBy: string[];
  /** The operations that take it. */
  takenBy: string[];
}

// Option names where the property's own would read badly on a command line.
const FLAGS: Record<string, string> = { is_need_consistency_check: 'consistency-check' };

type Json = Record<string, any>;

export function loadFields(file = new URL('./openapi.json', import.meta.url)): {
  /** The operation's path template, e.g. `/v3/tasks/{task_id}/action`. */
  path: string;
  operations: string[];
  /** Each operation's one-line description (the spec's x-enumDescriptions). */
  descriptions: Record<string, string>;
  fields: Field[];
} {
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
  const [path, item] = Object.entries(spec.paths as Json)[0]!;
  const post = item.post;
  const request = resolve(post.requestBody.content['application/json'].schema);
  const mapping = request.discriminator.mapping as Record<string, string>;
  const fields = new Map<string, Field>();
  const descriptions: Record<string, string> = {};
  for (const [operation, $ref] of Object.entries(mapping)) {
    const variant = resolve({ $ref });
    descriptions[operation] = resolve(variant.properties.operation)['x-enumDescriptions']?.[operation] ?? '';
    for (const [name, schema] of Object.entries(variant.properties as Json)) {
      if (name === 'operation') continue;
      const property = resolve(schema as Json);
      const field = fields.get(name) ?? {
        name,
        flag: `--${FLAGS[name] ?? name.replace(/_/g, '-')}`,
        type: property.type === 'boolean' ? 'boolean' : 'string',
        description: String(property.description ?? '').split('\n')[0]!,
        requiredBy: [],
        takenBy: [],
      };
      field.takenBy.push(operation);
      if ((variant.required as string[] | undefined)?.includes(name)) field.requiredBy.push(operation);
      fields.set(name, field);
    }
  }
  return { path, operations: Object.keys(mapping), descriptions, fields: [...fields.values()] };
}

/** `clone_test` → `clone-test`: the command's name. */
export const commandName = (operation: string) => operation.replace(/_/g, '-');
