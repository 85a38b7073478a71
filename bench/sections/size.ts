/**
 * §4 Size: every entry bundled the same way — esbuild, ESM, minified, `platform: 'neutral'`,
 * dependencies included (peer dependencies and Node built-ins left out) — then gzipped (level 9).
 * The metafile says which modules the bytes come from.
 *
 * Our entries are the package's exports, bundled from their sources: `@opsmerge/sdk/core`
 * (`src/core.ts`, the entry the ≤ 16 kB target judges), the full `.` entry (`src/index.ts`), the
 * `.` entry tree-shaken to `createClient`, `@opsmerge/sdk/oauth` and `@opsmerge/sdk/redis`. An
 * entry whose source does not exist yet is reported as "not built".
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Which row a reader (report, findings) looks up. */
export type SizeId = 'core' | 'full' | 'createClient' | 'oauth' | 'redis' | 'no-facade' | 'whatif-entries' | 'whatif-table' | 'whatif-minimal-core' | 'openapi-fetch' | 'ky' | '@octokit/core' | 'openai';

export interface SizeRow {
  id: SizeId;
  name: string;
  what: string;
  /** False when the entry's source does not exist (yet): no bytes. */
  built: boolean;
  minBytes: number;
  gzipBytes: number;
  /** Node built-ins and peer dependencies left out of the bundle. */
  external: string[];
  /** The largest modules, by minified bytes in the output. */
  top: { module: string; bytes: number }[];
  /** Minified bytes by part of our SDK (see AREAS). */
  areas: { area: string; bytes: number }[];
  /** Modules in the bundle. */
  modules: number;
}

export interface SizeResult {
  rows: SizeRow[];
  /** "What if" rows left out because their change no longer applies: it is in the code now, or the code moved on. */
  dropped: { name: string; reason: string }[];
}

/** The parts of the SDK a reader can act on, by module path. First match wins. */
const AREAS: [string, RegExp][] = [
  ['operations table (`generated/operations.ts`)', /generated\/operations/],
  ['routes table (`generated/routes.ts`, `src/routes.ts`)', /generated\/routes|src\/routes\.ts/],
  ['other generated tables (`generated/`)', /generated\//],
  ['openapi-fetch', /openapi-fetch/],
  ['errors (`src/errors/`)', /src\/errors(\.ts|\/)/],
  ['OAuth (`src/oauth/`)', /src\/oauth\//],
  ['Redis store (`src/redis.ts`, `src/rate-limit/redis-*`)', /src\/(rate-limit\/redis|redis\.ts)/],
  ['header parsers (`src/headers/`)', /src\/headers\//],
  ['policies (`src/transport/`)', /src\/transport\//],
  ['facade + pagination', /src\/(facade\/|pagination)/],
  ['internal helpers (`src/internal/`)', /src\/internal\//],
  ['the rest of `src/`', /src\//],
  ['other dependencies', /node_modules\//],
];

function firstOutput(metafile: Metafile): Metafile['outputs'][string] | undefined {
  return Object.values(metafile.outputs)[0];
}

function areas(metafile: Metafile): { area: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const [module, { bytesInOutput }] of Object.entries(firstOutput(metafile)?.inputs ?? {})) {
    const area = AREAS.find(([, match]) => match.test(module))?.[0] ?? 'other';
    totals.set(area, (totals.get(area) ?? 0) + bytesInOutput);
  }
  return [...totals].filter(([, bytes]) => bytes > 0).map(([area, bytes]) => ({ area, bytes })).sort((a, b) => b.bytes - a.bytes);
}

interface Entry {
  id: SizeId;
  name: string;
  what: string;
  /** A module to bundle as the entry (every export kept), or source that imports what it needs. */
  entry: { path: string } | { contents: string };
  /** The package export this entry is (ours only): the report says when `package.json` lacks it. */
  subpath?: string;
  plugins?: Rewrite[];
}

/** A module replaced for a "what if" build; `applied` says whether it changed anything in this build. */
interface Rewrite {
  plugin: Plugin;
  applied: () => boolean;
  reset: () => void;
}

/** Replaces a module of ours (its source, given the original), to weigh what a build without it would be. */
function rewrite(file: string, contents: (original: string) => Promise<string> | string): Rewrite {
  let changed = false;
  return {
    applied: () => changed,
    reset: () => (changed = false),
    plugin: {
      name: `rewrite ${file}`,
      setup(b) {
        b.onLoad({ filter: new RegExp(`${file.replace(/[.*+?^$()|[\]\\/]/g, '\\$&')}$`) }, async (args) => {
          const original = await readFile(args.path, 'utf8');
          const next = await contents(original);
          if (next !== original) changed = true;
          return { contents: next, loader: 'ts' };
        });
      },
    },
  };
}

/** Fields of an operation only the CLI and the docs read; the runtime does not (grep `op.` in src/). */
const DOCS_FIELDS = ['summary', 'tag', 'family', 'scopes'];

/** `generated/operations.ts` without the docs-only fields: what a runtime-only table would weigh (unchanged once they are gone). */
async function runtimeOperations(original: string): Promise<string> {
  const generated = (await import(`${ROOT}generated/operations.ts`)) as Record<string, unknown> & { operations: Record<string, Record<string, unknown>> };
  const ops = Object.values(generated.operations);
  if (!ops.some((op) => DOCS_FIELDS.some((f) => f in op))) return original;
  const slim = Object.fromEntries(Object.entries(generated.operations).map(([id, op]) => [id, Object.fromEntries(Object.entries(op).filter(([f]) => !DOCS_FIELDS.includes(f)))]));
  const rest = Object.entries(generated)
    .filter(([name, value]) => name !== 'operations' && typeof value !== 'function')
    .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`);
  return [
    `export const operations = ${JSON.stringify(slim)};`,
    ...rest,
    `export function findOperation(method: string, path: string) { return Object.values(operations).find((op) => op.method === method.toUpperCase() && op.path === path); }`,
  ].join('\n');
}

/** A policy module replaced by one that passes every request on (unchanged when it no longer exports `name`). */
function passThrough(source: string, name: string, extra = ''): string {
  if (!new RegExp(`export function ${name}\\b`).test(source)) return source;
  return `export function ${name}(..._: unknown[]) { return { name: '${name}', send: (request: unknown, context: unknown, next: (r: unknown, c: unknown) => unknown) => next(request, context) }; }\n${extra}\n`;
}

const resolvePkg = (name: string): string => fileURLToPath(import.meta.resolve(name));
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

async function entries(): Promise<Entry[]> {
  const hasCore = await exists(`${ROOT}src/core.ts`);
  const index = `${ROOT}src/index.ts`;
  const createClientOnly = `export { createClient } from ${JSON.stringify(index)};`;
  return [
    { id: 'core', name: '@opsmerge/sdk/core', what: '`src/core.ts`, every export: the core entry the target judges', entry: { path: `${ROOT}src/core.ts` }, subpath: './core' },
    { id: 'full', name: '@opsmerge/sdk', what: '`src/index.ts`, every export: the full `.` entry, facade included', entry: { path: index }, subpath: '.' },
    { id: 'createClient', name: '@opsmerge/sdk, createClient only', what: "`import { createClient } from '@opsmerge/sdk'`, tree-shaken", entry: { contents: createClientOnly }, subpath: '.' },
    { id: 'oauth', name: '@opsmerge/sdk/oauth', what: '`src/oauth/index.ts`, every export', entry: { path: `${ROOT}src/oauth/index.ts` }, subpath: './oauth' },
    { id: 'redis', name: '@opsmerge/sdk/redis', what: '`src/redis.ts`, every export', entry: { path: `${ROOT}src/redis.ts` }, subpath: './redis' },
    // Proposals, measured until they are real: once `src/core.ts` exists it is the facade-less core,
    // with OAuth and the Redis store in entries of their own.
    ...(hasCore
      ? []
      : [
          {
            id: 'no-facade',
            name: 'what if: createClient without the facade',
            what: '`createClient` tree-shaken with `src/facade/resources.ts` stubbed: what a low-level-only core would weigh',
            entry: { contents: createClientOnly },
            plugins: [rewrite('src/facade/resources.ts', () => 'export function createResources() { return {}; }')],
          } satisfies Entry,
          {
            id: 'whatif-entries',
            name: 'what if: OAuth and the Redis store in their own entries',
            what: 'the `.` entry without `./oauth` and `./rate-limit/redis-store`',
            entry: { path: index },
            plugins: [rewrite('src/index.ts', (source) => source.replace("export * from './oauth/index.js';", '').replace(/export \{[^}]*\} from '\.\/rate-limit\/redis-store\.js';/, ''))],
          } satisfies Entry,
        ]),
    {
      id: 'whatif-table',
      name: 'what if: runtime-only operations table',
      what: `the ${hasCore ? 'core' : '`.`'} entry with \`generated/operations.ts\` without the fields only the CLI and docs read (${DOCS_FIELDS.map((f) => `\`${f}\``).join(', ')})`,
      entry: { path: hasCore ? `${ROOT}src/core.ts` : index },
      plugins: [rewrite('generated/operations.ts', runtimeOperations)],
    },
    // What 12 kB would cost in behaviour: the core entry with the policies the seeds ask for beyond
    // a plain API client (pacing by the rate-limit headers, Deprecation/Sunset warnings, redacted
    // debug logging) replaced by pass-through ones, and without the pagination helpers and the
    // rate-limit store: auth, environment checks, retries, timeouts and typed errors remain.
    ...(hasCore
      ? [
          {
            id: 'whatif-minimal-core',
            name: 'what if: a core of auth, environments, retries, timeouts and errors',
            what: 'the core entry with pacing, deprecation warnings and logging as pass-through policies, no pagination helpers, no rate-limit store',
            entry: { path: `${ROOT}src/core.ts` },
            plugins: [
              rewrite('src/transport/rate-limit.ts', (source) => passThrough(source, 'rateLimitPolicy', 'export const bucketName = (id: string | undefined, group: string | undefined): string => `${id}:${group}`;')),
              rewrite('src/transport/deprecation.ts', (source) => passThrough(source, 'deprecationPolicy')),
              rewrite('src/transport/log.ts', (source) => passThrough(source, 'logPolicy')),
              rewrite('src/core.ts', (source) => source.replace(/^export \{ (Page|MemoryRateLimitStore)\b.*$/gm, '')),
            ],
          } satisfies Entry,
        ]
      : []),
    { id: 'openapi-fetch', name: 'openapi-fetch', what: 'its entry', entry: { path: resolvePkg('openapi-fetch') } },
    { id: 'ky', name: 'ky', what: 'its entry', entry: { path: resolvePkg('ky') } },
    { id: '@octokit/core', name: '@octokit/core', what: 'its entry', entry: { path: resolvePkg('@octokit/core') } },
    { id: 'openai', name: 'openai', what: 'its entry', entry: { path: resolvePkg('openai') } },
  ];
}

function topModules(metafile: Metafile, count: number): { module: string; bytes: number }[] {
  return Object.entries(firstOutput(metafile)?.inputs ?? {})
    .map(([module, { bytesInOutput }]) => ({ module: module.replace(/^.*node_modules\//, 'node_modules/'), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

async function peerDependencies(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')) as { peerDependencies?: Record<string, string> };
  return Object.keys(pkg.peerDependencies ?? {});
}

/** Bundles one entry; undefined when its source does not exist. */
async function measureSize(entry: Entry, peers: string[]): Promise<SizeRow> {
  if ('path' in entry.entry && !(await exists(entry.entry.path))) {
    return { id: entry.id, name: entry.name, what: entry.what, built: false, minBytes: 0, gzipBytes: 0, external: [], top: [], areas: [], modules: 0 };
  }
  for (const r of entry.plugins ?? []) r.reset();
  const external = new Set<string>();
  const leaveOut: Plugin = {
    name: 'node built-ins and peer dependencies',
    setup(b) {
      const peer = new RegExp(`^(node:|(${peers.map((p) => p.replace(/[.*+?^$()|[\]\\/]/g, '\\$&')).join('|')})(/|$))`);
      b.onResolve({ filter: peers.length ? peer : /^node:/ }, (args) => {
        external.add(args.path);
        return { path: args.path, external: true };
      });
    },
  };
  const result = await build({
    ...('path' in entry.entry ? { entryPoints: [entry.entry.path] } : { stdin: { contents: entry.entry.contents, resolveDir: ROOT, loader: 'ts' as const } }),
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
    plugins: [leaveOut, ...(entry.plugins ?? []).map((r) => r.plugin)],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    id: entry.id,
    name: entry.name,
    what: entry.what,
    built: true,
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    external: [...external].sort(),
    top: topModules(result.metafile, 12),
    areas: areas(result.metafile),
    modules: Object.keys(firstOutput(result.metafile)?.inputs ?? {}).length,
  };
}

export async function runSize(log: (line: string) => void): Promise<SizeResult> {
  const peers = await peerDependencies();
  const { exports } = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')) as { exports?: Record<string, unknown> };
  const rows: SizeRow[] = [];
  const dropped: SizeResult['dropped'] = [];
  for (const entry of await entries()) {
    const row = await measureSize(entry, peers);
    if (entry.plugins && !entry.plugins.every((r) => r.applied())) {
      dropped.push({ name: entry.name, reason: 'its change is in the code now, or no longer matches it' });
      continue;
    }
    if (row.built && entry.subpath && !(exports && entry.subpath in exports)) row.what += ` — not in \`package.json\` \`exports\` yet`;
    rows.push(row);
  }
  log('size: done');
  return { rows, dropped };
}
