// The bundled spec as a JSON module, which bundlers inline (so a published package that bundles
// this file carries the spec with it), and the reader over it.
import document from './dist/openapi.json' with { type: 'json' };
import { readSpec } from './reader.js';

export { document };
export const spec = readSpec(document);
