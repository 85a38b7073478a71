/**
 * `npm run build` (and `prepack`): compiles what the package ships to dist/ with
 * tsconfig.build.json, keeping the source layout so relative imports resolve unchanged:
 *
 *   dist/src/index.js + .d.ts         `@opsmerge/sdk`
 *   dist/mocks/index.js + .d.ts       `@opsmerge/sdk/mocks`
 *   dist/generated/openapi.json       `@opsmerge/sdk/openapi.json` (the bundled spec, byte for byte)
 *   dist/generated/openapi.json.d.cts its types (CommonJS-format declarations: `export =`, as TypeScript types JSON)
 *   dist/generated/*.js + .d.ts       the operations table, facade and schema types src/ imports
 *
 *   --out DIR   build somewhere else (default dist; tests build into a temporary copy)
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..');
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
  await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
} catch (err) {
  const e = err as { stdout?: string; stderr?: string };
  console.error(`tsc -p tsconfig.build.json failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  process.exit(1);
}

// tsc re-serialises imported JSON; ship the spec exactly as generated.
const spec = join(root, 'generated', 'openapi.json');
await mkdir(join(out, 'generated'), { recursive: true });
await copyFile(spec, join(out, 'generated', 'openapi.json'));
const { info } = JSON.parse(await readFile(spec, 'utf8')) as { info: { version: string } };
await writeFile(join(out, 'generated', 'openapi.json.d.cts'), openapiJsonTypes(info.version));

console.log(`built ${resolve(out) === join(root, 'dist') ? 'dist/' : out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
