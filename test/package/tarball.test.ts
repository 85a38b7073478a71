import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES } from '../../scripts/build/packages.js';
import { packOnce, root, runTool, type Json, type PackedPackages } from './support.js';

/**
 * The three `npm pack` tarballs: what each contains, what each package.json promises (entries,
 * dependencies, the fields npm shows), the README and LICENSE npm shows, and the verdicts of
 * publint and @arethetypeswrong/cli on the tarball itself.
 */
let packed: PackedPackages;

beforeAll(async () => {
  packed = await packOnce();
}, 300_000);

type Exports = Record<string, string | Record<string, string>>;

const DOCS = 'https://docs.opsmerge.cloud/sdk/';
const REPOSITORY = 'git+https://github.com/opsmerge/sdk.git';

/** What each package depends on, by design (DESIGN.md "Three packages"). */
const DEPENDENCIES: Record<string, { dependencies: string[]; optionalPeers: string[] }> = {
  '@opsmerge/sdk': { dependencies: ['openapi-fetch'], optionalPeers: ['ioredis'] },
  '@opsmerge/mocks': { dependencies: ['@faker-js/faker', '@opsmerge/sdk', 'ajv', 'ajv-formats'], optionalPeers: ['msw'] },
  // The conformance suite draws its cases with fast-check and judges any schema of the spec with
  // ajv (the same ajv @opsmerge/mocks brings, so npm installs it once).
  '@opsmerge/cli': { dependencies: ['@opsmerge/mocks', '@opsmerge/sdk', 'ajv', 'ajv-formats', 'cli-table3', 'commander', 'fast-check'], optionalPeers: ['@stoplight/prism-cli', 'msw'] },
};

describe.each(PACKAGES)('the $name tarball', (spec) => {
  const pkg = (): Json => packed[spec.name].pkg;
  const files = (): string[] => packed[spec.name].files;

  it('ships dist/ (and bin/ for the command), package.json, README.md and LICENSE only: no sources, tests or scripts', () => {
    const outside = files().filter((f) => !f.startsWith('dist/') && !f.startsWith('bin/'));
    expect(outside).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(outside.filter((f) => !['README.md', 'package.json', 'CHANGELOG.md', 'LICENSE'].includes(f))).toEqual([]);
    expect(files().some((f) => f.startsWith('bin/'))).toBe(spec.name === '@opsmerge/cli');
    expect(files().filter((f) => /\.(ts|mts|cts)$/.test(f) && !/\.d\.c?ts$/.test(f))).toEqual([]);
    expect(files().filter((f) => /(^|\/)(test|fixtures|node_modules)\//.test(f))).toEqual([]);
  });

  it('exports each entry with its types first, and every target is in the tarball', () => {
    const exports = pkg()['exports'] as Exports;
    const subpaths = spec.entries.flatMap((e) => (e.subpath === undefined ? [] : [e.subpath]));
    const extra = spec.name === '@opsmerge/sdk' ? ['./openapi.json'] : [];
    expect(Object.keys(exports).sort()).toEqual([...subpaths, ...extra, './package.json'].sort());
    for (const entry of [...subpaths, ...extra]) {
      const target = exports[entry] as Record<string, string>;
      expect(Object.keys(target), `${entry}: "types" must come first`).toEqual(['types', 'default']);
      for (const file of Object.values(target)) expect(files(), `${entry} → ${file}`).toContain(file.replace(/^\.\//, ''));
    }
    for (const field of ['main', 'types'] as const) if (pkg()[field] !== undefined) expect(files()).toContain(String(pkg()[field]).replace(/^\.\//, ''));
  });

  it('ships each entry as one bundle, with shared code in chunks and no per-module JavaScript', () => {
    const js = files().filter((f) => f.endsWith('.js'));
    const entries = spec.entries.map((e) => `dist/${e.out}.js`);
    const chunks = `dist/${spec.chunkNames.slice(0, spec.chunkNames.lastIndexOf('/') + 1)}`;
    expect(js).toEqual(expect.arrayContaining(entries));
    expect(js.filter((f) => !entries.includes(f) && !f.startsWith(chunks))).toEqual([]);
    for (const e of spec.entries.filter((x) => x.subpath !== undefined)) expect(files()).toContain(`dist/${e.out}.d.ts`);
  });

  it('depends on what the design says and nothing else, internal packages at its own version', () => {
    const { dependencies, optionalPeers } = DEPENDENCIES[spec.name]!;
    const deps = pkg()['dependencies'] as Record<string, string>;
    expect(Object.keys(deps).sort()).toEqual(dependencies);
    for (const [name, range] of Object.entries(deps)) if (name.startsWith('@opsmerge/')) expect(range, name).toBe(pkg()['version']);
    expect(Object.keys((pkg()['peerDependencies'] as Json | undefined) ?? {}).sort()).toEqual(optionalPeers);
    expect(pkg()['peerDependenciesMeta']).toEqual(Object.fromEntries(optionalPeers.map((p) => [p, { optional: true }])));
    expect(pkg()['devDependencies']).toBeUndefined();
  });

  it('declares an ESM public package for Node ≥ 20 with its repository, homepage on the docs site, issue tracker and MIT licence', () => {
    expect(pkg()).toMatchObject({ type: 'module', engines: { node: '>=20' }, license: 'MIT', publishConfig: { access: 'public' } });
    expect(pkg()['private']).not.toBe(true);
    expect(pkg()['repository']).toEqual({ type: 'git', url: REPOSITORY, directory: `packages/${spec.folder}` });
    expect(String(pkg()['homepage'])).toMatch(new RegExp(`^${DOCS.replace(/[.]/g, '\\.')}`));
    expect(pkg()['bugs']).toEqual({ url: 'https://github.com/opsmerge/sdk/issues' });
    if (spec.name !== '@opsmerge/cli') expect(pkg()['sideEffects']).toBe(false);
  });

  it('ships the MIT licence text of the repository', async () => {
    const licence = await readFile(join(packed[spec.name].stage, 'LICENSE'), 'utf8');
    expect(licence).toBe(await readFile(join(root, 'LICENSE'), 'utf8'));
    expect(licence).toMatch(/^MIT License\n/);
  });

  it('has a README for its users: the install command, absolute links (to the docs site among them), no tour of the sources', async () => {
    const readme = await readFile(join(packed[spec.name].stage, 'README.md'), 'utf8');
    expect(readme.startsWith(`# ${spec.name}\n`)).toBe(true);
    expect(readme).toMatch(new RegExp(`^npm install (--[a-z-]+ )*${spec.name}( |$)`, 'm'));
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    // npm renders the README away from the repository: a relative link would be dead there.
    expect(links.filter((l) => !l.startsWith('https://'))).toEqual([]);
    expect(links.some((l) => l.startsWith(DOCS))).toBe(true);
    expect(readme).not.toMatch(/(^|[\s`(])(src|generated|scripts|test)\//m);
  });

  it('passes publint (--strict: warnings fail too)', async () => {
    const r = await runTool('publint/src/cli.js', ['run', packed[spec.name].tarball, '--strict']);
    expect(r.stdout + r.stderr).toContain('All good!');
    expect(r.code).toBe(0);
  }, 60_000);

  it('passes @arethetypeswrong/cli with the esm-only profile', async () => {
    const r = await runTool('@arethetypeswrong/cli/dist/index.js', [packed[spec.name].tarball, '--profile', 'esm-only', '--format', 'table']);
    // Exit code 0: no problem outside the resolutions the profile ignores (node10, node16-cjs).
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The command ships no library entry, so no types either; the others type every entry.
    expect(r.stdout.includes('This package does not contain types'), r.stdout).toBe(spec.name === '@opsmerge/cli');
  }, 60_000);
});
