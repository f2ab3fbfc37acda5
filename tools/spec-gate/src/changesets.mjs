// The version bumps planned since the base: the changesets added to .changeset/ since then,
// committed or not (so a developer sees the gate pass as soon as the file is written), and the
// versions already raised since then (after `changeset version` has consumed the changesets).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parse from '@changesets/parse';
import { addedFiles } from './git.mjs';
import { higher } from './classify.mjs';

/** { '<package>': 'major' | 'minor' | 'patch' } planned since `sha` for the packages in `dirs`. */
export function plannedBumps(root, sha, dirs) {
  const bumps = {};
  const plan = (name, type) => {
    bumps[name] = higher(bumps[name] ?? 'none', type);
  };
  for (const file of addedFiles(root, sha, '.changeset')) {
    if (!file.endsWith('.md') || file.endsWith('README.md')) continue;
    for (const { name, type } of parse(readFileSync(join(root, file), 'utf8')).releases) plan(name, type);
  }
  for (const [name, dir] of Object.entries(dirs)) {
    const raised = versionBump(versionAt(root, sha, dir), versionAt(root, undefined, dir));
    if (raised) plan(name, raised);
  }
  return bumps;
}

/** The package's version at `sha`, or in the working tree; undefined where it has none. */
function versionAt(root, sha, dir) {
  const file = `${dir}/package.json`;
  try {
    const text = sha
      ? execFileSync('git', ['show', `${sha}:${file}`], { cwd: root, encoding: 'utf8', stdio: 'pipe' })
      : existsSync(join(root, file)) && readFileSync(join(root, file), 'utf8');
    return text ? JSON.parse(text).version : undefined;
  } catch {
    return undefined;
  }
}

/** 'major', 'minor' or 'patch' when `after` is a higher release than `before`; else undefined. */
export function versionBump(before, after) {
  const parts = (version) =>
    /^(\d+)\.(\d+)\.(\d+)/
      .exec(version ?? '')
      ?.slice(1)
      .map(Number);
  const [a, b] = [parts(before), parts(after)];
  if (!a || !b) return undefined;
  const at = a.findIndex((n, i) => n !== b[i]);
  return at >= 0 && b[at] > a[at] ? ['major', 'minor', 'patch'][at] : undefined;
}
