// What the published package is made of: exact pins, one runtime dependency, no install scripts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const workspace = parse(readFileSync(new URL('../../../pnpm-workspace.yaml', import.meta.url), 'utf8'));
// An exact version, or an alias of another package at one (`npm:typescript@7.0.2`).
const EXACT = /^(npm:(@[\w.-]+\/)?[\w.-]+@)?\d+\.\d+\.\d+(-[\w.]+)?$/;

describe('@sms-task/client package manifest', () => {
  it('has openapi-fetch as its only runtime dependency', () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
    expect(pkg.peerDependencies).toBeUndefined();
    expect(pkg.optionalDependencies).toBeUndefined();
  });

  it('pins every dependency exactly (directly or through the catalog, an alias included)', () => {
    for (const [name, range] of Object.entries<string>({ ...pkg.dependencies, ...pkg.devDependencies })) {
      const version = range === 'catalog:' ? workspace.catalog[name] : range;
      if (version !== 'workspace:*') expect(version, name).toMatch(EXACT);
    }
    for (const [name, version] of Object.entries<string>(workspace.catalog))
      expect(String(version), name).toMatch(EXACT);
  });

  it('runs no install script and denies the builds it does not need', () => {
    expect(Object.keys(pkg.scripts)).not.toContain('postinstall');
    expect(Object.keys(pkg.scripts)).not.toContain('install');
    expect(workspace.allowBuilds).toEqual({ '@scarf/scarf': false, esbuild: false, msw: false });
  });

  it('publishes only dist and docs, side-effect free, with node and default entries', () => {
    expect(pkg.files).toEqual(['dist', 'README.md', 'CHANGELOG.md']);
    // The entries are side-effect free. The shared chunks are not declared so: an entry imports a
    // chunk it needs only through another (as the bundler hoists it), and a bundler would warn that
    // it ignores that import (browser.test.ts checks that it says nothing).
    expect(pkg.sideEffects).toEqual(['./dist/chunk-*.js', './dist/chunk-*.cjs']);
    // bun and deno before node: both runtimes also answer to `node`, and their fetch is faster.
    expect(Object.keys(pkg.exports['.'])).toEqual(['bun', 'deno', 'node', 'import', 'require']);
    for (const runtime of ['bun', 'deno'])
      expect(pkg.exports['.'][runtime], runtime).toEqual({
        import: pkg.exports['.'].import,
        require: pkg.exports['.'].require,
      });
  });

  it('keeps AK/SK signing behind its own entry, with the same node and default conditions', () => {
    expect(Object.keys(pkg.exports)).toEqual(['.', './aksk', './package.json']);
    expect(Object.keys(pkg.exports['./aksk'])).toEqual(['bun', 'deno', 'node', 'import', 'require']);
    for (const runtime of ['bun', 'deno'])
      expect(pkg.exports['./aksk'][runtime], runtime).toEqual({
        import: pkg.exports['./aksk'].import,
        require: pkg.exports['./aksk'].require,
      });
    expect(pkg.exports['./aksk'].node.import.default).toBe('./dist/aksk-node.js');
    expect(pkg.exports['./aksk'].import.default).toBe('./dist/aksk.js');
  });
});
