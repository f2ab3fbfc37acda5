// The spec, dereferenced, and JSON Schema validators compiled from it with Ajv (2020-12, as
// OpenAPI 3.1 uses). Responses are checked against these, never against hand-written shapes.
import { bundle, createConfig } from '@redocly/openapi-core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { DEFAULT_SPEC } from '@sms-task/contract-tests/prism';

type Json = Record<string, any>;

export async function loadSpec(path = DEFAULT_SPEC) {
  const { bundle: doc } = await bundle({ ref: path, config: await createConfig({}), dereference: true });
  const spec = doc.parsed as Json;
  const operation = spec.paths['/v3/tasks/{task_id}/action'].post as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // OpenAPI annotations, not validation keywords: `oneOf` alone decides (the discriminator only guides readers).
  ajv.addVocabulary(['example', 'discriminator', 'x-enumDescriptions']);

  const responseValidators = new Map<number, ValidateFunction>();
  for (const [status, response] of Object.entries(operation.responses as Json)) {
    responseValidators.set(Number(status), ajv.compile(response.content['application/json'].schema));
  }
  const body = operation.requestBody.content['application/json'];
  // Each operation's required fields besides `operation`, from the request schema's variants.
  const requiredFields: Record<string, string[]> = {};
  for (const variant of body.schema.oneOf as Json[]) {
    const { enum: values, const: single } = variant.properties.operation;
    for (const op of values ?? [single]) {
      requiredFields[op] = (variant.required ?? []).filter((field: string) => field !== 'operation');
    }
  }
  return {
    requiredFields,
    requestExamples: body.examples as Record<string, { value: Json }>,
    /** Examples per declared status: { 403: { permission_denied: {...} } }. */
    responseExamples: Object.fromEntries(
      Object.entries(operation.responses as Json).map(([status, r]) => [
        status,
        Object.fromEntries(
          Object.entries(r.content['application/json'].examples ?? {}).map(([k, v]) => [k, (v as Json).value]),
        ),
      ]),
    ) as Record<string, Record<string, unknown>>,
    declaredStatuses: [...responseValidators.keys()],
    validateRequestBody: ajv.compile(body.schema),
    /** Ajv's errors for a response body, or null when it matches the schema of its status. */
    responseProblems(status: number, data: unknown): string | null {
      const validate = responseValidators.get(status);
      if (!validate) return `status ${status} is not declared in the spec`;
      return validate(data) ? null : ajv.errorsText(validate.errors);
    },
    limits: {
      taskId: operation.parameters.find((p: Json) => p.name === 'task_id').schema as {
        minLength: number;
        maxLength: number;
      },
      token: operation.parameters.find((p: Json) => p.name === 'X-Auth-Token').schema as {
        minLength: number;
        maxLength: number;
      },
      templateId: body.schema.oneOf[0].properties.template_id as { minLength: number; maxLength: number },
    },
  };
}
