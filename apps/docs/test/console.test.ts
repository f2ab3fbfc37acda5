// The docs page's console in headless Chromium, every request to another host blocked and recorded:
// the sandbox in the page answers a refused stop on the paused demo task with its code, the same
// call acts once the task is set RUNNING, the task's history grows, a read and a reset; the form
// follows the spec; it works by keyboard alone, is axe-clean in light and dark mode and fits 390 px;
// and pointed at a sandbox server (over CORS) it shows that server's answers and history.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startSandboxServer, type SandboxServer, TRANSITIONS } from '@sms-task/sandbox';
import { spec } from '@sms-task/spec';
import { chromiumLaunchOptions } from '@sms-task/test-support';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the start command
import { serveDocs } from '@sms-task/docs/server';

const WAVE = JSON.parse(readFileSync(new URL(import.meta.resolve('@sms-task/sandbox/examples/wave.json')), 'utf8'))
  .tasks as { id: string; state: string }[];
const PAUSED = WAVE.find((task) => task.state === 'ABORT')!.id;
const STOP_REFUSED = spec.examples.get(TRANSITIONS.stop!.refusal)!.value.error_code as string;
// The field one operation requires (template_id for clone_test), as the spec says.
const [CONDITIONAL] = spec.operations.flatMap((operation) =>
  (spec.variant(operation).required as string[])
    .filter((field) => field !== 'operation')
    .map((field) => ({ operation, field })),
);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let docs: { url: string; close(): Promise<void> };
let sandboxServer: SandboxServer;
/** Every request a page made to a host that is neither the docs page's nor (where allowed) the sandbox server's. */
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  docs = await serveDocs();
  sandboxServer = await startSandboxServer({ tasks: WAVE as never });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([docs?.close(), sandboxServer?.close()]);
});

/** A page of the docs, the console's dialog opened from its button; requests elsewhere are blocked. */
async function openConsole(options: Parameters<Browser['newPage']>[0] = {}, allow: string[] = []) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  page.setDefaultTimeout(120_000);
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (['data:', 'blob:'].includes(url.protocol) || [docs.url, ...allow].includes(url.origin)) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page.on('console', (message) => {
    // Chromium logs each 4xx of a server it calls: the answers the console shows, not errors of the page.
    const from = message.location().url;
    if (message.type() === 'error' && !allow.some((origin) => from.startsWith(origin)))
      consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`${docs.url}/`);
  return page;
}
const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Console' });
/** Once the console is no longer busy, the outcome of what was done is on screen. */
const settled = (dialog: Locator) => dialog.page().locator('#sms-console[aria-busy="false"]').waitFor();
/** Does something in the console and waits for its outcome. */
async function act(dialog: Locator, what: () => Promise<unknown>) {
  await what();
  await settled(dialog);
}
const part = (dialog: Locator, name: string) => dialog.locator(`[data-console="${name}"]`);
const historyLength = (dialog: Locator) => part(dialog, 'history').locator('li').count();

/** Presses Tab until the focused element matches, as a keyboard user would (a bounded number of times). */
async function tabTo(page: Page, matches: (element: Element) => boolean, limit = 400) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error('never reached by Tab');
}
/** Presses ArrowDown on a focused select until it shows `value`. */
async function arrowTo(page: Page, value: string, limit = 50) {
  for (
    let i = 0;
    i < limit && (await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)) !== value;
    i++
  )
    await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe(value);
}

async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // @ts-expect-error injected above
    const result = await axe.run(
      { include: [['#sms-console']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return (result.violations as { id: string; nodes: { html: string; failureSummary: string }[] }[]).map(
      (v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]!.html.slice(0, 100)} — ${v.nodes[0]!.failureSummary}`,
    );
  });
}

describe('the console, in the page (light mode, 1280 px)', () => {
  let page: Page;
  let dialog: Locator;
  /** The requests that reached the sandbox server. */
  const toServer: string[] = [];
  beforeAll(async () => {
    const server = new URL(sandboxServer.url).origin;
    page = await openConsole({ colorScheme: 'light' }, [server]);
    page.on('request', (request) => request.url().startsWith(server) && toServer.push(request.url()));
    dialog = dialogOf(page);
  });
  afterAll(() => page?.close());

  it('is opened, used and closed by keyboard alone: a refused stop on the paused demo task shows its code', async () => {
    await tabTo(page, (element) => element.hasAttribute('data-sms-console-open'));
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, (element) => element.id === 'sms-console-task');
    await arrowTo(page, PAUSED);
    await page.keyboard.press('Tab');
    await arrowTo(page, 'stop');
    await tabTo(page, (element) => element.matches('button[type=submit]'));
    await act(dialog, () => page.keyboard.press('Enter'));
    await expect(part(dialog, 'status-code').textContent()).resolves.toBe('400');
    await expect(part(dialog, 'status').textContent()).resolves.toContain(STOP_REFUSED);
    await expect(part(dialog, 'request-id').textContent()).resolves.toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse((await part(dialog, 'body').textContent())!)).toMatchObject({ error_code: STOP_REFUSED });
    await expect(page.getByRole('status').textContent()).resolves.toContain(STOP_REFUSED);
    // Escape closes it, and the focus is back on the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-sms-console-open'))).toBe(true);
  });

  it('shows the request as curl: method, URL, headers and the body', async () => {
    await act(dialog, () => page.getByRole('button', { name: 'Open the console' }).click());
    const curl = (await part(dialog, 'request').textContent())!;
    expect(curl).toContain(`curl -X POST 'http://127.0.0.1:4011${spec.path.replace('{task_id}', PAUSED)}'`);
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(curl).toContain(`-d '{"operation":"stop"}'`);
  });

  it('acts once the state is set RUNNING with its control: the same stop is a 200, and the history grows', async () => {
    const before = await historyLength(dialog);
    await dialog.getByLabel("Set its state (the sandbox's control)").selectOption('RUNNING');
    await act(dialog, () => dialog.getByRole('button', { name: 'Set', exact: true }).click());
    await expect(part(dialog, 'task-state').textContent()).resolves.toBe('RUNNING');
    await act(dialog, () => dialog.getByRole('button', { name: /^Send/ }).click());
    await expect(part(dialog, 'status-code').textContent()).resolves.toBe('200');
    expect(await historyLength(dialog)).toBeGreaterThanOrEqual(before + 2);
    await expect(part(dialog, 'history').textContent()).resolves.toContain('stop → 200');
    await expect(part(dialog, 'task-state').textContent()).resolves.toMatch(/^ABORT/);
  });

  it('reads the task (GET) and shows its state; a reset brings the seed back', async () => {
    await act(dialog, () => dialog.getByRole('button', { name: /^Read the task/ }).click());
    await expect(part(dialog, 'request').textContent()).resolves.toContain(
      `curl -X GET 'http://127.0.0.1:4011${spec.read!.path.replace('{task_id}', PAUSED)}'`,
    );
    await expect(part(dialog, 'status-code').textContent()).resolves.toBe('200');
    expect(JSON.parse((await part(dialog, 'body').textContent())!)).toMatchObject({ id: PAUSED, state: 'ABORT' });
    await act(dialog, () => dialog.getByRole('button', { name: 'Reset the sandbox' }).click());
    await expect(page.getByRole('status').textContent()).resolves.toContain('back to its seed');
    await expect(part(dialog, 'history').textContent()).resolves.toBe('No events yet.');
    await expect(part(dialog, 'task-state').textContent()).resolves.toBe('ABORT');
  });

  it("offers the spec's operations, and marks a field required for the operation that requires it", async () => {
    const operations = dialog.getByLabel('Operation', { exact: true });
    expect(await operations.locator('option').allTextContents()).toEqual(spec.operations);
    const field = dialog.getByLabel(new RegExp(`^${CONDITIONAL!.field}`));
    await operations.selectOption(spec.operations.find((operation) => operation !== CONDITIONAL!.operation)!);
    await expect(field.getAttribute('aria-required')).resolves.toBe('false');
    await operations.selectOption(CONDITIONAL!.operation);
    await expect(field.getAttribute('aria-required')).resolves.toBe('true');
    // Sent without it, the sandbox refuses the call as the spec does, naming the field.
    await act(dialog, () => dialog.getByRole('button', { name: /^Send/ }).click());
    await expect(part(dialog, 'status-code').textContent()).resolves.toBe('400');
    await expect(part(dialog, 'body').textContent()).resolves.toContain(CONDITIONAL!.field);
    await field.fill('tpl-1');
    await act(dialog, () => dialog.getByRole('button', { name: /^Send/ }).click());
    await expect(part(dialog, 'request').textContent()).resolves.toContain(`"${CONDITIONAL!.field}":"tpl-1"`);
  });

  it('is axe-clean (WCAG 2.1 AA) with an answer shown', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('pointed at a sandbox server, shows its answers and its history (CORS)', async () => {
    // Until now everything was answered in the page: the server heard nothing.
    expect(toServer).toEqual([]);
    // A URL given (and committed) is where the calls go from then on.
    await dialog.getByLabel('Server URL').fill(sandboxServer.url);
    await act(dialog, () => dialog.getByLabel('Server URL').press('Tab'));
    expect(await dialog.getByLabel('a server:').isChecked()).toBe(true);
    await act(dialog, () => dialog.getByLabel('Task', { exact: true }).selectOption(PAUSED));
    await dialog.getByLabel('Operation', { exact: true }).selectOption('stop');
    await act(dialog, () => dialog.getByRole('button', { name: /^Send/ }).click());
    await expect(part(dialog, 'status').textContent()).resolves.toContain(STOP_REFUSED);
    await expect(part(dialog, 'history').textContent()).resolves.toContain(`stop → 400 ${STOP_REFUSED}`);
    await dialog.getByLabel("Set its state (the sandbox's control)").selectOption('RUNNING');
    await act(dialog, () => dialog.getByRole('button', { name: 'Set', exact: true }).click());
    await expect(part(dialog, 'task-state').textContent()).resolves.toBe('RUNNING');
    expect(sandboxServer.sandbox.task(PAUSED)!.state).toBe('RUNNING');
    expect(sandboxServer.sandbox.calls()).toMatchObject([
      { taskId: PAUSED, operation: 'stop', errorCode: STOP_REFUSED },
    ]);
    expect(toServer.length).toBeGreaterThan(0);
  });
});

describe('the console on a phone (390 px, dark mode)', () => {
  it('fits the screen with an answer shown, and is axe-clean', async () => {
    const page = await openConsole({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      colorScheme: 'dark',
    });
    try {
      expect(await page.evaluate(() => document.documentElement.className)).toContain('dark');
      const dialog = dialogOf(page);
      await act(dialog, () => page.getByRole('button', { name: 'Open the console' }).click());
      await act(dialog, () => dialog.getByLabel('Task', { exact: true }).selectOption(PAUSED));
      await dialog.getByLabel('Operation', { exact: true }).selectOption('stop');
      await act(dialog, () => dialog.getByRole('button', { name: /^Send/ }).click());
      await expect(part(dialog, 'status').textContent()).resolves.toContain(STOP_REFUSED);
      const fit = await page.evaluate(() => {
        const box = document.querySelector('#sms-console')!;
        const overflowing = [...box.querySelectorAll('*')].filter(
          (e) => e.getBoundingClientRect().right > innerWidth + 0.5,
        );
        return {
          scroll: box.scrollWidth - box.clientWidth,
          overflowing: overflowing.map((e) => e.outerHTML.slice(0, 80)),
        };
      });
      expect(fit).toEqual({ scroll: 0, overflowing: [] });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

it('sent nothing to any other host, and logged no console error', () => {
  expect(outside).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
