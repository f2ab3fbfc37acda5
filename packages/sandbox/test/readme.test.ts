// The README's "Testing your code" is what people paste: each example runs as it is written. The
// Node ones are vitest files, run by vitest in a folder inside this package (so they import the
// packages by name, as an installed copy resolves them); the browser one is bundled for browsers
// and runs in headless Chromium behind MSW's worker; all of them type-check strictly.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { scratchFolder, typeCheck } from '@sms-task/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATES, TRANSITIONAL_STATES, TRANSITIONS } from '../dist/index.js';
import { bundleForBrowser, launchChromium, servePage } from './browser-harness.js';
import { example } from './spec.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
// Inside the package, out of its own test and lint globs.
const folder = scratchFolder(join(pkgDir, '.readme-examples'));
const { dir } = folder;
const home = mkdtempSync(join(tmpdir(), 'sandbox-readme-home-'));

const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
const start = readme.indexOf('## Testing your code\n');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
/** Each example: its heading and its one ```ts block. */
const examples = section
  .split(/^### /m)
  .slice(1)
  .map((part) => ({
    heading: part.slice(0, part.indexOf('\n')),
    code: [...part.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!),
  }));
const inBrowser = (code: string) => code.includes("from 'msw/browser'");
const nodeExamples = examples.filter(({ code }) => !inBrowser(code[0] ?? ''));
const browserExample = examples.find(({ code }) => inBrowser(code[0] ?? ''));

beforeAll(() => {
  folder.fresh();
  nodeExamples.forEach(({ code }, index) => writeFileSync(join(dir, `example-${index + 1}.test.ts`), code[0]!));
  // The page shows what the example's comments promise.
  writeFileSync(
    join(dir, 'browser-example.ts'),
    `${browserExample!.code[0]}\nObject.assign(window, { readmeExample: { status: started.status, state } });\n`,
  );
});

afterAll(() => {
  folder.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('the README: Testing your code', () => {
  const ways = 'in process (and a rehearsal), MSW on Node and in a browser, the official SDK, the contract suite';
  it(`has one example for each way in: ${ways}`, () => {
    expect(examples.map(({ heading }) => heading)).toEqual([
      'In process: `sandbox.fetch`',
      'Rehearsing a wave: the clock and the list read',
      'MSW on Node',
      'MSW in a browser test',
      'The official SDK',
      'The contract suite',
    ]);
    for (const { heading, code } of examples) expect(code, heading).toHaveLength(1);
  });

  it('runs each Node example with vitest as it is written: every test passes', async () => {
    writeFileSync(
      join(dir, 'vitest.config.mjs'),
      "export default { test: { include: ['*.test.ts'], testTimeout: 300000, hookTimeout: 300000 } };",
    );
    const report = join(dir, 'report.json');
    // This run's own settings stay out of the nested one; the official SDK writes into HOME.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
    const vitestPackage = fileURLToPath(import.meta.resolve('vitest/package.json'));
    const vitest = join(dirname(vitestPackage), JSON.parse(readFileSync(vitestPackage, 'utf8')).bin.vitest);
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [vitest, 'run', '--config', 'vitest.config.mjs', '--reporter=json', `--outputFile=${report}`],
      { cwd: dir, env: { ...env, HOME: home }, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the README's examples failed:\n${error.stdout}\n${error.stderr}`);
    });
    // The official SDK's example turns its logger off: its refused call prints no request headers.
    expect(`${stdout}${stderr}`).not.toMatch(/Signature=|SDK-HMAC-SHA256 Access/);
    const { testResults, numFailedTests } = JSON.parse(readFileSync(report, 'utf8'));
    expect(numFailedTests).toBe(0);
    expect(testResults.map((file: { status: string }) => file.status)).toEqual(nodeExamples.map(() => 'passed'));
  });

  it('type-checks every example, strictly, against the packages as they resolve by name', async () => {
    const result = await typeCheck(dir, {
      // The newest TypeScript, what a reader who installs `typescript` today gets (7: the native compiler).
      tsc: join(pkgDir, 'node_modules/typescript7/bin/tsc'),
      compilerOptions: { lib: ['es2022', 'dom'], types: ['node'] },
    });
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('runs the browser example as it is written in headless Chromium, behind MSW’s worker', async () => {
    const server = await servePage(await bundleForBrowser(join(dir, 'browser-example.ts')));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // A hang guard only: a busy machine can take long to load the page.
      page.setDefaultTimeout(120_000);
      await page.goto(server.url);
      await page.waitForFunction(() => 'readmeExample' in window);
      const shown = await page.evaluate(() => (window as any).readmeExample);
      // What the example's comments say: `started.status: 200`, `'RUNNING'`.
      expect(shown).toEqual({ status: 200, state: 'RUNNING' });
      expect(server.served).toContain('/mockServiceWorker.js');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the README: the state table', () => {
  const start = readme.indexOf('## The state table\n');
  const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| operation'))
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '')));

  it('lists, for each operation, the states TRANSITIONS acts on, and the code of its refusal', () => {
    const acts: Record<string, string[]> = {};
    const refusals: Record<string, string> = {};
    let operations: string[] = [];
    for (const [operation, states, , refusal] of rows) {
      if (operation) operations = [...operation!.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!);
      const named = states!.startsWith('any state but a transitional one')
        ? STATES.filter((state) => !(TRANSITIONAL_STATES as readonly string[]).includes(state))
        : states!.split(/ → | \(/)[0]!.split(', ');
      for (const op of operations) {
        (acts[op] ??= []).push(...named);
        if (refusal) refusals[op] = /`([^`]+)`/.exec(refusal)![1]!;
      }
    }
    for (const [operation, { moves, refusal }] of Object.entries(TRANSITIONS)) {
      expect(acts[operation]?.sort(), operation).toEqual(Object.keys(moves).sort());
      expect(refusals[operation], operation).toBe(example(refusal).value.error_code);
    }
  });
});
