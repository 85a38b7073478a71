/**
 * `npm run size` — the size budget of the built package, read from `.size-limit.json`
 * (size-limit's format, so `npx size-limit` can take over once `@size-limit/file` is
 * installed; `@size-limit/esbuild` alone cannot measure). Each check bundles
 * `import <import> from '<path>'` with esbuild (ESM, platform neutral, minified, tree-shaken,
 * dependencies included), gzips it (level 9) and fails when it is over `limit`. The checks:
 * the core entry (`@opsmerge/sdk/core`, everything it exports), the full entry (everything
 * `@opsmerge/sdk` exports) and `import { createClient }` from it.
 *
 * Paths in `.size-limit.json` are relative to the SDK's package folder.
 *
 *   --root DIR  the package to measure (default: packages/sdk, after `npm run build`); the
 *               package test passes the copy installed from the tarball
 *   --json      print the results as JSON
 *   --why       list the biggest modules of each bundle
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Check {
  name: string;
  path: string;
  import?: string;
  limit: string;
  gzip?: boolean;
}

export interface SizeResult {
  name: string;
  /** Minified and gzipped bytes. */
  size: number;
  minified: number;
  limit: number;
  passed: boolean;
  /** The biggest inputs, minified bytes in the bundle. */
  modules: Array<{ path: string; bytes: number }>;
}

/** size-limit's units: `12 kB` = 12,000 bytes, `12 KiB` = 12,288. */
export function parseBytes(value: string): number {
  const m = /^(\d+(?:\.\d+)?) *(?:([kmg])?(i)?b)?$/i.exec(value.trim());
  if (!m) throw new Error(`not a size: ${value}`);
  const power = m[2] ? 'kmg'.indexOf(m[2].toLowerCase()) + 1 : 0;
  return Math.floor(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}

export const formatBytes = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} kB` : `${n} B`);

export async function measure(root: string, check: Check): Promise<SizeResult> {
  const target = resolve(root, check.path);
  const contents = check.import ? `export ${check.import.startsWith('*') ? '*' : check.import} from ${JSON.stringify(target)};` : `import ${JSON.stringify(target)};`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const size = check.gzip === false ? code.length : gzipSync(code, { level: 9 }).length;
  const output = Object.values(result.metafile.outputs)[0]!;
  const modules = Object.entries(output.inputs)
    .map(([path, info]) => ({ path: path.replace(/^.*node_modules\//, ''), bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  const limit = parseBytes(check.limit);
  return { name: check.name, size, minified: code.length, limit, passed: size <= limit, modules };
}

export async function readChecks(file: string): Promise<Check[]> {
  return JSON.parse(await readFile(file, 'utf8')) as Check[];
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const repo = join(import.meta.dirname, '..', '..');
  const { values } = parseArgs({ options: { root: { type: 'string', default: join(repo, 'packages', 'sdk') }, json: { type: 'boolean', default: false }, why: { type: 'boolean', default: false } } });
  const checks = await readChecks(join(repo, '.size-limit.json'));
  const results: SizeResult[] = [];
  for (const check of checks) {
    try {
      results.push(await measure(resolve(values.root), check));
    } catch (err) {
      console.error(`${check.name}: cannot bundle ${check.path} — run \`npm run build\` first?\n${String(err)}`);
      process.exit(2);
    }
  }
  if (values.json) console.log(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      console.log(`${r.passed ? '✓' : '✗'} ${r.name}: ${formatBytes(r.size)} minified + gzipped (${formatBytes(r.minified)} minified), limit ${formatBytes(r.limit)}`);
      if (values.why || !r.passed) for (const m of r.modules.slice(0, 10)) console.log(`    ${formatBytes(m.bytes).padStart(9)}  ${m.path}`);
    }
  }
  process.exit(results.every((r) => r.passed) ? 0 : 1);
}
