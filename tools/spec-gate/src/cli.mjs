#!/usr/bin/env node
// `pnpm spec:diff [--base <ref>] [--json]`: classifies every change to spec/ since the base as
// major, minor or patch, and fails when the changesets added since then plan a smaller bump.
// `--write-changelog` (run by `pnpm version-packages`) writes the changes into the changelogs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommandLine } from '@sms-task/cli-kit';
import { writeApiChangelog } from './changelog.mjs';
import { GateError } from './git.mjs';
import { PACKAGE_DIRS, PACKAGES, runGate } from './gate.mjs';

const USAGE = `usage: spec:diff [--base <git ref> | --base last-release] [--json] [--write-changelog]
  Compares spec/ at the base with the working tree, and checks the changesets added since then.
  Default base: the merge-base of HEAD with main. last-release: the newest @sms-task/client@* tag.
  --write-changelog: after \`changeset version\`, write the changes under the client's new version
  in its CHANGELOG.md and in the API change history (tools/spec/CHANGELOG.md).`;

const { values: args } = readCommandLine({
  name: 'spec:diff',
  usage: USAGE,
  options: { base: { type: 'string' }, json: { type: 'boolean' }, 'write-changelog': { type: 'boolean' } },
});

let result;
try {
  result = await runGate({ root: process.cwd(), base: args.base });
} catch (error) {
  if (!(error instanceof GateError)) throw error;
  console.error(`spec:diff: ${error.message}`);
  process.exit(2);
}

if (args['write-changelog']) {
  // The release has chosen its versions already: this writes what changed, it does not judge it.
  const clientDir = PACKAGE_DIRS['@sms-task/client'];
  const { version } = JSON.parse(readFileSync(join(process.cwd(), clientDir, 'package.json'), 'utf8'));
  const written = writeApiChangelog(process.cwd(), version, result.changes);
  console.log(
    written.length
      ? `API changes of ${version} (${result.changes.length}) written to ${written.join(' and ')}`
      : `no change to spec/ since ${result.base.ref}: no API changelog for ${version}`,
  );
  process.exit(0);
}
if (args.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  printReport(result);
}
if (process.env.GITHUB_ACTIONS === 'true' && !result.ok) annotate(result);
process.exit(result.ok ? 0 : 1);

function printReport({ base, impact, changes, planned, needed, short, ok }) {
  console.log(
    `spec/ against ${base.ref} (${base.sha.slice(0, 10)}): ${changes.length ? `${impact} impact` : 'no change'}`,
  );
  for (const change of changes) {
    const where = change.file ? ` (${change.file}${change.line ? `:${change.line}` : ''})` : '';
    console.log(`  ${change.impact.padEnd(5)}  ${change.rule}: ${change.message}\n         ${change.pointer}${where}`);
  }
  if (!changes.length) return;
  const plan = PACKAGES.map((name) => `${name} ${planned[name] ?? 'none'}`).join(', ');
  console.log(`Planned since the base: ${plan}.`);
  if (ok) {
    console.log(
      needed === 'none' ? 'A patch change needs no changeset.' : `The planned bumps cover a ${impact} change.`,
    );
  } else {
    console.error(
      `spec:diff: a ${impact} change needs a ${needed} changeset for ${short.join(' and ')}: run \`pnpm changeset\`, ` +
        `select ${short.length > 1 ? 'both packages' : 'the package'}, choose ${needed}, and describe the change for users.`,
    );
  }
}

/** GitHub annotations on the lines that caused the failure. */
function annotate({ impact, changes, needed, short }) {
  for (const change of changes.filter((c) => c.impact === impact)) {
    const at = change.file ? ` file=${change.file}${change.line ? `,line=${change.line}` : ''},` : ' ';
    const text = `${change.message} (${change.pointer}). A ${impact} change needs a ${needed} changeset for ${short.join(' and ')}.`;
    console.log(`::error${at}title=${change.rule}::${text.replaceAll('%', '%25').replaceAll('\n', '%0A')}`);
  }
}
