// `pnpm spec:diff` as a developer and CI run it: exit codes, the messages that say what to do,
// GitHub annotations, and a base that cannot be found.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { scratchRepo } from './repo.js';

const repo = scratchRepo();
afterEach(() => repo.reset());
afterAll(() => repo.remove());

const BOTH = '@sms-task/client and @sms-task/contract-tests';
const removeOperation = () =>
  repo.edit('components/schemas/TaskOperationRequest.yaml', (t) => t.replace('      - migration_test\n', ''));
const addOperation = () =>
  repo.edit('components/schemas/TaskOperationRequest.yaml', (t) =>
    t.replace('      - migration_test\n', '      - migration_test\n      - cutover\n'),
  );

describe('pnpm spec:diff', () => {
  it('fails a breaking change without a major changeset, naming the rule, the pointer, the file and line', () => {
    removeOperation();
    const run = repo.cli();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("major  enum-values-removed: Enum of `operation` lost values: 'migration_test'.");
    expect(run.stdout).toMatch(
      /#\/paths\/~1v3~1tasks~1\{task_id\}~1action\/post\/requestBody\/\S+ \(spec\/components\/schemas\/TaskOperationRequest\.yaml:\d+\)/,
    );
    expect(run.stderr).toContain(`a major change needs a major changeset for ${BOTH}: run \`pnpm changeset\``);
  });

  it('passes the same change with a major changeset for both packages, and not with one for the client only', () => {
    removeOperation();
    repo.changeset('client-only', { '@sms-task/client': 'major' });
    const partly = repo.cli();
    expect(partly.status).toBe(1);
    expect(partly.stderr).toContain('a major change needs a major changeset for @sms-task/contract-tests:');
    repo.changeset('suite', { '@sms-task/contract-tests': 'major' });
    const covered = repo.cli();
    expect(covered.status, covered.stderr).toBe(0);
    expect(covered.stdout).toContain('The planned bumps cover a major change.');
  });

  it('needs no changeset for a wording change', () => {
    repo.edit('components/schemas/SwitchHce.yaml', (t) =>
      t.replace('Whether to switch to HCE.', 'Whether to move to HCE.'),
    );
    const run = repo.cli();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('A patch change needs no changeset.');
  });

  it('writes the API changes under the new version in the client changelog and the API history', () => {
    addOperation();
    repo.edit('components/schemas/SwitchHce.yaml', (t) =>
      t.replace('Whether to switch to HCE.', 'Whether to move to HCE.'),
    );
    repo.setVersion('packages/client', '0.2.0');
    const clientLog = '# @sms-task/client\n\n## 0.2.0\n\n### Minor Changes\n\n- A change.\n\n## 0.1.0\n';
    repo.write('packages/client/CHANGELOG.md', clientLog);
    const run = repo.cli(['--write-changelog']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('API changes of 0.2.0 (2) written to packages/client/CHANGELOG.md');
    const client = readFileSync(join(repo.root, 'packages/client/CHANGELOG.md'), 'utf8');
    expect(client).toMatch(
      /^# @sms-task\/client\n\n## 0\.2\.0\n\n### API changes\n\n\*\*Added\*\*\n\n- .*'cutover'.*\n\n\*\*Reworded\*\*\n\n- /,
    );
    expect(client).toContain('### Minor Changes\n\n- A change.\n\n## 0.1.0\n');
    const history = readFileSync(join(repo.root, 'tools/spec/CHANGELOG.md'), 'utf8');
    expect(history).toMatch(/^# API change history\n\n## 0\.2\.0 \(\d{4}-\d{2}-\d{2}\)\n\n\*\*Added\*\*\n/);
  });

  it('writes no API changelog for a release that did not change the spec', () => {
    const run = repo.cli(['--write-changelog']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no change to spec/');
    expect(existsSync(join(repo.root, 'tools/spec/CHANGELOG.md'))).toBe(false);
  });

  it('writes GitHub annotations on the lines that break the API', () => {
    removeOperation();
    const run = repo.cli([], { GITHUB_ACTIONS: 'true' });
    const file = 'spec/components/schemas/TaskOperationRequest.yaml';
    const annotation = run.stdout.split('\n').find((line) => line.startsWith(`::error file=${file},line=`));
    expect(annotation).toMatch(/,line=\d+,title=enum-values-removed::Enum of `operation` lost values/);
  });

  it('reports the whole result as JSON with --json', () => {
    addOperation();
    const result = JSON.parse(repo.cli(['--json']).stdout);
    expect(result).toMatchObject({
      impact: 'minor',
      needed: 'minor',
      ok: false,
      short: ['@sms-task/client', '@sms-task/contract-tests'],
    });
  });

  it('refuses an unknown option with the reason and the usage, exit 2, and prints the usage for --help', () => {
    const refused = repo.cli(['--bsae', 'main']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("spec:diff: Unknown option '--bsae'");
    expect(refused.stderr).toContain('usage: spec:diff [--base <git ref>');
    const help = repo.cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: spec:diff /);
  });

  it('ends with exit 2 and the reason when the base cannot be found, also in a shallow clone', () => {
    const missing = repo.cli(['--base', 'no-such-ref']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('spec:diff: cannot find the base "no-such-ref"; name one with --base <ref>');
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    const dir = mkdtempSync(join(tmpdir(), 'sms-spec-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.root}`, dir]);
      const shallow = repo.cli(['--base', first], { GIT_DIR: join(dir, '.git'), GIT_WORK_TREE: dir });
      expect(shallow.status).toBe(2);
      expect(shallow.stderr).toContain('in this shallow clone: fetch the history (git fetch --unshallow');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
