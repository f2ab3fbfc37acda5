// The TypeScript in the READMEs is what people paste first: every ```ts block of the client's
// README and the root README is type-checked, strictly, against the built package as an installed
// copy resolves it. Names a block uses from the prose around it (`sms`, `token`, `region`…) are
// declared for it, and only those.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchFolder, typeCheck } from '@sms-task/test-support';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
// The newest TypeScript, what a reader who installs `typescript` today gets (7: the native compiler).
const tsc = join(pkgDir, 'node_modules/typescript7/bin/tsc');
// Inside the package, so that `@sms-task/client` resolves to it by name, through its exports.
const folder = scratchFolder(join(pkgDir, 'test/.readme-blocks'));

/** What the prose gives a block: used only when the block mentions the name and does not define it. */
const CONTEXT: Record<string, string> = {
  createSmsClient: "import { createSmsClient } from '@sms-task/client';",
  SmsApiError: "import { SmsApiError } from '@sms-task/client';",
  readFileSync: "import { readFileSync } from 'node:fs';",
  sms: "declare const sms: import('@sms-task/client').SmsClient;",
  taskId: 'declare const taskId: string;',
  region: "declare const region: 'ap-southeast-3';",
  token: 'declare const token: string;',
  auth: 'declare const auth: { token: string };',
  fetchToken: 'declare function fetchToken(): Promise<string>;',
  ak: 'declare const ak: string;',
  sk: 'declare const sk: string;',
  domainId: 'declare const domainId: string;',
  securityToken: 'declare const securityToken: string;',
  myAgent: "declare const myAgent: import('node:https').Agent;",
};

const defines = (code: string, name: string) =>
  new RegExp(
    `\\b(const|let|function)\\s+${name}\\b|import\\s*(type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}|import\\s+${name}\\b`,
  ).test(code);
const mentions = (code: string, name: string) =>
  new RegExp(`(?<![.\\w'])${name}\\b`).test(code.replace(/\/\/.*$/gm, ''));

function blocks(label: string, readme: string) {
  const text = readFileSync(new URL(readme, import.meta.url), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({ name: `${label}-${i + 1}`, code: m[1]! }));
}

const all = [...blocks('client-readme', '../README.md'), ...blocks('root-readme', '../../../README.md')];

afterAll(() => folder.remove());

describe('README code', () => {
  it('has TypeScript blocks to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(9);
  });

  it('type-checks, every ```ts block of the client README and the root README', async () => {
    folder.fresh();
    for (const { name, code } of all) {
      const context = Object.entries(CONTEXT)
        .filter(([id]) => mentions(code, id) && !defines(code, id))
        .map(([, line]) => line);
      writeFileSync(folder.path(`${name}.ts`), `${context.join('\n')}\n${code}\nexport {};\n`);
    }
    const check = await typeCheck(folder.dir, {
      tsc,
      compilerOptions: { types: ['node'], typeRoots: [join(pkgDir, 'node_modules/@types')] },
    });
    expect(check.output).toBe('');
    expect(check.exitCode).toBe(0);
  });
});
