/**
 * Builds the SDK as it ships — compiled file by file, so no loader runs in the measured process —
 * plus a single-file bundle, and a copy with the changes proposed in `bench/fixes/*.patch`
 * applied (measured beside the current code, in the same run, to prove them).
 */
import { spawnSync } from 'node:child_process';
import { cp, glob, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXES = `${ROOT}bench/fixes/`;

export interface SdkBuilds {
  /** `index.js` of the current sources, compiled file by file (file URL). */
  current: string;
  /** The current sources as one bundled file, openapi-fetch left external (file URL). */
  bundle: string;
  /** `index.js` with every fix applied, or undefined when one no longer applies. */
  fixed: string | undefined;
  /** Each patch in `bench/fixes/`: applied to the copy, or already in `src/` (then delete it), or failing. */
  fixes: { patch: string; applied: boolean; merged: boolean; output: string }[];
}

async function compile(from: string, to: string): Promise<string> {
  const entryPoints: string[] = [];
  for await (const file of glob(['src/**/*.ts', 'generated/*.ts'], { cwd: from })) entryPoints.push(`${from}${file}`);
  await build({ entryPoints, outbase: from, outdir: to, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  await writeFile(`${to}package.json`, '{"type":"module"}\n');
  return pathToFileURL(`${to}src/index.js`).href;
}

async function applyFixes(dir: string): Promise<SdkBuilds['fixes']> {
  const patches = (await readdir(FIXES).catch(() => [] as string[])).filter((f) => f.endsWith('.patch')).sort();
  const results: SdkBuilds['fixes'] = [];
  for (const patch of patches) {
    const patchArgs = ['-p1', '--batch', '-d', dir, '-i', `${FIXES}${patch}`];
    const merged = spawnSync('patch', [...patchArgs, '--reverse', '--dry-run'], { encoding: 'utf8' }).status === 0;
    const run = merged ? undefined : spawnSync('patch', [...patchArgs, '--forward'], { encoding: 'utf8' });
    results.push({ patch, applied: run?.status === 0, merged, output: run ? `${run.stdout}${run.stderr}`.trim() : 'already in src/' });
  }
  return results;
}

/** Builds into `<work>sdk/`; `work` is the run's own scratch directory. */
export async function buildSdks(work: string): Promise<SdkBuilds> {
  const OUT = `${work}sdk/`;
  await rm(OUT, { recursive: true, force: true });
  const current = await compile(ROOT, `${OUT}current/`);
  await build({ entryPoints: [`${ROOT}src/index.ts`], bundle: true, packages: 'external', outfile: `${OUT}bundle/index.js`, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  await writeFile(`${OUT}bundle/package.json`, '{"type":"module"}\n');
  const patched = `${OUT}fixed-src/`;
  await mkdir(patched, { recursive: true });
  await cp(`${ROOT}src`, `${patched}src`, { recursive: true });
  await cp(`${ROOT}generated`, `${patched}generated`, { recursive: true });
  const fixes = await applyFixes(patched);
  const pending = fixes.filter((f) => !f.merged);
  const fixed = pending.length > 0 && pending.every((f) => f.applied) ? await compile(patched, `${OUT}fixed/`) : undefined;
  return { current, bundle: pathToFileURL(`${OUT}bundle/index.js`).href, fixed, fixes };
}
