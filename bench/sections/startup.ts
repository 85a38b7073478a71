/**
 * §5 Start-up. Import time: `await import()` timed inside a fresh `node` per import (no tsx in
 * that process), rounds interleaved; our SDK as it ships (compiled file by file) and as one
 * bundled file. Type-check time: `tsc --noEmit` over the project's 20-method consumer file, with
 * the SDK's sources and with the declarations it would publish, beside an empty file.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from '../config.js';
import type { SdkBuilds } from '../lib/build-sdk.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('./import-probe.mjs', import.meta.url));
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

export const OURS_IMPORT = 'ours (compiled file by file, as published)';
export const CONSUMER_TSC = 'consumer file + the SDK sources';

export interface StartupResult {
  imports: { name: string; ms: number[] }[];
  tsc: { name: string; wallMs: number[]; checkMs: number[]; totalMs: number[]; linesOfTypeScript: number }[];
  /** Lines of `generated/schema.ts`. */
  schemaLines: number;
}

function run(args: string[]): Promise<{ stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve({ stdout, ms: performance.now() - started }) : reject(new Error(`${args.join(' ')} exited with ${code}:\n${stdout}`))));
  });
}

async function measureImports(sdks: SdkBuilds, rounds: number): Promise<StartupResult['imports']> {
  const targets = [
    { name: 'openapi-fetch', args: ['openapi-fetch'] },
    { name: OURS_IMPORT, args: [sdks.current] },
    { name: 'ours (one bundled file)', args: [sdks.bundle] },
    { name: 'openapi-fetch, import + createClient()', args: ['openapi-fetch', 'openapi-fetch'] },
    { name: 'ours, import + createClient()', args: [sdks.current, 'ours'] },
    { name: 'ky', args: ['ky'] },
    { name: '@octokit/core', args: ['@octokit/core'] },
    { name: 'openai', args: ['openai'] },
  ];
  const results = targets.map((t) => ({ name: t.name, ms: [] as number[] }));
  for (let round = -1; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const { stdout } = await run([PROBE, ...target.args]);
      if (round >= 0) results[i]?.ms.push((JSON.parse(stdout) as { ms: number }).ms); // round -1 warms the file cache
    }
  }
  return results;
}

/**
 * Three projects of the project's compiler options: the consumer file over the SDK's sources,
 * the same file over the declarations the SDK would publish, and an empty file.
 */
async function writeTscProjects(dir: string, declarations: boolean): Promise<{ name: string; project: string }[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const consumer = await readFile(`${ROOT}test/types/consumer.ts`, 'utf8');
  await writeFile(`${dir}consumer.ts`, consumer.replaceAll('../../src/', `${ROOT}src/`));
  await writeFile(`${dir}consumer-dts.ts`, consumer.replaceAll('../../src/', './dts/src/'));
  await writeFile(`${dir}empty.ts`, 'export {};\n');
  const tsconfig = (files: string[], compilerOptions: Record<string, unknown> = {}): string =>
    JSON.stringify({ extends: `${ROOT}tsconfig.json`, compilerOptions, include: [], files }, null, 2);
  await writeFile(`${dir}tsconfig.dts.json`, tsconfig([`${ROOT}src/index.ts`], { noEmit: false, declaration: true, emitDeclarationOnly: true, sourceMap: false, outDir: './dts', rootDir: ROOT }));
  if (declarations) await run([TSC, '-p', `${dir}tsconfig.dts.json`]);
  const projects = [
    { name: CONSUMER_TSC, file: 'consumer.ts', project: 'tsconfig.consumer.json' },
    ...(declarations ? [{ name: 'consumer file + the SDK declarations (what an integrator compiles)', file: 'consumer-dts.ts', project: 'tsconfig.consumer-dts.json' }] : []),
    { name: 'empty file (the fixed cost: lib.dom, @types/node)', file: 'empty.ts', project: 'tsconfig.empty.json' },
  ];
  for (const p of projects) await writeFile(`${dir}${p.project}`, tsconfig([p.file]));
  return projects.map((p) => ({ name: p.name, project: `${dir}${p.project}` }));
}

async function measureTsc(work: string, rounds: number, declarations: boolean): Promise<StartupResult['tsc']> {
  const projects = await writeTscProjects(`${work}tsc/`, declarations);
  const results = projects.map((p) => ({ name: p.name, wallMs: [] as number[], checkMs: [] as number[], totalMs: [] as number[], linesOfTypeScript: 0 }));
  const seconds = (out: string, label: string): number => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(out)?.[1] ?? Number.NaN) * 1000;
  for (let round = 0; round < rounds; round++) {
    for (const [i, p] of projects.entries()) {
      const { stdout, ms } = await run([TSC, '-p', p.project, '--noEmit', '--extendedDiagnostics']);
      results[i]?.wallMs.push(ms);
      results[i]?.checkMs.push(seconds(stdout, 'Check time'));
      results[i]?.totalMs.push(seconds(stdout, 'Total time'));
      const result = results[i];
      if (result) result.linesOfTypeScript = Number(/Lines of TypeScript:\s+(\d+)/.exec(stdout)?.[1] ?? Number.NaN);
    }
  }
  return results;
}

export async function runStartup(sdks: SdkBuilds, work: string, config: BenchConfig['startup'], log: (line: string) => void): Promise<StartupResult> {
  const imports = await measureImports(sdks, config.importRounds);
  log('start-up: imports done');
  const tsc = await measureTsc(work, config.tscRounds, config.declarations);
  const schemaLines = (await readFile(`${ROOT}generated/schema.ts`, 'utf8')).split('\n').length;
  log('start-up: tsc done');
  return { imports, tsc, schemaLines };
}
