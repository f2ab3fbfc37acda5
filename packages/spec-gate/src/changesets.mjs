// The version bumps planned since the base: the changesets added to .changeset/ since then,
// committed or not (so a developer sees the gate pass as soon as the file is written).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import parse from '@changesets/parse';
import { addedFiles } from './git.mjs';
import { higher } from './classify.mjs';

/** { '<package>': 'major' | 'minor' | 'patch' } from the changesets added since `sha`. */
export function plannedBumps(root, sha) {
  const bumps = {};
  for (const file of addedFiles(root, sha, '.changeset')) {
    if (!file.endsWith('.md') || file.endsWith('README.md')) continue;
    for (const { name, type } of parse(readFileSync(join(root, file), 'utf8')).releases) {
      bumps[name] = higher(bumps[name] ?? 'none', type);
    }
  }
  return bumps;
}
