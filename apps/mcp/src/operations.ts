// The operations and the request body's fields, read from the bundled spec: an operation or field
// added to the spec appears in the tools' schemas on its own.
import { document } from '@sms-task/spec';
import { readSpec } from '@sms-task/spec/reader';

export interface Field {
  name: string;
  type: 'string' | 'boolean';
  /** The spec's first line about it. */
  description: string;
  maxLength?: number;
}

const spec = readSpec(document);

export const OPERATION_NAMES = spec.operations as [string, ...string[]];

/** Every field some operation's body takes besides `operation` (the client checks which one takes which). */
export const FIELDS: Field[] = (() => {
  const fields = new Map<string, Field>();
  for (const operation of spec.operations) {
    for (const [name, schema] of Object.entries(spec.variant(operation).properties as Record<string, object>)) {
      if (name === 'operation' || fields.has(name)) continue;
      const property = spec.resolve(schema as Record<string, unknown>);
      fields.set(name, {
        name,
        type: property.type === 'boolean' ? 'boolean' : 'string',
        description: String(property.description ?? '').split('\n')[0]!,
        ...(typeof property.maxLength === 'number' ? { maxLength: property.maxLength } : {}),
      });
    }
  }
  return [...fields.values()];
})();
