/**
 * The three published packages: where each one's manifest lives, which sources each of its
 * entries bundles, and which declarations it ships. The build (build.ts), the package tests
 * (test/package/) and the bench (bench/lib/build-package.ts) all read this one description.
 */

/** One JavaScript entry of a package. */
export interface PackageEntry {
  /** The `exports` subpath (`.`, `./core`…); undefined for a file only the bin loads. */
  readonly subpath: string | undefined;
  /** The source it bundles, relative to the repository root. */
  readonly source: string;
  /** The output below the package's dist/, without `.js`. */
  readonly out: string;
  /** Packages this entry must not load, even indirectly (checked on the built bundle). */
  readonly mustNotImport?: readonly string[];
}

/** One published package. */
export interface PackageSpec {
  readonly name: '@opsmerge/sdk' | '@opsmerge/mocks' | '@opsmerge/cli';
  /** Its folder below packages/ (package.json, README.md, LICENSE, CHANGELOG.md, dist/). */
  readonly folder: 'sdk' | 'mocks' | 'cli';
  readonly entries: readonly PackageEntry[];
  /** Shared chunks, below dist/. */
  readonly chunkNames: string;
  /** Declarations it ships: a folder of tsc's output (the source layout) → a folder below dist/. */
  readonly declarations: Readonly<Record<string, string>>;
}

export const PACKAGES: readonly PackageSpec[] = [
  {
    name: '@opsmerge/sdk',
    folder: 'sdk',
    entries: [
      { subpath: '.', source: 'src/index.ts', out: 'src/index' },
      { subpath: './core', source: 'src/core.ts', out: 'src/core' },
      { subpath: './oauth', source: 'src/oauth/index.ts', out: 'src/oauth/index' },
      { subpath: './redis', source: 'src/redis.ts', out: 'src/redis' },
    ],
    chunkNames: 'src/chunks/[name]-[hash]',
    // src/*.d.ts import ../generated/*.js: the two folders keep their relative places.
    declarations: { src: 'src', generated: 'generated' },
  },
  {
    name: '@opsmerge/mocks',
    folder: 'mocks',
    entries: [
      { subpath: '.', source: 'mocks/index.ts', out: 'index' },
      { subpath: './server', source: 'mocks/node-server.ts', out: 'node-server' },
      // The CLI's `contract` and `--help` load these two without msw installed.
      { subpath: './validate', source: 'mocks/validate.ts', out: 'validate', mustNotImport: ['msw'] },
      { subpath: './scenarios', source: 'mocks/scenarios.ts', out: 'scenarios', mustNotImport: ['msw'] },
    ],
    chunkNames: 'chunks/[name]-[hash]',
    declarations: { mocks: '.' },
  },
  {
    name: '@opsmerge/cli',
    folder: 'cli',
    // bin/opsmerge.mjs checks the Node version, then imports dist/main.js.
    entries: [{ subpath: undefined, source: 'cli/main.ts', out: 'main', mustNotImport: ['msw', '@stoplight/prism-cli'] }],
    chunkNames: 'chunks/[name]-[hash]',
    declarations: {},
  },
];

/** The package named `name`. */
export function packageSpec(name: PackageSpec['name']): PackageSpec {
  const spec = PACKAGES.find((p) => p.name === name);
  if (!spec) throw new Error(`no package ${name}`);
  return spec;
}
