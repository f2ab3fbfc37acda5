#!/usr/bin/env node
// What the page Redoc builds still needs before it is published. Each step checks that Redoc still
// emits what it patches, so an upgrade that changes the page fails the build instead of silently
// undoing the fix.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { document } from '@sms-task/spec';
import { withConsole } from './console.mjs';
import { withReadable } from './readable.mjs';

const PAGE = new URL('../dist/index.html', import.meta.url);
let html = await readFile(PAGE, 'utf8');

const expect = (text, why) => {
  if (!html.includes(text))
    throw new Error(
      `finish.mjs: ${JSON.stringify(text.slice(0, 60))} is no longer in the page (${why}); check what Redoc emits now`,
    );
};

// 1. Offline: Redoc's sidebar attribution loads the Redocly logo from a CDN even with
//    --inlineBundle, so the page would make one request to another host. Keep the attribution,
//    but inline the logo.
const svg = (markup) => `data:image/svg+xml,${encodeURIComponent(markup)}`;
const logo = (text) =>
  svg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${text.length * 8}" height="16">` +
      `<text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">${text}</text></svg>`,
  );
for (const [url, inline] of Object.entries({
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': logo('Redocly'),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': logo('R'),
})) {
  expect(url, 'the attribution logo');
  html = html.replaceAll(url, inline);
}

// 2. An icon of its own: without one every browser asks the host for /favicon.ico, which is a
//    404 (and a console error) wherever the page is served as a single file.
const icon = svg(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2558b8"/>' +
    '<path d="M4 5h8M4 8h8M4 11h5" stroke="#fff" stroke-width="1.6"/></svg>',
);

// 3. Contrast (WCAG 2 AA: 4.5:1 for text). Redoc 3 themes through CSS custom properties, and some
//    of its defaults fall short: light-mode links, strings, booleans and the POST and GET badges,
//    orange code tokens, the search box placeholder and code comments, search hits (and their
//    paths under the pointer) and dark-mode keywords. Redoc's palettes swap per mode, and in both
//    each colour's next step (7 → 8 → 9) moves away from the background, so one rule moves a role
//    one or two steps on for both modes.
const ROLES = {
  '--link-color-primary-legacy': '--color-blue-8',
  '--search-highlight-text-color': '--color-blue-8',
  '--input-content-placeholder-color': '--color-warm-grey-7',
  // A search hit's path under the pointer (dark mode: 4.0:1 on the hover colour).
  '--search-item-path-text-color': '--color-warm-grey-8',
  '--code-block-tokens-string-color': '--color-blue-8',
  '--code-block-tokens-property-string-color': '--color-blue-8',
  '--code-block-tokens-keyword-color': '--color-magenta-8',
  '--code-block-tokens-class-name-color': '--color-carrot-9',
  '--code-block-tokens-function-color': '--color-carrot-9',
  '--code-block-tokens-operator-color': '--color-carrot-9',
  '--code-block-tokens-regex-color': '--color-carrot-9',
  '--code-block-tokens-boolean-color': '--color-green-9',
};
for (const role of Object.keys(ROLES)) expect(`${role}:`, `the ${role} role`);
expect(':root .tag-post{--tag-color:#1e65f5;', 'the POST badge colour');
expect(':root .tag-get{--tag-color:#25b869;', 'the GET badge colour');
const contrast = [
  `html.light, html.dark { ${Object.entries(ROLES)
    .map(([role, colour]) => `${role}: var(${colour});`)
    .join(' ')} }`,
  // The badges' colours are fixed light-mode values, not palette steps.
  'html.light .tag-post { --tag-color: var(--color-blue-8); }',
  'html.light .tag-get { --tag-color: var(--color-green-9); }',
].join('\n');

// 4. What search engines and link previews show: the spec's own one-line summary. And the
//    charset label HTML defines ("utf8" is only tolerated).
const { info } = document;
const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
expect('<meta charset="utf8" />', 'the charset');
html = html.replace(
  '<meta charset="utf8" />',
  `<meta charset="utf-8" />\n  <meta name="description" content="${escapeAttribute(info.summary)}">`,
);

// 5. Code in the introduction (the sandbox's "Testing your code") wraps its long lines: a block
//    that scrolls sideways is a region a keyboard cannot reach (axe: scrollable-region-focusable).
//    Copying it still gives the lines as written.
const MARKDOWN = '[data-component-name="Markdown/Markdown"]';
expect(`data-component-name="Markdown/Markdown"`, "the introduction's Markdown blocks");
// Redoc's rule takes white-space from its --code-wrap property.
expect('pre{white-space:var(--code-wrap, pre)', "Redoc's --code-wrap property");
const wrap = `${MARKDOWN} { --code-wrap: pre-wrap; } ${MARKDOWN} > pre { overflow-wrap: anywhere; }`;

expect('</head>', 'the document head');
html = html.replace(
  '</head>',
  `  <link rel="icon" href="${icon}">\n  <style data-finish="contrast">\n${contrast}\n${wrap}\n  </style>\n</head>`,
);
html = await withConsole(html);
// 6. Readers without JavaScript and machines: the Markdown linked, the operations in <noscript>.
html = withReadable(html);
await writeFile(PAGE, html);
// The page links the spec it documents, served beside it.
await copyFile(
  new URL(import.meta.resolve('@sms-task/spec/openapi.yaml')),
  new URL('../dist/openapi.yaml', import.meta.url),
);
console.log('docs: Redocly logo inlined (nothing loads from other hosts); icon, description and WCAG AA colours added');
