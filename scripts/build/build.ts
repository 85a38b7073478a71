/**
 * `npm run build`: each package's dist/, beside its package.json in packages/<folder>/.
 *
 * JavaScript: esbuild bundles each package's entries (scripts/build/packages.ts) into one ESM
 * file each, with code splitting so code shared by several entries of one package sits in
 * shared chunks and exists once (`ApiError` from `@opsmerge/sdk` and `@opsmerge/sdk/core` is
 * the same class). Other packages stay external — `@opsmerge/*` too: esbuild would otherwise
 * follow tsconfig.json's `paths` into the sources and copy the SDK into the mocks and the CLI.
 *
 *   packages/sdk/dist/src/{index,core,oauth/index,redis}.js, src/chunks/*.js
 *   packages/sdk/dist/openapi.json (+ .d.cts)    `@opsmerge/sdk/openapi.json`, byte for byte
 *   packages/mocks/dist/{index,node-server,validate,scenarios}.js, chunks/*.js
 *   packages/cli/dist/main.js                     loaded by packages/cli/bin/opsmerge.mjs
 *
 * Types: one tsc run (tsconfig.build.json, declarations only) in the source layout, then each
 * source folder's declarations go to the package that ships it. The mocks' declarations import
 * the SDK by its name, as the sources do.
 *
 * Then every built file's imports are checked: relative ones stay inside the package, bare ones
 * are the package itself, its dependencies or peers (or `node:*`), and an entry marked so
 * (`mustNotImport`) does not load msw. The build fails otherwise.
 *
 *   --out DIR        the folder holding the packages' folders (default packages/; the
 *                    package tests and the bench build into a staging copy)
 *   --package NAME   build only this package (repeatable; default all three)
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { PACKAGES, type PackageSpec } from './packages.js';

const root = join(import.meta.dirname, '..', '..');
/** Types of `@opsmerge/sdk/openapi.json`: an OpenAPI 3.1 document, loosely. */
function openapiJsonTypes(version: string): string {
  return `/**
 * The bundled OpenAPI 3.1 description of the OpsMerge API v1 (info.version ${version}), the
 * source the SDK is generated from.
 *
 * @example
 * \`\`\`ts
 * import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };
 * console.log(spec.info.version, Object.keys(spec.paths).length);
 * \`\`\`
 */
declare const spec: {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly [key: string]: unknown };
  readonly servers: ReadonlyArray<{ readonly url: string; readonly description?: string }>;
  readonly paths: { readonly [path: string]: { readonly [method: string]: unknown } };
  readonly components: { readonly [kind: string]: { readonly [name: string]: unknown } };
  readonly [key: string]: unknown;
};
export = spec;
`;
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Declarations of the sources, in the source layout, in a temporary folder. */
async function emitDeclarations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'opsmerge-types-'));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', dir, '--emitDeclarationOnly'], { cwd: root, maxBuffer: 16 << 20 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    await rm(dir, { recursive: true, force: true });
    throw new Error(`tsc -p tsconfig.build.json failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  return dir;
}

async function bundle(pkg: PackageSpec, dist: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: pkg.entries.map((e) => ({ out: e.out, in: e.source })),
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // Keep `with { type: 'json' }` on the spec import (Node ≥ 20.10); es2022 alone would drop it.
    supported: { 'import-attributes': true },
    packages: 'external',
    external: ['node:*', '@opsmerge/*'],
    chunkNames: pkg.chunkNames,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  return result.metafile;
}

/** What each built file of a package imports that it may not (see the header). */
export function importProblems(pkg: PackageSpec, manifest: Manifest, metafile: Metafile, declarations: ReadonlyMap<string, string>, dist: string): string[] {
  const allowed = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const problems: string[] = [];
  const name = (file: string): string => relative(dist, resolve(root, file));
  const checkBare = (file: string, specifier: string): void => {
    if (!specifier.startsWith('node:') && !allowed.has(packageOf(specifier))) problems.push(`${pkg.name}: ${file} imports "${specifier}", which is not a dependency or peer in its package.json`);
  };
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const i of output.imports) if (i.external) checkBare(name(file), i.path);
  }
  for (const entry of pkg.entries.filter((e) => e.mustNotImport)) {
    // The entry and the chunks it loads statically: the packages they import.
    const loaded = new Set<string>();
    const queue = Object.keys(metafile.outputs).filter((f) => metafile.outputs[f]!.entryPoint === entry.source);
    for (const seen = new Set<string>(); queue.length > 0; ) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const i of metafile.outputs[file]!.imports) {
        if (i.kind !== 'import-statement') continue;
        if (i.external) loaded.add(packageOf(i.path));
        else queue.push(i.path);
      }
    }
    for (const banned of entry.mustNotImport!) if (loaded.has(banned)) problems.push(`${pkg.name}: ${entry.out}.js loads ${banned} (marked mustNotImport)`);
  }
  for (const [file, text] of declarations) {
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!specifier.startsWith('.')) {
        checkBare(file, specifier);
        continue;
      }
      const target = join(dirname(file), specifier).replace(/\.js$/, '.d.ts');
      if (target.startsWith('..') || !declarations.has(target)) problems.push(`${pkg.name}: ${file} imports "${specifier}", which is not in the package`);
    }
  }
  return problems;
}

async function buildPackage(pkg: PackageSpec, types: string, out: string): Promise<{ files: number; problems: string[] }> {
  const folder = join(out, pkg.folder);
  const dist = join(folder, 'dist');
  await rm(dist, { recursive: true, force: true });
  const metafile = await bundle(pkg, dist);
  for (const [from, to] of Object.entries(pkg.declarations)) await cp(join(types, from), join(dist, to), { recursive: true });
  if (pkg.name === '@opsmerge/sdk') {
    // tsc re-serialises imported JSON; ship the spec exactly as generated.
    const spec = await readFile(join(root, 'generated', 'openapi.json'), 'utf8');
    await writeFile(join(dist, 'openapi.json'), spec);
    await writeFile(join(dist, 'openapi.json.d.cts'), openapiJsonTypes((JSON.parse(spec) as { info: { version: string } }).info.version));
  }
  const declarations = new Map<string, string>();
  for await (const file of walk(dist)) if (/\.d\.c?ts$/.test(file)) declarations.set(relative(dist, file), await readFile(file, 'utf8'));
  const manifest = JSON.parse(await readFile(join(root, 'packages', pkg.folder, 'package.json'), 'utf8')) as Manifest;
  return { files: Object.keys(metafile.outputs).length, problems: importProblems(pkg, manifest, metafile, declarations, dist) };
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'packages') }, package: { type: 'string', multiple: true } } });
  const out = resolve(values.out);
  const unknown = (values.package ?? []).filter((name) => !PACKAGES.some((p) => p.name === name));
  if (unknown.length > 0) {
    console.error(`--package: no package ${unknown.join(', ')}; the packages are ${PACKAGES.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  const selected = values.package ? PACKAGES.filter((p) => values.package!.includes(p.name)) : PACKAGES;
  const started = Date.now();
  await mkdir(out, { recursive: true });
  const types = await emitDeclarations().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
  try {
    const results = await Promise.all(selected.map((pkg) => buildPackage(pkg, types, out)));
    const problems = results.flatMap((r) => r.problems);
    if (problems.length > 0) {
      console.error(`The packages import what they do not declare:\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    const where = out === join(root, 'packages') ? 'packages/*/dist/' : out;
    console.log(`built ${where} (${selected.map((p, i) => `${p.name} ${results[i]!.files} files`).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await rm(types, { recursive: true, force: true });
  }
}
