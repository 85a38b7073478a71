/**
 * §4 Size: every entry bundled the same way — esbuild, ESM, minified, `platform: 'neutral'`,
 * dependencies included — then gzipped (level 9). The metafile says which modules the bytes
 * come from.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import * as generated from '../../generated/operations.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SizeRow {
  name: string;
  what: string;
  minBytes: number;
  gzipBytes: number;
  /** Node built-ins left out of the bundle (they cannot be bundled for a neutral platform). */
  external: string[];
  /** The largest modules, by minified bytes in the output. */
  top: { module: string; bytes: number }[];
  /** Minified bytes by part of our SDK (see AREAS). */
  areas: { area: string; bytes: number }[];
  /** Modules in the bundle. */
  modules: number;
}

/** The parts of the SDK a reader can act on, by module path. First match wins. */
const AREAS: [string, RegExp][] = [
  ['operations table (`generated/operations.ts`)', /generated\/operations/],
  ['openapi-fetch', /openapi-fetch/],
  ['errors (`src/errors.ts`)', /src\/errors\.ts/],
  ['OAuth (`src/oauth/`)', /src\/oauth\//],
  ['Redis store (`src/rate-limit/redis-*`)', /src\/rate-limit\/redis/],
  ['header parsers (`src/headers/`)', /src\/headers\//],
  ['policies (`src/transport/`)', /src\/transport\//],
  ['facade + pagination', /src\/(facade\/|pagination)/],
  ['internal helpers (`src/internal/`)', /src\/internal\//],
  ['the rest of `src/`', /src\//],
];

function areas(metafile: Metafile): { area: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const [module, { bytesInOutput }] of Object.entries(Object.values(metafile.outputs)[0]?.inputs ?? {})) {
    const area = AREAS.find(([, match]) => match.test(module))?.[0] ?? 'other';
    totals.set(area, (totals.get(area) ?? 0) + bytesInOutput);
  }
  return [...totals].map(([area, bytes]) => ({ area, bytes })).sort((a, b) => b.bytes - a.bytes);
}

interface Entry {
  name: string;
  what: string;
  /** A module to bundle as the entry (every export kept), or source that imports what it needs. */
  entry: { path: string } | { contents: string };
  plugins?: Plugin[];
}

/** Modules rewritten for a what-if build; a rewrite that no longer matches the source is reported. */
const stale = new Set<string>();

/** Replaces a module of ours (its source, given the original), to weigh what a build without it would be. */
function rewrite(file: string, contents: (original: string) => string): Plugin {
  return {
    name: `rewrite ${file}`,
    setup(b) {
      b.onLoad({ filter: new RegExp(`${file.replace(/[.*+?^$()|[\]\\/]/g, '\\$&')}$`) }, async (args) => {
        const original = await readFile(args.path, 'utf8');
        const changed = contents(original);
        if (changed === original) stale.add(file);
        return { contents: changed, loader: 'ts' };
      });
    },
  };
}

/** The fields of an operation the runtime reads (grep `op.` in src/); summary, tag, family and scopes are docs. */
const RUNTIME_FIELDS = ['operationId', 'resource', 'name', 'method', 'path', 'stability', 'deprecated', 'deprecatedAt', 'sunset', 'successor', 'paginated', 'idempotencyKey', 'rateLimitGroup', 'pathParams', 'queryParams', 'body'];

/** `generated/operations.ts` with only the fields the runtime reads: what a runtime-only table would weigh. */
function runtimeOperations(): string {
  const slim = Object.fromEntries(Object.entries(generated.operations).map(([id, op]) => [id, Object.fromEntries(RUNTIME_FIELDS.map((f) => [f, (op as Record<string, unknown>)[f]]))]));
  return [
    `export const operations = ${JSON.stringify(slim)};`,
    `export const rateLimitGroups = ${JSON.stringify(generated.rateLimitGroups)};`,
    `export const apiVersion = ${JSON.stringify(generated.apiVersion)};`,
    `export const servers = ${JSON.stringify(generated.servers)};`,
    `export function findOperation(method: string, path: string) { return Object.values(operations).find((op) => op.method === method.toUpperCase() && op.path === path); }`,
  ].join('\n');
}

const OPTIONAL_ENTRIES = rewrite('src/index.ts', (source) =>
  source.replace("export * from './oauth/index.js';", '').replace(/export \{[^}]*\} from '\.\/rate-limit\/redis-store\.js';/, ''),
);
const RUNTIME_TABLE = rewrite('generated/operations.ts', runtimeOperations);

const resolvePkg = (name: string): string => fileURLToPath(import.meta.resolve(name));

export const ENTRIES: Entry[] = [
  { name: '@opsmerge/sdk core entry', what: '`src/index.ts`, every export (the `.` entry)', entry: { path: `${ROOT}src/index.ts` } },
  {
    name: '@opsmerge/sdk, createClient only',
    what: '`import { createClient }`, tree-shaken: pipeline + low-level + facade (the facade is built by createClient)',
    entry: { contents: `export { createClient } from ${JSON.stringify(`${ROOT}src/index.ts`)};` },
  },
  {
    name: '@opsmerge/sdk, createClient without the facade',
    what: 'the same with `src/facade/resources.ts` stubbed: what a low-level-only core would weigh',
    entry: { contents: `export { createClient } from ${JSON.stringify(`${ROOT}src/index.ts`)};` },
    plugins: [rewrite('src/facade/resources.ts', () => 'export function createResources() { return {}; }')],
  },
  {
    name: 'what if: OAuth and the Redis store in their own entries',
    what: 'the core entry without `./oauth` and `./rate-limit/redis-store` (subpaths `@opsmerge/sdk/oauth`, `@opsmerge/sdk/redis` instead)',
    entry: { path: `${ROOT}src/index.ts` },
    plugins: [OPTIONAL_ENTRIES],
  },
  { name: 'what if: runtime-only operations table', what: 'the core entry with `generated/operations.ts` keeping only the fields the runtime reads', entry: { path: `${ROOT}src/index.ts` }, plugins: [RUNTIME_TABLE] },
  { name: 'what if: both', what: 'the two changes above together', entry: { path: `${ROOT}src/index.ts` }, plugins: [OPTIONAL_ENTRIES, RUNTIME_TABLE] },
  { name: 'openapi-fetch', what: 'its entry', entry: { path: resolvePkg('openapi-fetch') } },
  { name: 'ky', what: 'its entry', entry: { path: resolvePkg('ky') } },
  { name: '@octokit/core', what: 'its entry', entry: { path: resolvePkg('@octokit/core') } },
  { name: 'openai', what: 'its entry', entry: { path: resolvePkg('openai') } },
];

function topModules(metafile: Metafile, count: number): { module: string; bytes: number }[] {
  const output = Object.values(metafile.outputs)[0];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([module, { bytesInOutput }]) => ({ module: module.replace(/^.*node_modules\//, 'node_modules/'), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

export async function measureSize(entry: Entry): Promise<SizeRow> {
  stale.clear();
  const external = new Set<string>();
  const builtins: Plugin = {
    name: 'node built-ins',
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => {
        external.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    ...('path' in entry.entry ? { entryPoints: [entry.entry.path] } : { stdin: { contents: entry.entry.contents, resolveDir: ROOT, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [builtins, ...(entry.plugins ?? [])],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    name: entry.name,
    what: stale.size ? `${entry.what} — **not applied**: ${[...stale].join(', ')} no longer has the lines this rewrites` : entry.what,
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    external: [...external].sort(),
    top: topModules(result.metafile, 12),
    areas: areas(result.metafile),
    modules: Object.keys(Object.values(result.metafile.outputs)[0]?.inputs ?? {}).length,
  };
}

export async function runSize(log: (line: string) => void): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const entry of ENTRIES) rows.push(await measureSize(entry));
  log('size: done');
  return rows;
}
