import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { importProblems, packageOf } from '../../scripts/build/build.js';
import type { PackageSpec } from '../../scripts/build/packages.js';

/** The build's gate on what built files import (scripts/build/build.ts), on hand-made inputs. */
const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'packages', 'mocks', 'dist');
const spec: PackageSpec = {
  name: '@opsmerge/mocks',
  folder: 'mocks',
  entries: [
    { subpath: '.', source: 'mocks/index.ts', out: 'index' },
    { subpath: './validate', source: 'mocks/validate.ts', out: 'validate', mustNotImport: ['msw'] },
  ],
  chunkNames: 'chunks/[name]-[hash]',
  declarations: { mocks: '.' },
};
const manifest = { name: '@opsmerge/mocks', dependencies: { ajv: '8.20.0', '@opsmerge/sdk': '0.1.0' }, peerDependencies: { msw: '^3.0.0' } };

type Import = Metafile['outputs'][string]['imports'][number];
const out = (entryPoint: string | undefined, imports: Import[]): Metafile['outputs'][string] => ({ bytes: 1, inputs: {}, imports, exports: [], ...(entryPoint ? { entryPoint } : {}) });
const external = (path: string, kind: Import['kind'] = 'import-statement'): Import => ({ path, kind, external: true });
const chunk = (path: string): Import => ({ path, kind: 'import-statement' });
const rel = (file: string): string => join('packages', 'mocks', 'dist', file);

function metafile(outputs: Record<string, Metafile['outputs'][string]>): Metafile {
  return { inputs: {}, outputs: Object.fromEntries(Object.entries(outputs).map(([k, v]) => [rel(k), v])) };
}

describe('importProblems', () => {
  it('accepts the package itself, its dependencies and peers (with subpaths) and node: builtins', () => {
    const m = metafile({ 'index.js': out('mocks/index.ts', [external('msw'), external('ajv/dist/2020.js'), external('@opsmerge/sdk/openapi.json'), external('node:http'), external('@opsmerge/mocks/validate')]) });
    const d = new Map([['index.d.ts', "import type { HttpHandler } from 'msw';\nexport * from './validate.js';\n"], ['validate.d.ts', "import type { OperationId } from '@opsmerge/sdk';\nexport declare const x: import('node:http').Server;\n"]]);
    expect(importProblems(spec, manifest, m, d, dist)).toEqual([]);
  });

  it('names a bundle importing a package its package.json does not declare', () => {
    const m = metafile({ 'chunks/chunk-A.js': out(undefined, [external('ajv-formats'), external('@opsmerge/cli')]) });
    expect(importProblems(spec, manifest, m, new Map(), dist)).toEqual([
      '@opsmerge/mocks: chunks/chunk-A.js imports "ajv-formats", which is not a dependency or peer in its package.json',
      '@opsmerge/mocks: chunks/chunk-A.js imports "@opsmerge/cli", which is not a dependency or peer in its package.json',
    ]);
  });

  it('names a declaration reaching outside the package or to a file it does not ship, and one importing an undeclared package', () => {
    const d = new Map([
      ['index.d.ts', "export * from '../../src/index.js';\nexport * from './missing.js';\nimport type { Faker } from '@faker-js/faker';\n"],
      ['store/types.d.ts', "export type { A } from '../index.js';\n"],
    ]);
    expect(importProblems(spec, manifest, metafile({}), d, dist)).toEqual([
      '@opsmerge/mocks: index.d.ts imports "../../src/index.js", which is not in the package',
      '@opsmerge/mocks: index.d.ts imports "./missing.js", which is not in the package',
      '@opsmerge/mocks: index.d.ts imports "@faker-js/faker", which is not a dependency or peer in its package.json',
    ]);
  });

  it('names an entry that loads a banned package through a chunk, but not through a dynamic import', () => {
    const loads = metafile({
      'validate.js': out('mocks/validate.ts', [chunk(rel('chunks/chunk-B.js'))]),
      'chunks/chunk-B.js': out(undefined, [external('msw')]),
    });
    expect(importProblems(spec, manifest, loads, new Map(), dist)).toEqual(['@opsmerge/mocks: validate.js loads msw (marked mustNotImport)']);
    const lazily = metafile({ 'validate.js': out('mocks/validate.ts', [external('msw', 'dynamic-import')]) });
    expect(importProblems(spec, manifest, lazily, new Map(), dist)).toEqual([]);
  });

  it('reads a package name from a specifier', () => {
    expect(['@opsmerge/sdk/openapi.json', 'ajv/dist/2020.js', 'msw', '@scope/name'].map(packageOf)).toEqual(['@opsmerge/sdk', 'ajv', 'msw', '@scope/name']);
  });
});
