#!/usr/bin/env node
// Run by `pnpm version-packages` after `changeset version`: the spec's info.version follows the
// client's version, so that a spec change never has to set it by hand.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('packages/client/package.json', root), 'utf8'));
const specUrl = new URL('spec/openapi.yaml', root);
const spec = readFileSync(specUrl, 'utf8');
// The first `version:` under the top-level `info:` block; the file's formatting stays as it is.
const updated = spec.replace(/^(info:\n(?:[ \t]+.*\n|\n)*?[ \t]{2}version:[ \t]*)\S+/m, `$1${version}`);
if (updated === spec && !spec.includes(`  version: ${version}\n`)) {
  console.error('sync-spec-version: no info.version found in spec/openapi.yaml');
  process.exit(1);
}
writeFileSync(specUrl, updated);
console.log(`spec/openapi.yaml info.version: ${version}`);
