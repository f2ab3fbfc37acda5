// The one check of a response against the spec: the JSON Schema of its status (2020-12, as
// OpenAPI 3.1 uses), validated by Ajv. The caller's package brings Ajv's class; this one has none.
import { spec } from './index.js';

/**
 * @param {new (options: object) => any} Ajv2020 the class from `ajv/dist/2020.js`
 * @param {Record<string, any>} [operation] the operation whose responses are checked: the task action
 *   unless given (`spec.read.operation` for the task read, `spec.list.operation` for the list read)
 * @returns {(status: number, body: unknown) => string | null} Ajv's complaint, or null when the
 *   schema of the response's status accepts the body
 */
export function createResponseCheck(Ajv2020, operation = spec.operation) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // OpenAPI annotations, not validation keywords: `oneOf` alone decides (a discriminator only guides readers).
  ajv.addVocabulary(['example', 'discriminator', 'x-enumDescriptions']);
  const validators = new Map(
    Object.entries(operation.responses).map(([status, response]) => [
      Number(status),
      ajv.compile(spec.dereference(spec.resolve(response).content['application/json'].schema)),
    ]),
  );
  return (status, body) => {
    const validate = validators.get(status);
    if (!validate) return `status ${status} is not declared in the spec`;
    return validate(body) ? null : ajv.errorsText(validate.errors);
  };
}
