// A package as strangers get it: `pnpm pack` (the workspace's protocols resolved, only the files it
// publishes), installed with npm into a new project with no repository around it.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Packs each package folder and installs the tarballs together into a new project, with the
 * registry packages `add` names (exact versions) in the same npm run.
 */
export function packedProject({ packages, name = 'consumer', module = true, add = [] }) {
  const dir = mkdtempSync(join(tmpdir(), `sms-${name}-`));
  for (const pkg of packages) execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkg, stdio: 'pipe' });
  const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, ...(module && { type: 'module' }) }),
  );
  execFileSync(
    'npm',
    [
      'install',
      ...tarballs.map((t) => `./${t}`),
      ...add,
      ...(add.length ? ['--save-exact'] : []),
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    { cwd: dir, stdio: 'pipe' },
  );
  return project(dir, tarballs);
}

/**
 * A copy of a packed project in a new folder, with `"type": "module"` or not: the tree a second
 * install of the same tarballs and packages would give, for a fraction of an install's work.
 */
export function copiedProject(from, { name = 'consumer', module = true }) {
  const dir = mkdtempSync(join(tmpdir(), `sms-${name}-`));
  linkTree(from.dir, dir);
  const manifest = join(dir, 'package.json');
  const { type: _type, ...fields } = JSON.parse(readFileSync(manifest, 'utf8'));
  // A new file, not a write through the link into the original's manifest.
  rmSync(manifest);
  writeFileSync(manifest, JSON.stringify({ ...fields, ...(module && { type: 'module' }) }));
  return project(dir, from.tarballs);
}

/** Mirrors `from` into `to` with hard links (a copy where linking fails), and symlinks as they are. */
function linkTree(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) {
      mkdirSync(target);
      linkTree(source, target);
    } else if (entry.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target);
    } else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

const project = (dir, tarballs) => ({
  dir,
  tarballs,
  /** A path inside the project. */
  path: (...parts) => join(dir, ...parts),
  remove: () => rmSync(dir, { recursive: true, force: true }),
});
