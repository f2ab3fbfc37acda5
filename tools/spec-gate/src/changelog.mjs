// The API changelog a release writes: the spec's changes since the last release, in words, under
// the new version in the client's CHANGELOG.md and in the spec's own change history (which the
// docs site shows).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const GROUPS = [
  ['major', 'Breaking'],
  ['minor', 'Added'],
  ['patch', 'Reworded'],
];
export const CLIENT_CHANGELOG = 'packages/client/CHANGELOG.md';
export const API_HISTORY = 'tools/spec/CHANGELOG.md';
const HISTORY_TITLE = '# API change history\n';

/** The changes as Markdown, grouped by impact, each with its JSON pointer. */
export function renderChanges(changes) {
  let md = '';
  for (const [impact, title] of GROUPS) {
    const group = changes.filter((change) => change.impact === impact);
    if (!group.length) continue;
    md += `**${title}**\n\n`;
    for (const { message, pointer } of group) md += `- ${message.replace(/\s+/g, ' ').trim()} (\`${pointer}\`)\n`;
    md += '\n';
  }
  return md.trimEnd();
}

/**
 * Writes `changes` for `version`: an "API changes" section right under the version's heading in
 * the client's CHANGELOG.md (written by `changeset version` just before), and a version entry at
 * the top of the API change history. Returns the files written; none when the spec did not change.
 */
export function writeApiChangelog(root, version, changes, date = new Date().toISOString().slice(0, 10)) {
  if (!changes.length) return [];
  const body = renderChanges(changes);

  const clientFile = join(root, CLIENT_CHANGELOG);
  const client = existsSync(clientFile) ? readFileSync(clientFile, 'utf8') : '';
  const heading = new RegExp(`^## ${version.replace(/\./g, '\\.')}\\n`, 'm');
  if (!heading.test(client)) {
    throw new Error(`${CLIENT_CHANGELOG} has no "## ${version}" heading: run \`changeset version\` first`);
  }
  writeFileSync(
    clientFile,
    client.replace(heading, (line) => `${line}\n### API changes\n\n${body}\n`),
  );

  const historyFile = join(root, API_HISTORY);
  const history = existsSync(historyFile) ? readFileSync(historyFile, 'utf8') : HISTORY_TITLE;
  const rest = history.startsWith(HISTORY_TITLE) ? history.slice(HISTORY_TITLE.length) : history;
  mkdirSync(dirname(historyFile), { recursive: true });
  writeFileSync(historyFile, `${HISTORY_TITLE}\n## ${version} (${date})\n\n${body}\n${rest}`);
  return [CLIENT_CHANGELOG, API_HISTORY];
}
