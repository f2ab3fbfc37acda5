/** The Ajv 2020-12 class (`import { Ajv2020 } from 'ajv/dist/2020.js'`), as far as the check uses it. */
export interface AjvClass {
  new (options: {
    allErrors: boolean;
    strict: boolean;
  }): {
    addVocabulary(keywords: string[]): unknown;
    compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
    errorsText(errors: any): string;
  };
}

/** Ajv's complaint about a response body, or null when the schema of its status accepts it. */
export type ResponseCheck = (status: number, body: unknown) => string | null;

/**
 * The check of the responses of `operation` (the task action unless given; `spec.read.operation`,
 * `spec.list.operation` for the reads).
 */
export function createResponseCheck(Ajv2020: AjvClass, operation?: Record<string, any>): ResponseCheck;
