#!/usr/bin/env node
// Redoc's sidebar attribution loads the Redocly logo from a CDN even with --inlineBundle, so the
// page would make one request to another host. Keep the attribution, but inline the logo.
import { readFile, writeFile } from 'node:fs/promises';

const PAGE = new URL('../dist/index.html', import.meta.url);
const logo = (text) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${text.length * 8}" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#555">${text}</text></svg>`)}`;
const REPLACEMENTS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': logo('Redocly'),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': logo('R'),
};

let html = await readFile(PAGE, 'utf8');
for (const [url, inline] of Object.entries(REPLACEMENTS)) {
  if (!html.includes(url)) throw new Error(`offline.mjs: ${url} is no longer in the page; check what Redoc loads now`);
  html = html.replaceAll(url, inline);
}
await writeFile(PAGE, html);
console.log('docs: Redocly logo inlined; the page loads nothing from other hosts');
