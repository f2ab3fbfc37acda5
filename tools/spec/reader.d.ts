type Json = Record<string, any>;

export interface SpecOperation {
  path: string;
  method: string;
  operation: Json;
}

export interface SpecReader {
  document: Json;
  resolve(node: Json | undefined): Json;
  dereference(node: unknown): unknown;
  path: string;
  operation: Json;
  requestBody: Json;
  requestSchema: Json;
  mapping: Record<string, string>;
  operations: string[];
  variant(operation: string): Json;
  examples: Map<string, { status: number; value: Json }>;
  /** The task read, `GET /v3/tasks/{task_id}`. */
  read: SpecOperation | undefined;
  /** The list read, `GET /v3/tasks`. */
  list: SpecOperation | undefined;
  /** An operation by its operationId. */
  byId(operationId: string): SpecOperation | undefined;
}

export function readSpec(document: Json): SpecReader;
