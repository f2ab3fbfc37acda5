// Puts the spec, bundled into one file, in dist/: an installed package has no repository around
// it, and its launcher, proxy and suite all need the spec (src/prism.ts picks this copy then).
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
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../dist/openapi.yaml', import.meta.url),
  `# Bundled from spec/openapi.yaml by scripts/bundle-spec.mjs.\n${stringifyYaml(document.parsed)}`,
);
