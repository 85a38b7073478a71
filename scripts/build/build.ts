/**
 * `npm run build` (and `prepack`): what the package ships, in dist/.
 *
 * JavaScript: esbuild bundles each entry into one ESM file (fewer modules to resolve and link
 * at import time), with code splitting so code shared by several entries sits in shared
 * chunks (dist/src/chunks/) and exists once: `ApiError` from `@opsmerge/sdk` and from
 * `@opsmerge/sdk/core` is the same class. Dependencies stay external.
 *
 *   dist/src/index.js                 `@opsmerge/sdk`
 *   dist/src/core.js                  `@opsmerge/sdk/core` (the low-level client, no facade/OAuth/Redis)
 *   dist/src/oauth/index.js           `@opsmerge/sdk/oauth`
 *   dist/src/redis.js                 `@opsmerge/sdk/redis`
 *   dist/mocks/index.js               `@opsmerge/mocks`
 *   dist/cli/main.js              the `opsmerge` command (bin/opsmerge.mjs imports it)
 *   dist/src/chunks/*.js              shared code
 *
 * Types: tsc (tsconfig.build.json, declarations only) keeps the source layout, one `.d.ts`
 * per module beside the bundles (dist/src, dist/generated, dist/mocks).
 *
 *   dist/generated/openapi.json       `@opsmerge/sdk/openapi.json` (the bundled spec, byte for byte)
 *   dist/generated/openapi.json.d.cts its types (CommonJS-format declarations: `export =`, as TypeScript types JSON)
 *
 * The mocks read the spec through the package's own `./openapi.json` export instead of a copy
 * in their bundle.
 *
 *   --out DIR   build somewhere else (default dist; tests build into a temporary copy)
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'dist') } } });
const out = resolve(values.out);

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

const started = Date.now();
await rm(out, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
try {
  await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out, '--emitDeclarationOnly'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
} catch (err) {
  const e = err as { stdout?: string; stderr?: string };
  console.error(`tsc -p tsconfig.build.json failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  process.exit(1);
}

/** The spec, imported by the mocks, as the package's own export rather than a 450 kB copy in a bundle. */
const specAsExport: Plugin = {
  name: 'spec-as-package-export',
  setup(b) {
    b.onResolve({ filter: /\/generated\/openapi\.json$/ }, () => ({ path: '@opsmerge/sdk/openapi.json', external: true }));
  },
};

/** Entry points: output path below dist/ (without .js) → source. */
export const ENTRIES: Record<string, string> = {
  'src/index': 'src/index.ts',
  'src/core': 'src/core.ts',
  'src/oauth/index': 'src/oauth/index.ts',
  'src/redis': 'src/redis.ts',
  'mocks/index': 'mocks/index.ts',
  'cli/main': 'cli/main.ts',
};

const bundled = await build({
  absWorkingDir: root,
  entryPoints: Object.entries(ENTRIES).map(([o, i]) => ({ out: o, in: i })),
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // Keep `with { type: 'json' }` on the spec import (Node ≥ 20.10); es2022 alone would drop it.
  supported: { 'import-attributes': true },
  packages: 'external',
  external: ['node:*'],
  chunkNames: 'src/chunks/[name]-[hash]',
  plugins: [specAsExport],
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const outputs = Object.keys(bundled.metafile.outputs).filter((f) => f.endsWith('.js'));

// tsc re-serialises imported JSON; ship the spec exactly as generated.
const spec = join(root, 'generated', 'openapi.json');
await mkdir(join(out, 'generated'), { recursive: true });
await copyFile(spec, join(out, 'generated', 'openapi.json'));
const { info } = JSON.parse(await readFile(spec, 'utf8')) as { info: { version: string } };
await writeFile(join(out, 'generated', 'openapi.json.d.cts'), openapiJsonTypes(info.version));

console.log(`built ${resolve(out) === join(root, 'dist') ? 'dist/' : out} (${outputs.length} JavaScript files) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
