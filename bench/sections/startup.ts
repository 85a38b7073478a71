/**
 * §5 Start-up, measured on what an integrator installs: the package built by `scripts/build/build.ts`
 * into a temporary directory (`bench/lib/build-package.ts`).
 *
 * Import time: `await import()` timed inside a fresh `node` per import (no tsx in that process),
 * rounds interleaved; ours imported by its package specifier from a consumer directory, so
 * resolution goes through `package.json` `exports` as it does for a user.
 *
 * Type-check time: `tsc --noEmit` over the project's 20-method consumer file (`test/types/consumer.ts`)
 * in a consumer project made by `tsc --init`, importing `@opsmerge/sdk` from the built package
 * (its `.d.ts`) — with `skipLibCheck` as `tsc --init` sets it (true) and with false — beside the
 * same file compiled with the SDK's sources in the program (the project's options), and empty files.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { BenchConfig } from '../config.js';
import type { BuiltPackage, PackageEntry, Subpath } from '../lib/build-package.js';
import type { SdkBuilds } from '../lib/build-sdk.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

export const CORE_IMPORT = 'ours: `@opsmerge/sdk/core` (built package)';
export const FULL_IMPORT = 'ours: `@opsmerge/sdk`, the full entry (built package)';
export const BUNDLED_IMPORT = 'ours: `@opsmerge/sdk`, all of it bundled into one file';
export const CORE_CREATE = 'ours: `@opsmerge/sdk/core`, import + createCoreClient()';
export const FULL_CREATE = 'ours: `@opsmerge/sdk`, import + createClient()';
export const OPENAPI_CREATE = 'openapi-fetch, import + createClient()';
/**
 * The one-file bundle row is measured only while the published full entry loads more files
 * than this: once the package ships bundled entries it no longer says anything new.
 */
export const BUNDLE_ROW_MIN_FILES = 10;

export const INTEGRATOR_TSC = 'integrator: consumer file → built `@opsmerge/sdk`, `tsc --init` options (skipLibCheck: true)';
export const INTEGRATOR_TSC_LIBCHECK = 'integrator: the same, skipLibCheck: false';
export const INTEGRATOR_EMPTY = 'integrator: empty file, `tsc --init` options (the fixed cost)';
export const CONSUMER_TSC = 'consumer file + the SDK sources, the project’s options (information)';
export const PROJECT_EMPTY = 'empty file, the project’s options (lib.dom, @types/node)';

export interface ImportRow {
  name: string;
  ms: number[];
  /** Why there are no times ("not built") or what creating the client threw. */
  note?: string;
}

export interface TscRow {
  name: string;
  wallMs: number[];
  checkMs: number[];
  totalMs: number[];
  files: number;
  linesOfTypeScript: number;
  /** Lines of `.d.ts` outside the TypeScript lib (the SDK's declarations, openapi-fetch's, @types/node). */
  linesOfDefinitions: number;
  /** Type errors `tsc` reported (largest over rounds), and the first one. */
  errors: number;
  firstError?: string;
}

export interface StartupResult {
  imports: ImportRow[];
  tsc: TscRow[];
  /** Lines of `generated/schema.ts`. */
  schemaLines: number;
  /** The compiler options `tsc --init` wrote for the consumer project. */
  initOptions: Record<string, unknown>;
  /** Bytes of the file `import 'openapi-fetch'` loads (its whole runtime). */
  openapiFetchBytes: number;
  /** The built package: each entry, whether it was emitted and exported, what importing it loads. */
  package: { buildMs: number; entries: { subpath: Subpath; specifier: string; built: boolean; exported: boolean; files?: number; bytes?: number; packages?: string[] }[] };
}

/**
 * Tool output without this machine's paths (results.md is committed): a file location keeps only
 * the file's name, and any other mention of the repository or the temporary directory becomes "…/".
 */
async function scrubber(pkg: BuiltPackage): Promise<(text: string) => string> {
  const dirs = [ROOT, `${pkg.dir}/`, `${await realpath(pkg.dir)}/`, `${tmpdir()}/`, `${homedir()}/`];
  const all = [...new Set([...dirs, ...dirs.map((d) => d.slice(1))])].filter((d) => d.length > 2).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text.replace(/(?:[^\s'"`(]*\/)?([^\s/'"`(]+\.(?:d\.)?[cm]?tsx?)\((\d+),(\d+)\)/g, '$1($2,$3)');
    for (const dir of all) out = out.replaceAll(dir, '…/');
    return out;
  };
}

interface Run {
  stdout: string;
  ms: number;
  code: number | null;
}

function run(args: string[], cwd = ROOT, okCodes: readonly number[] = [0]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code !== null && okCodes.includes(code) ? resolve({ stdout, ms: performance.now() - started, code }) : reject(new Error(`${args.join(' ')} exited with ${code}:\n${stdout}`)),
    );
  });
}

interface ImportTarget {
  name: string;
  /** The probe and its arguments; undefined when there is nothing to import (the row's note says why). */
  probe?: { script: string; args: string[] };
  note?: string;
}

/** How a user's file imports the entry: by its package specifier when exported, else (not yet exported) by its file. */
function ours(pkg: BuiltPackage, subpath: Subpath, name: string, construct?: string): ImportTarget {
  const entry = pkg.entries.find((e) => e.subpath === subpath) as PackageEntry;
  if (!entry.file) return { name, note: 'not built' };
  const specifier = entry.exported ? entry.specifier : pathToFileURL(entry.file).href;
  return { name, probe: { script: join(pkg.consumer, 'import-probe.mjs'), args: [specifier, ...(construct ? [construct] : [])] } };
}

async function measureImports(sdks: SdkBuilds, pkg: BuiltPackage, rounds: number, scrub: (text: string) => string): Promise<ImportRow[]> {
  await copyFile(PROBE, join(pkg.consumer, 'import-probe.mjs'));
  const peer = (name: string, ...args: string[]): ImportTarget => ({ name, probe: { script: PROBE, args } });
  const full = pkg.entries.find((e) => e.subpath === '.');
  const targets: ImportTarget[] = [
    peer('openapi-fetch', 'openapi-fetch'),
    ours(pkg, './core', CORE_IMPORT),
    ours(pkg, '.', FULL_IMPORT),
    ...((full?.graph?.files ?? 0) > BUNDLE_ROW_MIN_FILES ? [peer(BUNDLED_IMPORT, sdks.bundle)] : []),
    peer(OPENAPI_CREATE, 'openapi-fetch', 'openapi-fetch'),
    ours(pkg, './core', CORE_CREATE, 'createCoreClient'),
    ours(pkg, '.', FULL_CREATE, 'createClient'),
    peer('ky', 'ky'),
    peer('@octokit/core', '@octokit/core'),
    peer('openai', 'openai'),
  ];
  const results: ImportRow[] = targets.map((t) => ({ name: t.name, ms: [], ...(t.note ? { note: t.note } : {}) }));
  for (let round = -1; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      if (!target.probe) continue;
      const { stdout } = await run([target.probe.script, ...target.probe.args], join(target.probe.script, '..'));
      const probe = JSON.parse(stdout) as { ms: number; error?: string };
      const row = results[i] as ImportRow;
      if (probe.error) row.note = scrub(probe.error);
      else if (round >= 0) row.ms.push(probe.ms); // round -1 warms the file cache
    }
  }
  return results.map((r) => (r.note && r.note !== 'not built' ? { ...r, ms: [] } : r));
}

interface TscProject {
  name: string;
  /** Directory to run tsc in, and its project file. */
  cwd: string;
  project: string;
}

/** The consumer file, importing the package by name instead of `../../src/`. */
async function consumerSource(replacement: string): Promise<string> {
  const source = await readFile(`${ROOT}test/types/consumer.ts`, 'utf8');
  const replaced = source.replaceAll("'../../src/index.js'", `'${replacement}'`);
  if (replaced.includes("'../../")) throw new Error('test/types/consumer.ts imports more than ../../src/index.js: teach bench/sections/startup.ts its other imports');
  return replaced;
}

/**
 * The integrator's projects (consumer and empty, `tsc --init`, in the built package's temporary
 * directory) and the project-options ones (in the run's work directory, `extends` the repository's tsconfig).
 * Without `slow` (the smoke run), the two that take seconds each are written but not run.
 */
async function writeTscProjects(pkg: BuiltPackage, work: string, slow: boolean): Promise<{ projects: TscProject[]; initOptions: Record<string, unknown> }> {
  const consumer = pkg.consumer;
  const empty = join(pkg.dir, 'empty');
  await mkdir(empty, { recursive: true });
  const packageJson = `${JSON.stringify({ name: 'opsmerge-bench-consumer', private: true, type: 'module' }, null, 2)}\n`;
  await run([TSC, '--init'], consumer);
  await writeFile(join(consumer, 'package.json'), packageJson);
  await writeFile(join(consumer, 'consumer.ts'), await consumerSource('@opsmerge/sdk'));
  await writeFile(join(consumer, 'tsconfig.lib-check.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { skipLibCheck: false } }, null, 2));
  await copyFile(join(consumer, 'tsconfig.json'), join(empty, 'tsconfig.json'));
  await writeFile(join(empty, 'package.json'), packageJson);
  await writeFile(join(empty, 'index.ts'), 'export {};\n');
  // The options as `tsc --init` wrote them (JSON with comments), not the ones they imply.
  const written = ts.parseConfigFileTextToJson('tsconfig.json', await readFile(join(consumer, 'tsconfig.json'), 'utf8')).config as { compilerOptions?: Record<string, unknown> } | undefined;

  const dir = `${work}tsc/`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}consumer.ts`, await consumerSource(`${ROOT}src/index.js`));
  await writeFile(`${dir}empty.ts`, 'export {};\n');
  const tsconfig = (file: string): string => JSON.stringify({ extends: `${ROOT}tsconfig.json`, include: [], files: [file] }, null, 2);
  await writeFile(`${dir}tsconfig.consumer.json`, tsconfig('consumer.ts'));
  await writeFile(`${dir}tsconfig.empty.json`, tsconfig('empty.ts'));
  return {
    projects: [
      { name: INTEGRATOR_TSC, cwd: consumer, project: 'tsconfig.json' },
      ...(slow ? [{ name: INTEGRATOR_TSC_LIBCHECK, cwd: consumer, project: 'tsconfig.lib-check.json' }] : []),
      { name: INTEGRATOR_EMPTY, cwd: empty, project: 'tsconfig.json' },
      ...(slow ? [{ name: CONSUMER_TSC, cwd: dir, project: 'tsconfig.consumer.json' }] : []),
      { name: PROJECT_EMPTY, cwd: dir, project: 'tsconfig.empty.json' },
    ],
    initOptions: written?.compilerOptions ?? {},
  };
}

async function measureTsc(projects: TscProject[], rounds: number, scrub: (text: string) => string): Promise<TscRow[]> {
  const results: TscRow[] = projects.map((p) => ({ name: p.name, wallMs: [], checkMs: [], totalMs: [], files: 0, linesOfTypeScript: 0, linesOfDefinitions: 0, errors: 0 }));
  const seconds = (out: string, label: string): number => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(out)?.[1] ?? Number.NaN) * 1000;
  const count = (out: string, label: string): number => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? Number.NaN);
  for (let round = 0; round < rounds; round++) {
    for (const [i, p] of projects.entries()) {
      // Exit codes 1 and 2: type errors were reported. The time still counts; the errors are shown.
      const { stdout, ms } = await run([TSC, '-p', p.project, '--noEmit', '--extendedDiagnostics'], p.cwd, [0, 1, 2]);
      const errors = stdout.split('\n').filter((line) => /error TS\d+/.test(line));
      const row = results[i] as TscRow;
      row.wallMs.push(ms);
      row.checkMs.push(seconds(stdout, 'Check time'));
      row.totalMs.push(seconds(stdout, 'Total time'));
      row.files = count(stdout, 'Files');
      row.linesOfTypeScript = count(stdout, 'Lines of TypeScript');
      row.linesOfDefinitions = count(stdout, 'Lines of Definitions');
      if (errors.length > row.errors) {
        row.errors = errors.length;
        row.firstError = scrub(errors[0]?.trim() ?? '');
      }
    }
  }
  return results;
}

export async function runStartup(sdks: SdkBuilds, pkg: BuiltPackage, work: string, config: BenchConfig['startup'], log: (line: string) => void): Promise<StartupResult> {
  const scrub = await scrubber(pkg);
  const imports = await measureImports(sdks, pkg, config.importRounds, scrub);
  log('start-up: imports done');
  const { projects, initOptions } = await writeTscProjects(pkg, work, config.slowTsc);
  const tsc = await measureTsc(projects, config.tscRounds, scrub);
  const openapiFetchBytes = (await stat(fileURLToPath(import.meta.resolve('openapi-fetch')))).size;
  const schemaLines = (await readFile(`${ROOT}generated/schema.ts`, 'utf8')).split('\n').length;
  log('start-up: tsc done');
  return {
    imports,
    tsc,
    schemaLines,
    initOptions,
    openapiFetchBytes,
    package: {
      buildMs: pkg.buildMs,
      entries: pkg.entries.map((e) => ({ subpath: e.subpath, specifier: e.specifier, built: e.file !== undefined, exported: e.exported, ...(e.graph ? { files: e.graph.files, bytes: e.graph.bytes, packages: e.graph.packages } : {}) })),
    },
  };
}
