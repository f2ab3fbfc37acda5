#!/usr/bin/env node
// Bundles the hand-written spec (spec/openapi.yaml and the files it references) into one document,
// once, for every package: dist/openapi.yaml for tools and humans, dist/openapi.json for code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundle, createConfig, stringifyYaml } from '@redocly/openapi-core';

const source = fileURLToPath(new URL('../../../spec/openapi.yaml', import.meta.url));
const { bundle: document, problems } = await bundle({ ref: source, config: await createConfig({}) });
const errors = problems.filter((problem) => problem.severity === 'error');
if (errors.length) {
  for (const error of errors) console.error(`${source}: ${error.message}`);
  process.exit(1);
}
const out = new URL('../dist/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('openapi.yaml', out), stringifyYaml(document.parsed));
writeFileSync(new URL('openapi.json', out), `${JSON.stringify(document.parsed, null, 2)}\n`);
