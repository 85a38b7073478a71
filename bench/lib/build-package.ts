/**
 * `@opsmerge/sdk` as an integrator installs it: `scripts/build/build.ts --package @opsmerge/sdk
 * --out` into a temporary directory outside the repository, next to its `package.json`, and a
 * consumer project that reaches it through `node_modules/@opsmerge/sdk` (a symlink), so imports
 * resolve through `package.json` `exports` and the emitted `.d.ts`, never through `src/`.
 *
 *   <tmp>/packages/sdk/package.json   packages/sdk/package.json (its `exports`)
 *   <tmp>/packages/sdk/dist/          what `npm run build` emits for the SDK
 *   <tmp>/packages/sdk/node_modules   symlink to the repository's node_modules: the package's dependencies
 *   <tmp>/consumer/node_modules/@opsmerge/sdk  symlink to <tmp>/packages/sdk
 *
 * The temporary directory is outside the repository on purpose: a consumer project inside it
 * would see the repository's `node_modules/@types`.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packageSpec } from '../../scripts/build/packages.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SDK = packageSpec('@opsmerge/sdk');

/** The entries the bench measures, by their `package.json` export. */
export const PACKAGE_ENTRIES = [
  { subpath: '.', source: 'src/index.ts', dist: 'dist/src/index.js' },
  { subpath: './core', source: 'src/core.ts', dist: 'dist/src/core.js' },
  { subpath: './oauth', source: 'src/oauth/index.ts', dist: 'dist/src/oauth/index.js' },
  { subpath: './redis', source: 'src/redis.ts', dist: 'dist/src/redis.js' },
] as const satisfies ReadonlyArray<{ subpath: string; source: string; dist: string }>;

// The list above is what §5 reports on; the build's list of the SDK's entries is the truth.
for (const e of PACKAGE_ENTRIES) {
  if (!SDK.entries.some((x) => x.subpath === e.subpath && x.source === e.source && `dist/${x.out}.js` === e.dist)) throw new Error(`bench: ${e.subpath} is not an entry of ${SDK.name} as scripts/build/packages.ts describes it`);
}

export type Subpath = (typeof PACKAGE_ENTRIES)[number]['subpath'];

/** What an import of one entry loads from the built package (static imports followed from its file). */
export interface EntryGraph {
  /** Files of the package it loads, the entry's own included. */
  files: number;
  /** Their bytes. */
  bytes: number;
  /** Packages it imports (bare specifiers), e.g. openapi-fetch. */
  packages: string[];
}

export interface PackageEntry {
  subpath: Subpath;
  /** `@opsmerge/sdk` or `@opsmerge/sdk/<name>`. */
  specifier: string;
  /** Absolute path of the built JavaScript, or undefined when the build did not emit it. */
  file: string | undefined;
  /** `package.json` has this subpath in `exports`. */
  exported: boolean;
  graph: EntryGraph | undefined;
}

export interface BuiltPackage {
  /** The temporary directory holding everything below; the caller removes it. */
  dir: string;
  /** The package directory (`package.json`, `dist/`). */
  pkg: string;
  /** The consumer project directory (`node_modules/@opsmerge/sdk` → the package). */
  consumer: string;
  entries: PackageEntry[];
  buildMs: number;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** The JavaScript file an export points at (`default` or `import` condition), if it is a plain path. */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  const entry = (exports as Record<string, unknown> | undefined)?.[subpath];
  if (typeof entry === 'string') return entry;
  const conditions = entry as Record<string, unknown> | undefined;
  const target = conditions?.import ?? conditions?.default;
  return typeof target === 'string' ? target : undefined;
}

/**
 * What importing a built file loads: esbuild resolves its static imports (a parser, so imports in
 * comments and strings do not count; dynamic `import()` is not followed, it does not run at import).
 */
export async function entryGraph(file: string): Promise<EntryGraph> {
  const result = await build({ entryPoints: [file], bundle: true, write: false, metafile: true, packages: 'external', platform: 'node', format: 'esm', logLevel: 'silent' });
  const inputs = result.metafile.inputs;
  const key = Object.keys(inputs).find((k) => resolve(k) === file || resolve(process.cwd(), k) === file) ?? Object.keys(inputs)[0];
  const seen = new Set<string>();
  const packages = new Set<string>();
  let bytes = 0;
  for (const queue = key ? [key] : []; queue.length > 0; ) {
    const next = queue.pop() as string;
    if (seen.has(next) || !inputs[next]) continue;
    seen.add(next);
    bytes += inputs[next].bytes;
    for (const i of inputs[next].imports) {
      if (i.kind !== 'import-statement') continue;
      if (!i.external) queue.push(i.path);
      else if (!i.path.startsWith('node:')) packages.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : (i.path.split('/')[0] ?? i.path));
    }
  }
  return { files: seen.size, bytes, packages: [...packages].sort() };
}

function run(args: string[], cwd: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.map((a) => (a.startsWith(ROOT) ? relative(ROOT, a) : a)).join(' ')} exited with ${code}:\n${output}`))));
  });
}

/**
 * Builds the SDK with `scripts/build/build.ts --out` into a new temporary directory and sets up the
 * consumer project beside it. Throws (with the build's output) when the build fails.
 */
export async function buildPackage(): Promise<BuiltPackage> {
  const dir = await mkdtemp(join(tmpdir(), 'opsmerge-bench-pkg-'));
  // build.ts writes <out>/<folder>/dist.
  const pkg = join(dir, 'packages', SDK.folder);
  const consumer = join(dir, 'consumer');
  const started = performance.now();
  await mkdir(pkg, { recursive: true });
  try {
    await run(['--import', 'tsx', `${ROOT}scripts/build/build.ts`, '--package', SDK.name, '--out', join(dir, 'packages')], ROOT);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`the package does not build, so §5 cannot measure it: ${(error as Error).message}`);
  }
  const buildMs = performance.now() - started;
  const manifest = join(ROOT, 'packages', SDK.folder, 'package.json');
  await copyFile(manifest, join(pkg, 'package.json'));
  await symlink(`${ROOT}node_modules`, join(pkg, 'node_modules'), 'dir');
  await mkdir(join(consumer, 'node_modules', '@opsmerge'), { recursive: true });
  await symlink(pkg, join(consumer, 'node_modules', '@opsmerge', 'sdk'), 'dir');

  const { exports } = JSON.parse(await readFile(manifest, 'utf8')) as { exports?: unknown };
  const entries: PackageEntry[] = [];
  for (const e of PACKAGE_ENTRIES) {
    const target = exportTarget(exports, e.subpath);
    const file = join(pkg, target ?? e.dist);
    const built = await exists(file);
    entries.push({
      subpath: e.subpath,
      specifier: e.subpath === '.' ? '@opsmerge/sdk' : `@opsmerge/sdk/${e.subpath.slice(2)}`,
      file: built ? file : undefined,
      exported: target !== undefined,
      graph: built ? await entryGraph(file) : undefined,
    });
  }
  return { dir, pkg, consumer, entries, buildMs };
}
