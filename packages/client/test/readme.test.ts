// The TypeScript in the READMEs is what people paste first: every ```ts block of the client's
// README and the root README is type-checked, strictly, against the built package as an installed
// copy resolves it. Names a block uses from the prose around it (`sms`, `token`, `region`…) are
// declared for it, and only those.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(pkgDir, 'node_modules/typescript/bin/tsc');
// Inside the package, so that `@sms-task/client` resolves to it by name, through its exports; one
// folder per process, so that two runs at once (CI's Node versions, say) do not delete each other's.
const dir = join(pkgDir, 'test/.readme-blocks', String(process.pid));

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

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  // The shared parent goes too, unless another run is still using it.
  try {
    rmdirSync(dirname(dir));
  } catch {}
});

describe('README code', () => {
  it('has TypeScript blocks to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(9);
  });

  it('type-checks, every ```ts block of the client README and the root README', () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const { name, code } of all) {
      const context = Object.entries(CONTEXT)
        .filter(([id]) => mentions(code, id) && !defines(code, id))
        .map(([, line]) => line);
      writeFileSync(join(dir, `${name}.ts`), `${context.join('\n')}\n${code}\nexport {};\n`);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(pkgDir, 'node_modules/@types')],
        },
        include: ['*.ts'],
      }),
    );
    const check = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
