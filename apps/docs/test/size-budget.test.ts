// The size budgets of the published files (size-budget.json, each with its reason): the page a reader
// waits for, and llms-full.txt, which an agent reads whole into its context.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const { budgets } = JSON.parse(readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8')) as {
  budgets: { file: string; maxBytes: number; why: string }[];
};

describe('size budgets', () => {
  it('covers the page and llms-full.txt, each with its reason', () => {
    expect(budgets.map(({ file }) => file)).toEqual(['dist/index.html', 'dist/llms-full.txt']);
    for (const { why } of budgets) expect(why.length).toBeGreaterThan(40);
  });

  for (const { file, maxBytes } of budgets) {
    it(`keeps ${file} within ${maxBytes.toLocaleString('en')} bytes`, () => {
      const { size } = statSync(new URL(`../${file}`, import.meta.url));
      expect(size, `${file} is ${size.toLocaleString('en')} bytes`).toBeLessThanOrEqual(maxBytes);
      // A budget far above the file no longer guards it.
      expect(size, `${file}: lower its budget to fit it`).toBeGreaterThan(maxBytes / 2);
    });
  }
});
