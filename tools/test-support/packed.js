// A package as strangers get it: `pnpm pack` (the workspace's protocols resolved, only the files it
// publishes), installed with npm into a new project with no repository around it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Packs each package folder and installs the tarballs together into a new project. */
export function packedProject({ packages, name = 'consumer', module = true }) {
  const dir = mkdtempSync(join(tmpdir(), `sms-${name}-`));
  for (const pkg of packages) execFileSync('pnpm', ['pack', '--pack-destination', dir], { cwd: pkg, stdio: 'pipe' });
  const tarballs = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, ...(module && { type: 'module' }) }),
  );
  execFileSync(
    'npm',
    ['install', ...tarballs.map((t) => `./${t}`), '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd: dir, stdio: 'pipe' },
  );
  return {
    dir,
    tarballs,
    /** A path inside the project. */
    path: (...parts) => join(dir, ...parts),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
