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
}

export function readSpec(document: Json): SpecReader;
