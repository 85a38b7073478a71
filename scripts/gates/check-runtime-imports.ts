/**
 * The SDK runtime (all of src/ and generated/, no exceptions) must run on Node ≥ 20, Deno,
 * Bun, browsers and edge runtimes: it may import only openapi-fetch and relative modules that
 * stay inside src/ and generated/ (never the mocks, the CLI or the suite), never `node:`
 * builtins or Node globals such as Buffer or require.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const scanned = ['src', 'generated'];
const allowedPackages = new Set(['openapi-fetch']);
const importRe = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const forbiddenGlobals = /\b(Buffer\.|require\(|__dirname|__filename|process\.(?!env\b)|setImmediate\()/;

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|js|mjs)$/.test(entry.name)) yield path;
  }
}

export async function findRuntimeImportProblems(): Promise<string[]> {
  const problems: string[] = [];
  for (const dir of scanned) {
    for await (const file of files(join(root, dir))) {
      // Examples in TSDoc comments show imports of the package itself: skip comments.
      const text = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
      const rel = relative(root, file);
      for (const m of text.matchAll(importRe)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (spec.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), spec));
          if (!scanned.some((dir) => target.startsWith(`${dir}/`))) problems.push(`${rel}: imports "${spec}" (${target}), outside ${scanned.join('/ and ')}/`);
          continue;
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!allowedPackages.has(pkg)) problems.push(`${rel}: imports "${spec}" (runtime code may import only relative modules and ${[...allowedPackages].join(', ')})`);
      }
      text.split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        const g = forbiddenGlobals.exec(line);
        if (g) problems.push(`${rel}:${i + 1}: uses the Node-only global "${g[1]}"`);
      });
    }
  }
  return problems;
}

if (process.argv[1] === import.meta.filename) {
  const problems = await findRuntimeImportProblems();
  if (problems.length > 0) {
    console.error(`The runtime must use web-standard APIs only:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('runtime imports: web-standard only (no node: builtins).');
}
