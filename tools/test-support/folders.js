// Folders the tests write consumer code into, inside a package, so that its packages resolve by
// name as an installed copy resolves them; and a strict tsc over such a folder.
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './processes.js';

/**
 * `parent/<pid>`: one folder per process, so that two runs at once (CI's Node versions, say) do
 * not delete each other's. `remove()` takes the parent too, unless another run still uses it.
 */
export function scratchFolder(parent) {
  const dir = join(parent, String(process.pid));
  return {
    dir,
    path: (...parts) => join(dir, ...parts),
    fresh() {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
      try {
        rmdirSync(parent);
      } catch {}
    },
  };
}

/** Type-checks every .ts file of `dir` strictly (nodenext, no emit) with the `tsc` script given. */
export function typeCheck(dir, { tsc, compilerOptions = {} }) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        ...compilerOptions,
      },
      include: ['*.ts'],
    }),
  );
  return runCommand(process.execPath, [tsc, '-p', dir]);
}
