import type { SpecReader } from '@sms-task/spec/reader';

/** The bundled OpenAPI document (dist/openapi.json). */
export declare const document: Record<string, any>;
/** The reader over the bundled document. */
export declare const spec: SpecReader;
