// The git side of the gate: which commit is the base, and the spec as it was there.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class GateError extends Error {}

const git = (cwd, args) => {
  const run = spawnSync('git', args, { cwd, encoding: 'buffer', maxBuffer: 64 * 2 ** 20 });
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr?.toString('utf8').trim() ?? '' };
};

/**
 * The commit to compare with: `ref` when given, else the merge-base of HEAD with main (or
 * origin/main). A base that cannot be found is an error, never a pass: in a shallow clone it
 * says how to fetch the history.
 */
export function resolveBase(cwd, ref) {
  if (ref === 'last-release') return lastRelease(cwd);
  const candidates = ref ? [ref] : ['main', 'origin/main'];
  for (const candidate of candidates) {
    const commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    if (!commit.ok) continue;
    const sha = commit.stdout.toString('utf8').trim();
    if (ref) return { ref, sha };
    const base = git(cwd, ['merge-base', 'HEAD', sha]);
    if (base.ok) return { ref: `merge-base of HEAD and ${candidate}`, sha: base.stdout.toString('utf8').trim() };
  }
  const shallow = git(cwd, ['rev-parse', '--is-shallow-repository']).stdout?.toString('utf8').trim() === 'true';
  const what = ref ? `the base "${ref}"` : 'a merge-base of HEAD with main or origin/main';
  const hint = shallow
    ? ' in this shallow clone: fetch the history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)'
    : '';
  throw new GateError(`cannot find ${what}${hint}; name one with --base <ref>`);
}

/**
 * The newest release of the client (its `@sms-task/client@x.y.z` tag, which `changeset publish`
 * makes); before the first release, the commit named by package.json#specGate.firstReleaseBase.
 */
function lastRelease(cwd) {
  const tag = git(cwd, ['describe', '--tags', '--abbrev=0', '--match', '@sms-task/client@*', 'HEAD']);
  if (tag.ok) return resolveBase(cwd, tag.stdout.toString('utf8').trim());
  let first;
  try {
    first = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).specGate?.firstReleaseBase;
  } catch {}
  if (!first) {
    throw new GateError(
      'no @sms-task/client@* release tag, and no package.json#specGate.firstReleaseBase to use before one',
    );
  }
  return {
    ...resolveBase(cwd, first),
    ref: `${first.slice(0, 10)} (package.json#specGate.firstReleaseBase: no release yet)`,
  };
}

/** Paths under `dir` that differ between `sha` and the working tree (tracked or not). */
export function changedPaths(cwd, sha, dir) {
  const tracked = git(cwd, ['diff', '--name-only', sha, '--', dir]);
  if (!tracked.ok) throw new GateError(`git diff ${sha} failed: ${tracked.stderr}`);
  const untracked = git(cwd, ['ls-files', '--others', '--exclude-standard', '--', dir]);
  return [...lines(tracked.stdout), ...lines(untracked.stdout)];
}

/** Writes the files under `dir` as they are at `sha` into `target`; returns whether there were any. */
export function checkoutDir(cwd, sha, dir, target) {
  const files = lines(git(cwd, ['ls-tree', '-r', '--name-only', sha, '--', dir]).stdout);
  if (!files.length) return false;
  // One `git cat-file --batch` for every file, not one `git show` each: it answers, in order,
  // `<oid> <type> <size>\n<content>\n` for each `<sha>:<path>` it is given.
  const batch = execFileSync('git', ['cat-file', '--batch'], {
    cwd,
    input: files.map((file) => `${sha}:${file}\n`).join(''),
    maxBuffer: 256 * 2 ** 20,
  });
  let at = 0;
  for (const file of files) {
    const headerEnd = batch.indexOf(10, at);
    const header = batch.toString('utf8', at, headerEnd);
    const size = Number(/^\S+ blob (\d+)$/.exec(header)?.[1] ?? Number.NaN);
    if (!Number.isInteger(size)) throw new GateError(`git cat-file ${sha}:${file} failed: ${header}`);
    const path = join(target, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, batch.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return true;
}

/** Files under `dir` in the working tree that are not in `sha`. */
export function addedFiles(cwd, sha, dir) {
  const before = new Set(lines(git(cwd, ['ls-tree', '-r', '--name-only', sha, '--', dir]).stdout));
  const now = [
    ...lines(git(cwd, ['ls-files', '--', dir]).stdout),
    ...lines(git(cwd, ['ls-files', '--others', '--exclude-standard', '--', dir]).stdout),
  ];
  return [...new Set(now)].filter((file) => !before.has(file));
}

const lines = (buffer) => (buffer?.toString('utf8') ?? '').split('\n').filter(Boolean);
