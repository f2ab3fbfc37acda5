type Json = Record<string, any>;

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
  read: { path: string; operation: Json } | undefined;
  /** Operation value → the task states it leaves a task in (only operations whose effect the state shows). */
  statesAfter: Record<string, string[]>;
}

export function readSpec(document: Json): SpecReader;
