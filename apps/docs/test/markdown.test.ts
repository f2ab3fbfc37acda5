// The docs for machines, as the preview server publishes them: llms.txt in the llmstxt.org form, with
// its instructions for agents and every link answering Markdown; llms-full.txt holding every
// operation value, path, limit, default, enum value, status and error code of the bundled spec (read
// from the spec here, never listed by hand); a Markdown file per operation and per guide, the guides'
// code as the READMEs have it (where their packages' tests run it); and the page linking them.
import { readFileSync } from 'node:fs';
import { spec } from '@sms-task/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error plain JS helper shared with the start command
import { serveDocs } from '@sms-task/docs/server';
// @ts-expect-error plain JS build module: the guides it publishes
import { GUIDES, readmeSection } from '../scripts/readable.mjs';

const MARKDOWN = 'text/markdown; charset=utf-8';
let server: { url: string; close(): Promise<void> };
/** The spec as published beside the page: what every fact below is read from. */
let bundled: Record<string, any>;
let llms: string;
let full: string;

const get = async (path: string) => {
  const response = await fetch(new URL(path, `${server.url}/`));
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

beforeAll(async () => {
  server = await serveDocs();
  bundled = parse((await get('openapi.yaml')).text);
  llms = (await get('llms.txt')).text;
  full = (await get('llms-full.txt')).text;
});
afterAll(() => server?.close());

const resolve = (node: any): any =>
  node?.$ref
    ? resolve(
        node.$ref
          .slice(2)
          .split('/')
          .map((key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
          .reduce((at: any, key: string) => at[key], bundled),
      )
    : node;
const operations = () =>
  Object.entries(bundled.paths as Record<string, any>).flatMap(([path, item]) =>
    Object.entries(resolve(item) as Record<string, any>).map(([method, operation]) => ({
      path,
      method: method.toUpperCase(),
      operation: resolve(operation),
    })),
  );

/** Every schema reachable from the operations, with the name of the field or parameter it types. */
function schemas() {
  const found: { name: string; schema: any }[] = [];
  const seen = new Set<any>();
  const walk = (node: any, name: string) => {
    const schema = resolve(node);
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    seen.add(schema);
    found.push({ name, schema });
    for (const [key, value] of Object.entries(schema.properties ?? {})) walk(value, key);
    if (schema.items) walk(schema.items, name);
    for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])])
      walk(branch, name);
    // Each field of a shared schema, as each schema that holds it names it.
    seen.delete(schema);
  };
  for (const { operation } of operations()) {
    for (const parameter of (operation.parameters ?? []).map(resolve)) walk(parameter.schema, parameter.name);
    const media = [resolve(operation.requestBody), ...Object.values(operation.responses).map(resolve)];
    for (const content of media.map((m) => m?.content ?? {}))
      for (const { schema } of Object.values(content) as any[]) walk(schema, '');
  }
  return found;
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A line of `text` naming the field (`name`, or `a.name`) and holding `fact`. */
const lineWith = (text: string, name: string, fact: string) =>
  new RegExp(`^.*\`(?:[\\w.\\[\\]-]+\\.)?${escapeRegExp(name)}\`.*${escapeRegExp(fact)}`, 'm').test(text);

describe('llms.txt', () => {
  it('is Markdown in the llmstxt.org form: the title, the summary, then sections of links', async () => {
    expect((await get('llms.txt')).type).toBe(MARKDOWN);
    const lines = llms.split('\n');
    expect(lines[0]).toBe(`# ${bundled.info.title}`);
    expect(lines[2]).toBe(`> ${bundled.info.summary}`);
    // One H1 only; the rest are sections, the file lists among them made of `- [title](url): notes`.
    expect(llms.match(/^# /gm)).toHaveLength(1);
    const sections = [...llms.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(expect.arrayContaining(['Instructions for agents', 'Operations', 'Optional']));
    const operationsSection = llms.split('## Operations\n')[1]!.split('\n## ')[0]!;
    const entries = operationsSection.trim().split('\n');
    expect(entries.filter((line) => !/^- \[[^\]]+\]\([^)]+\): .+/.test(line))).toEqual([]);
    expect(entries).toHaveLength(operations().length);
  });

  it('tells agents the rules of this API, read from the spec', () => {
    const rules = llms.split('## Instructions for agents\n')[1]!.split('\n## ')[0]!;
    expect(rules).toMatch(/not idempotent/);
    // Read the task before repeating a call that got no answer.
    expect(rules).toContain(`\`GET ${spec.read!.path}\``);
    expect(rules).toMatch(/do not send it again: read the task first/);
    // Retry only 429 and 503, after Retry-After.
    expect(rules).toMatch(/Retry only `429` and `503`/);
    expect(rules).toContain('Retry-After');
    // The field an operation requires (clone_test needs template_id), from the request body's variants.
    for (const operation of spec.operations) {
      for (const field of (spec.variant(operation).required as string[]).filter((f) => f !== 'operation'))
        expect(rules).toContain(`\`${operation}\` needs \`${field}\``);
    }
    // Every IAM action of the spec.
    for (const { operation } of operations()) expect(rules).toContain(`\`${operation['x-sms-iam'].action}\``);
  });

  it('links every operation of the spec (by operationId) and every guide', () => {
    for (const { operation } of operations()) expect(llms).toContain(`(operations/${operation.operationId}.md)`);
    for (const { slug } of GUIDES as { slug: string }[]) expect(llms).toContain(`(guides/${slug}.md)`);
    expect(llms).toContain('(llms-full.txt)');
  });

  it('has every link answer from the preview server, as Markdown', async () => {
    const links = [...llms.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(operations().length + GUIDES.length + 1);
    const answers = await Promise.all(links.map(async (link) => [link, await get(link)] as const));
    for (const [link, { status, type, text }] of answers) {
      expect({ link, status, type }).toEqual({ link, status: 200, type: MARKDOWN });
      expect(text.trim(), link).not.toBe('');
    }
  });
});

describe('llms-full.txt', () => {
  it('holds every operation value, path and operationId of the spec', () => {
    for (const value of spec.operations) expect(full, value).toContain(`\`${value}\``);
    for (const { path, method, operation } of operations()) {
      expect(full).toContain(`\`${method} ${path}\``);
      expect(full).toContain(`\`${operation.operationId}\``);
      expect(full).toContain(operation.summary);
    }
  });

  it('holds every limit (minLength, maxLength, minimum, maximum, minItems, maxItems) with its field', () => {
    const limits = schemas().flatMap(({ name, schema }) =>
      ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems']
        .filter((keyword) => schema[keyword] !== undefined && name)
        .map((keyword) => ({ name, fact: `${keyword} ${schema[keyword]}` })),
    );
    expect(limits.length).toBeGreaterThan(10);
    for (const { name, fact } of limits) expect(lineWith(full, name, fact), `${name}: ${fact}`).toBe(true);
  });

  it('holds every default and every enum value with its field', () => {
    const facts = schemas().flatMap(({ name, schema }) => [
      ...(schema.default !== undefined && name
        ? [{ name, fact: `default \`${JSON.stringify(schema.default)}\`` }]
        : []),
      ...(schema.enum ?? []).map((value: unknown) => ({ name, fact: `\`${value}\`` })),
    ]);
    expect(facts.filter(({ fact }) => fact.startsWith('default')).length).toBeGreaterThanOrEqual(4);
    for (const { name, fact } of facts) {
      if (name) expect(lineWith(full, name, fact), `${name}: ${fact}`).toBe(true);
      else expect(full).toContain(fact);
    }
  });

  it('holds every parameter, response status, error code and named example of every operation', () => {
    for (const { operation } of operations()) {
      const section = full.split(`\n## ${operation.summary}\n`)[1]!.split('\n<!-- ')[0]!;
      for (const parameter of (operation.parameters ?? []).map(resolve))
        expect(section).toMatch(new RegExp(`^\\| \`${escapeRegExp(parameter.name)}\` \\| ${parameter.in} \\|`, 'm'));
      for (const [status, node] of Object.entries(operation.responses)) {
        const response = resolve(node);
        expect(section).toMatch(new RegExp(`^#+ ${status}: ${escapeRegExp(response.description.trim())}$`, 'm'));
        for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
          const { value } = resolve(example);
          expect(section).toContain(`Example \`${name}\``);
          if (value.error_code) expect(section).toContain(`"error_code": "${value.error_code}"`);
        }
      }
    }
  });

  it('holds the instructions for agents, the overview and every guide', () => {
    expect(full).toContain('## Instructions for agents');
    expect(full).toContain(bundled.info.description.trim().split('\n')[0]);
    for (const { slug } of GUIDES as { slug: string }[]) expect(full).toContain(`<!-- guides/${slug}.md -->`);
  });
});

describe('the Markdown of each operation and guide', () => {
  it('gives each operation of the spec its own file, with its IAM action and its source', async () => {
    for (const { path, method, operation } of operations()) {
      const { type, text } = await get(`operations/${operation.operationId}.md`);
      expect(type).toBe(MARKDOWN);
      expect(text.split('\n')[0]).toBe(`# ${operation.summary}`);
      expect(text).toContain(`\`${method} ${path}\``);
      expect(text).toContain(`\`${operation['x-sms-iam'].action}\``);
      expect(text).toContain(operation['x-sms-iam'].source);
    }
  });

  // The packages' tests run the guides' code as written there.
  it('publishes each guide as its README has it, every code block as written', async () => {
    const blocks = (markdown: string) => [...markdown.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]);
    for (const guide of GUIDES as { slug: string; package: string; heading: string }[]) {
      const { text } = await get(`guides/${guide.slug}.md`);
      const section: string = readmeSection(guide.package, guide.heading);
      expect(text.split('\n')[0]).toBe(guide.heading.replace(/^## /, '# '));
      expect(blocks(section).length, guide.slug).toBeGreaterThan(0);
      expect(blocks(text)).toEqual(blocks(section));
    }
  });

  it('has the page link the Markdown as alternates, each answering Markdown', async () => {
    const page = (await get('/')).text;
    const head = page.slice(0, page.indexOf('</head>'));
    const alternates = [...head.matchAll(/<link rel="alternate" type="text\/markdown" href="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(alternates).toEqual(
      expect.arrayContaining([
        'llms.txt',
        'llms-full.txt',
        ...operations().map((o) => `operations/${o.operation.operationId}.md`),
      ]),
    );
    for (const href of alternates) expect((await get(href)).type, href).toBe(MARKDOWN);
  });

  it('reads its facts from the spec the page publishes', () => {
    // The bundle served beside the page is the spec package's own.
    const own = readFileSync(new URL(import.meta.resolve('@sms-task/spec/openapi.yaml')), 'utf8');
    expect(parse(own)).toEqual(bundled);
  });
});
