// Redoc 3's own features for AI readers, kept knowingly (apps/docs/README.md says why), tested in
// headless Chromium with WebMCP on (Chromium's flag: no browser ships it on by default yet) and every
// request to another host blocked and recorded: "Copy" puts the section's part of the spec on the
// clipboard and sends nothing; "Open in Claude" and "Open in ChatGPT" leave for those sites only when
// clicked; the WebMCP tools are read-only and answer from the page's own spec. With JavaScript on,
// the page's <noscript> reference stays out of sight.
import { spec } from '@sms-task/spec';
import { chromiumLaunchOptions } from '@sms-task/test-support';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error plain JS helper shared with the start command
import { serveDocs } from '@sms-task/docs/server';

const TAG = spec.operation.tags[0] as string;
const ROUTE = `/#/${TAG.toLowerCase().replace(/\s+/g, '-')}/${(spec.operation.operationId as string).toLowerCase()}`;
const OPERATIONS = Object.entries(spec.document.paths as Record<string, any>).flatMap(([path, item]) =>
  Object.entries(spec.resolve(item) as Record<string, any>).map(([method, node]) => {
    const operation = spec.resolve(node);
    return {
      method: method.toUpperCase(),
      path,
      parameters: (operation.parameters ?? []).map((p: any) => spec.resolve(p).name as string),
    };
  }),
);

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
/** Every request to another host, by any page of the test's context (popups included). */
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await serveDocs();
  const options = chromiumLaunchOptions();
  browser = await chromium.launch({ ...options, args: [...options.args, '--enable-blink-features=WebMCP'] });
  page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page.setDefaultTimeout(120_000);
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['data:', 'blob:', 'about:'].includes(url.protocol) || url.origin === server.url) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`${server.url}${ROUTE}`);
  await page.getByRole('heading', { name: spec.operation.summary }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The page actions (Redoc's "Copy" split button) beside the operation's heading. */
const actions = () =>
  page
    .getByRole('heading', { name: spec.operation.summary })
    .first()
    .locator('xpath=ancestor::*[.//*[@data-testid="page-actions"]][1]')
    .locator('[data-testid="page-actions"]')
    .first();

describe("Redoc's features for AI readers", () => {
  it('loads with WebMCP on and logs no error', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('"Copy" puts the operation as YAML on the clipboard, naming openapi.yaml, and sends nothing', async () => {
    await actions().getByRole('button', { name: 'Copy', exact: true }).click();
    await page.waitForFunction(async () => (await navigator.clipboard.readText()).length > 0);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')[0]).toBe(`# ${spec.document.info.title} – ${spec.operation.summary}`);
    expect(copied).toContain(`${server.url}/openapi.yaml`);
    const yaml = parse(/```yaml\n([\s\S]*?)```/.exec(copied)![1]!);
    // The operation as the spec has it, its IAM action included.
    expect(Object.keys(yaml.paths)).toEqual([spec.path]);
    expect(yaml.paths[spec.path].post.operationId).toBe(spec.operation.operationId);
    expect(yaml.paths[spec.path].post['x-sms-iam']).toEqual(spec.operation['x-sms-iam']);
    expect(outside).toEqual([]);
  });

  for (const [item, site] of [
    ['Open in Claude', 'https://claude.ai/new?'],
    ['Open in ChatGPT', 'https://chatgpt.com/?'],
  ] as const) {
    it(`"${item}" opens ${new URL(site).host} in a new tab, its prompt naming openapi.yaml, on a click`, async () => {
      const before = outside.length;
      await actions().getByRole('button', { name: 'More actions' }).click();
      const [request] = await Promise.all([
        page.context().waitForEvent('request', (r) => r.url().startsWith(site)),
        page.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click(),
      ]);
      const prompt = new URL(request.url()).searchParams.get('q')!;
      expect(prompt).toContain(`${server.url}/openapi.yaml`);
      // That one navigation of the new tab, blocked here, is all that left the page.
      expect(outside.slice(before).filter((url) => !url.startsWith(site))).toEqual([]);
      await Promise.all(
        page
          .context()
          .pages()
          .filter((p) => p !== page)
          .map((p) => p.close()),
      );
    });
  }

  describe('WebMCP: the tools it registers for agents in the browser', () => {
    type Tool = { name: string; annotations: { readOnlyHint: boolean } };
    const tools = () =>
      page.evaluate(async () =>
        ((await (document as any).modelContext.getTools()) as Tool[]).map(({ name, annotations }) => ({
          name,
          readOnly: annotations.readOnlyHint,
        })),
      );
    /** A tool's answer, as an agent gets it: its text content. */
    const call = (name: string, input: object) =>
      page.evaluate(
        async ([name, input]) => {
          const context = (document as any).modelContext;
          const tool = ((await context.getTools()) as Tool[]).find((t) => t.name === name);
          const answer = JSON.parse(await context.executeTool(tool, JSON.parse(input)));
          return answer.content.map((c: { text: string }) => c.text).join('\n') as string;
        },
        [name, JSON.stringify(input)] as const,
      );

    it('registers three tools, each read-only', async () => {
      await page.waitForFunction(async () => (await (document as any).modelContext.getTools()).length >= 3);
      expect((await tools()).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { name: 'get_api_authentication', readOnly: true },
        { name: 'get_api_operation', readOnly: true },
        { name: 'list_api_operations', readOnly: true },
      ]);
    });

    it('lists every operation of the spec', async () => {
      const listed = JSON.parse(await call('list_api_operations', {})).operations as { method: string; path: string }[];
      expect(listed.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
        OPERATIONS.map(({ method, path }) => `${method} ${path}`).sort(),
      );
    });

    it("answers each operation's reference from the page's spec, its parameters included", async () => {
      for (const { method, path, parameters } of OPERATIONS) {
        const reference = await call('get_api_operation', { method, path });
        expect(reference.split('\n')[0]).toBe(`# ${method} ${path}`);
        for (const name of parameters) expect(reference, `${method} ${path}: ${name}`).toContain(name);
      }
    });

    it('names the security schemes and servers of the spec', async () => {
      const answer = JSON.parse(await call('get_api_authentication', {}));
      expect(answer.securitySchemes.map((s: { id: string }) => s.id).sort()).toEqual(
        Object.keys(spec.document.components.securitySchemes).sort(),
      );
      expect(answer.servers.map((s: { url: string }) => s.url)).toEqual(spec.document.servers.map((s: any) => s.url));
      expect(outside.filter((url) => !/^https:\/\/(claude\.ai|chatgpt\.com)\//.test(url))).toEqual([]);
    });
  });
});

describe('the page with JavaScript', () => {
  it('keeps its <noscript> reference out of sight', async () => {
    await expect(page.locator('noscript').count()).resolves.toBeGreaterThan(0);
    // With scripts on, a <noscript> block's content is text, never elements.
    await expect(page.locator('.sms-static').count()).resolves.toBe(0);
  });
});
