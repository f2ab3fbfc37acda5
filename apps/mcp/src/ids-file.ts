// An ids file named by a tool's input: only a file inside --ids-dir, however the name is written
// (`../`, an absolute path, a symbolic link out of it), so that an agent cannot make the server read
// any other file of the machine.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

export type IdsFile = { path: string } | { problem: string };

export function resolveIdsFile(idsDir: string | undefined, name: string): IdsFile {
  if (!idsDir) {
    return { problem: 'ids_file needs the server started with --ids-dir DIR; give task_ids instead' };
  }
  let dir: string;
  let path: string;
  try {
    dir = realpathSync(idsDir);
    path = realpathSync(resolve(dir, name));
  } catch {
    return { problem: `ids_file ${name} is not a file in the ids folder (--ids-dir)` };
  }
  const inside = relative(dir, path);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || !statSync(path).isFile()) {
    return { problem: `ids_file ${name} is not a file in the ids folder (--ids-dir): name one inside it` };
  }
  return { path };
}
