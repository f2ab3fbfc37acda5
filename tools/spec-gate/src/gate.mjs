// The gate: the spec at the base against the working tree, and the bumps planned since then.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plannedBumps } from './changesets.mjs';
import { classify, higher, IMPACTS } from './classify.mjs';
import { treeDigest } from './digest.mjs';
import { changedPaths, checkoutDir, resolveBase } from './git.mjs';

/** The published packages whose version follows the spec, and their folders. */
export const PACKAGE_DIRS = {
  '@sms-task/client': 'packages/client',
  '@sms-task/contract-tests': 'packages/contract-tests',
};
export const PACKAGES = Object.keys(PACKAGE_DIRS);

/** A wording-only (patch) change ships with whatever release comes next: it needs no changeset. */
const NEEDED = { none: 'none', patch: 'none', minor: 'minor', major: 'major' };

export async function runGate({ root, base: ref, spec = 'spec' }) {
  const base = resolveBase(root, ref);
  // Nothing under spec/ differs from the base: no change, without bundling anything.
  if (changedPaths(root, base.sha, spec).length === 0) return report(base, [], {});
  const key = `${root} ${base.sha} ${spec} ${treeDigest(join(root, spec))}`;
  if (!classified.has(key)) classified.set(key, classifySince(root, base.sha, spec));
  const changes = structuredClone(await classified.get(key));
  return report(base, changes, plannedBumps(root, base.sha, PACKAGE_DIRS));
}

// The changes of each spec/ classified in this process, by the base and the working tree's bytes:
// the bundling and `redocly diff` are the gate's work, and a run that asks again (the tests do, for
// every changeset they try against one edit) gets the same answer without it.
const classified = new Map();

async function classifySince(root, sha, spec) {
  const scratch = mkdtempSync(join(tmpdir(), 'sms-spec-base-'));
  try {
    const existed = checkoutDir(root, sha, spec, scratch);
    const changes = existed
      ? await classify(join(scratch, spec, 'openapi.yaml'), join(root, spec, 'openapi.yaml'), root)
      : [{ impact: 'minor', rule: 'spec-added', message: `${spec}/ is new since the base.`, pointer: '#' }];
    // A path in the base copy names the file as it was: show it as the repository's path.
    for (const change of changes)
      if (change.file?.startsWith('..')) change.file = change.file.replace(/^.*?\/(spec\/)/, '$1');
    return changes;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function report(base, changes, planned) {
  const impact = changes.reduce((max, change) => higher(max, change.impact), 'none');
  const needed = NEEDED[impact];
  const short = PACKAGES.filter((name) => IMPACTS.indexOf(planned[name] ?? 'none') < IMPACTS.indexOf(needed));
  return { base, impact, changes, planned, needed, short, ok: short.length === 0 };
}
