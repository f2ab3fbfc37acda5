// The page for a reader who runs no script: headless Chromium with JavaScript disabled, every
// request to another host blocked and recorded, finds every operation of the bundled spec (its
// method and path, summary, description and each parameter with where it goes) as text, a table row
// per parameter, the request body's fields, and links to the Markdown; a client that never renders
// (curl, a crawler) finds the same in the HTML outside any script.
import { spec } from '@sms-task/spec';
import { chromiumLaunchOptions } from '@sms-task/test-support';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the start command
import { serveDocs } from '@sms-task/docs/server';

const { resolve } = spec;
/** Each operation of the spec as the page documents it. */
const OPERATIONS = Object.entries(spec.document.paths as Record<string, any>).flatMap(([path, item]) =>
  Object.entries(resolve(item) as Record<string, any>).map(([method, node]) => {
    const operation = resolve(node);
    const body = operation.requestBody && resolve(operation.requestBody).content['application/json'];
    const variants = body ? (resolve(body.schema).oneOf ?? [body.schema]).map(resolve) : [];
    return {
      id: operation.operationId as string,
      call: `${method.toUpperCase()} ${path}`,
      summary: operation.summary as string,
      // Its first sentence, as Markdown renders it: code spans lose their backticks.
      sentence: /^.*?\.(?=\s|$)/s.exec(operation.description)![0].replace(/`/g, '').replace(/\s+/g, ' '),
      parameters: (operation.parameters ?? []).map(resolve).map((p: any) => ({ name: p.name, in: p.in })),
      fields: [...new Set(variants.flatMap((v: any) => Object.keys(v.properties ?? {})))] as string[],
      iam: operation['x-sms-iam'] as { action: string; access_level: string },
    };
  }),
);

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
const outside: string[] = [];

beforeAll(async () => {
  server = await serveDocs();
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.origin === server.url) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the page without JavaScript', () => {
  for (const { id, call, summary, sentence, parameters, fields } of OPERATIONS) {
    it(`shows ${id}: its call, summary, description, every parameter and body field`, async () => {
      // Visible only where scripts do not run: a <noscript> block.
      const section = page.locator(`#md-${id}`);
      await expect(section.isVisible()).resolves.toBe(true);
      await expect(section.getByRole('heading', { name: summary, exact: true }).isVisible()).resolves.toBe(true);
      const text = (await section.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(call);
      expect(text).toContain(sentence);
      // Each parameter is a row of the parameters table: its name, then where it goes.
      const rows = await section
        .locator('tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())));
      for (const parameter of parameters) {
        expect(rows, parameter.name).toContainEqual(expect.arrayContaining([parameter.name, parameter.in]));
      }
      for (const field of fields)
        expect(
          rows.some((row) => row[0] === field),
          field,
        ).toBe(true);
    });
  }

  /** The body rows of the page's tables whose header row is `head`. */
  const tableRows = (head: string[]) =>
    page
      .locator('table')
      .evaluateAll(
        (tables, head) =>
          tables
            .filter(
              (t) => [...t.querySelectorAll('th')].map((th) => th.textContent?.trim()).join('|') === head.join('|'),
            )
            .map((t) =>
              [...t.querySelectorAll('tbody tr')].map((tr) =>
                [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
              ),
            ),
        head,
      );

  it("shows the Authorization table: each operation's IAM action, from its x-sms-iam", async () => {
    const [rows] = await tableRows(['operation', 'IAM action', 'access level']);
    expect(rows).toEqual(
      OPERATIONS.map(({ id, summary, iam }) => [`${summary} (${id})`, iam.action, iam.access_level]),
    );
  });

  it('shows, for each error status, whether the action may have acted, is repeated, and what to do', async () => {
    const action = (await tableRows(['answer', 'may it have acted?', 'the client repeats it', 'what to do']))[0]!;
    const reads = (await tableRows(['answer', 'the client repeats it', 'what to do']))[0]!;
    const statuses = Object.keys(spec.operation.responses).filter((status) => +status >= 400);
    const row = (rows: string[][], status: string) => rows.find(([answer]) => answer!.split(':')[0] === status)!;
    for (const status of statuses) {
      // Its named examples' codes beside it.
      const codes = Object.values(
        spec.resolve(spec.operation.responses[status]).content['application/json'].examples,
      ).map((example: any) => spec.resolve(example).value.error_code);
      for (const code of codes) expect(row(action, status)[0]).toContain(code);
    }
    // The client's rules: a 5xx may have acted; 429 and 503 did not and are repeated, for reads too.
    expect(row(action, '500').slice(1, 3)).toEqual(['it may have', 'no']);
    for (const status of ['429', '503']) {
      expect(row(action, status).slice(1, 3)).toEqual(['no', 'yes']);
      expect(row(reads, status)[1]).toBe('yes');
    }
    expect(row(action, '500')[3]).toContain(`GET ${spec.read!.path}`);
  });

  it('links the Markdown of the whole reference', async () => {
    for (const href of ['llms.txt', 'llms-full.txt']) {
      await expect(page.locator(`.sms-static a[href="${href}"]`).isVisible()).resolves.toBe(true);
    }
  });

  it('holds the same text in its HTML outside every script, for readers that never render it', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const text = html
      .replace(/<script\b[\s\S]*?<\/script>/g, '')
      .replace(/<style\b[\s\S]*?<\/style>/g, '')
      .replace(/<\/?(code|strong|em|a)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    for (const { call, summary, sentence, parameters } of OPERATIONS) {
      for (const fact of [call, summary, sentence, ...parameters.map((p: { name: string }) => p.name)])
        expect(text, fact).toContain(fact);
    }
  });

  it('made no request to any other host', () => {
    expect(outside).toEqual([]);
  });
});
