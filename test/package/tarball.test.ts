import { beforeAll, describe, expect, it } from 'vitest';
import { packOnce, runTool, type PackedPackage } from './support.js';

/**
 * The `npm pack` tarball: what it contains, what package.json promises, and the verdicts
 * of publint and @arethetypeswrong/cli on the tarball itself.
 */
let packed: PackedPackage;

beforeAll(async () => {
  packed = await packOnce();
}, 300_000);

type Exports = Record<string, string | Record<string, string>>;

describe('the npm pack tarball', () => {
  it('ships dist/, bin/, package.json and docs only: no sources, tests, fixtures or scripts', () => {
    const outside = packed.files.filter((f) => !f.startsWith('dist/') && !f.startsWith('bin/'));
    expect(outside.sort()).toEqual(expect.arrayContaining(['README.md', 'package.json']));
    expect(outside.every((f) => ['README.md', 'package.json', 'CHANGELOG.md', 'LICENSE'].includes(f))).toBe(true);
    const sources = packed.files.filter((f) => /\.(ts|mts|cts)$/.test(f) && !/\.d\.c?ts$/.test(f));
    expect(sources).toEqual([]);
    expect(packed.files.filter((f) => /(^|\/)(test|fixtures|node_modules)\//.test(f))).toEqual([]);
  });

  it('exports ".", "./core", "./oauth", "./redis", "./mocks" and "./openapi.json", each with types, and all targets are in the tarball', () => {
    const exports = packed.pkg['exports'] as Exports;
    const entries = ['.', './core', './oauth', './redis', './mocks', './openapi.json'];
    expect(Object.keys(exports)).toEqual(expect.arrayContaining(entries));
    for (const entry of entries) {
      const target = exports[entry] as Record<string, string>;
      expect(Object.keys(target)[0], `${entry}: "types" must come first`).toBe('types');
      for (const file of Object.values(target)) expect(packed.files, `${entry} → ${file}`).toContain(file.replace(/^\.\//, ''));
    }
    expect(packed.files).toContain(String(packed.pkg['main']).replace(/^\.\//, ''));
    expect(packed.files).toContain(String(packed.pkg['types']).replace(/^\.\//, ''));
  });

  it('ships each entry as one bundle, with shared code in chunks and no per-module JavaScript', () => {
    const js = packed.files.filter((f) => f.endsWith('.js'));
    const entries = ['dist/src/index.js', 'dist/src/core.js', 'dist/src/oauth/index.js', 'dist/src/redis.js', 'dist/mocks/index.js', 'dist/cli/main.js'];
    expect(js).toEqual(expect.arrayContaining(entries));
    expect(js.filter((f) => !entries.includes(f) && !f.startsWith('dist/src/chunks/'))).toEqual([]);
    expect(packed.files).toContain('dist/src/core.d.ts');
    expect(packed.files).toContain('dist/generated/openapi.json');
  });

  it('declares an ESM, side-effect-free, public package for Node ≥ 20', () => {
    expect(packed.pkg).toMatchObject({ type: 'module', sideEffects: false, engines: { node: '>=20' } });
    expect(packed.pkg['private']).not.toBe(true);
    // msw is needed by the mocks entry only.
    expect(packed.pkg['peerDependencies']).toMatchObject({ msw: expect.any(String) });
    expect(packed.pkg['peerDependenciesMeta']).toMatchObject({ msw: { optional: true } });
  });

  it('passes publint (--strict: warnings fail too)', async () => {
    const r = await runTool('publint/src/cli.js', ['run', packed.tarball, '--strict']);
    expect(r.stdout + r.stderr).toContain('All good!');
    expect(r.code).toBe(0);
  }, 60_000);

  it('passes @arethetypeswrong/cli with the esm-only profile', async () => {
    const r = await runTool('@arethetypeswrong/cli/dist/index.js', [packed.tarball, '--profile', 'esm-only', '--format', 'table']);
    // Exit code 0: no problem outside the resolutions the profile ignores (node10, node16-cjs).
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 60_000);
});
