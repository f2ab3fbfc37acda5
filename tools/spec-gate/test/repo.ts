// A scratch git repository holding a copy of this repository's spec/ on a `main` branch, for
// running the real gate against edits of it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPEC = fileURLToPath(new URL('../../../spec', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.mjs', import.meta.url));

export function scratchRepo() {
  const root = mkdtempSync(join(tmpdir(), 'sms-spec-gate-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  cpSync(SPEC, join(root, 'spec'), { recursive: true });
  mkdirSync(join(root, '.changeset'));
  writeFileSync(join(root, '.changeset', 'README.md'), '# Changesets\n');
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const setVersion = (dir: string, version: string) => write(`${dir}/package.json`, `{ "version": "${version}" }\n`);
  setVersion('packages/client', '0.1.0');
  setVersion('packages/contract-tests', '0.1.0');
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'base', '--allow-empty');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'spec');
  return {
    root,
    git,
    /** Edits a file under spec/; fails when the edit changes nothing, so no case passes by accident. */
    edit(file: string, change: (text: string) => string) {
      const path = join(root, 'spec', file);
      const before = readFileSync(path, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit of spec/${file} changed nothing`);
      writeFileSync(path, after);
    },
    /** Writes a file anywhere in the repository. */
    write,
    /** Sets a package's version, as `changeset version` does. */
    setVersion,
    changeset(name: string, bumps: Record<string, string>) {
      const header = Object.entries(bumps).map(([pkg, type]) => `'${pkg}': ${type}`);
      writeFileSync(join(root, '.changeset', `${name}.md`), `---\n${header.join('\n')}\n---\n\nA change.\n`);
    },
    /** Back to the committed tree. */
    reset() {
      git('checkout', '-q', '--', '.');
      git('clean', '-qfd');
    },
    /** `pnpm spec:diff`, as a user runs it, in this repository. */
    cli(args: string[] = [], env: Record<string, string> = {}) {
      const { GITHUB_ACTIONS: _, ...rest } = process.env;
      return spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { ...rest, ...env } });
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
