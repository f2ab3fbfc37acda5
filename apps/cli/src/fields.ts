// The request body's fields, as options of the commands: read from the bundled spec's request
// schema, so a field or operation added to the spec appears on its own.
import { document } from '@sms-task/spec';
import { readSpec } from '@sms-task/spec/reader';

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

export function loadFields(source: Json = document): {
  /** The operation's path template, e.g. `/v3/tasks/{task_id}/action`. */
  path: string;
  operations: string[];
  /** Each operation's one-line description (the spec's x-enumDescriptions). */
  descriptions: Record<string, string>;
  fields: Field[];
} {
  const spec = readSpec(source);
  const fields = new Map<string, Field>();
  const descriptions: Record<string, string> = {};
  for (const operation of spec.operations) {
    const variant = spec.variant(operation);
    descriptions[operation] = spec.resolve(variant.properties.operation)['x-enumDescriptions']?.[operation] ?? '';
    for (const [name, schema] of Object.entries(variant.properties as Json)) {
      if (name === 'operation') continue;
      const property = spec.resolve(schema as Json);
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
  return { path: spec.path, operations: spec.operations, descriptions, fields: [...fields.values()] };
}

/** `clone_test` → `clone-test`: the command's name. */
export const commandName = (operation: string) => operation.replace(/_/g, '-');
