// A new project that installs the package as strangers get it: the packed tarball (`pnpm pack`,
// which turns the workspace's `catalog:` versions into real ones) and the npm registry.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));
// The pinned pnpm, whether or not one is on PATH.
const pnpm = fileURLToPath(new URL('../../../scripts/pnpm.mjs', import.meta.url));

/** Packs the client into a new folder; returns the tarball's path. */
export async function packClient(): Promise<{ tarball: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sms-client-tarball-'));
  await run(process.execPath, [pnpm, '--filter', '@sms-task/client', 'pack', '--pack-destination', dir], {
    cwd: pkgDir,
  });
  const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!name) throw new Error(`pnpm pack left no tarball in ${dir}`);
  return { tarball: join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ConsumerProject {
  dir: string;
  remove(): void;
}

/**
 * A new project (`type` module or commonjs) with a copy of the tarball and `dependencies` (exact versions,
 * or npm aliases such as `npm:nock@15.0.0`) installed from the registry by npm.
 */
export async function consumerProject(
  tarball: string,
  type: 'module' | 'commonjs',
  dependencies: Record<string, string> = {},
): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), `sms-client-consumer-${type}-`));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${type}`, private: true, type, dependencies }, null, 2),
  );
  // A copy inside the project, which its package.json then names: the original may go.
  copyFileSync(tarball, join(dir, basename(tarball)));
  await run(
    'npm',
    ['install', `./${basename(tarball)}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    {
      cwd: dir,
    },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
