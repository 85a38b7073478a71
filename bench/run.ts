/**
 * `npm run bench` — every measurement of issue 7 in one run, against one local API server in
 * its own process, written to `bench/results.md`.
 *
 *   --smoke          tiny counts, same code paths; writes bench/.work/results.smoke.md instead
 *   --only=a,b       only these sections (overhead, walks, rate-limit, size, startup, mock, install); writes to bench/.work/
 *   --rounds=N       N rounds in every section instead of the configured counts; writes to bench/.work/
 *   --out=FILE       where a smoke or partial run writes its report
 *   --render=FILE    no measuring: re-render a run's saved JSON (bench/.work/results.*.json) to bench/results.md or --out
 */
import { cpus, loadavg, totalmem, type } from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL, SMOKE, withRounds } from './config.js';
import { buildPackage, type BuiltPackage } from './lib/build-package.js';
import { buildSdks } from './lib/build-sdk.js';
import { startServer } from './lib/server-process.js';
import { renderReport, type BenchResults } from './report.js';
import { runInstall } from './sections/install.js';
import { runListWalks } from './sections/list-walk.js';
import { runMockThroughput } from './sections/mock-throughput.js';
import { runOverhead } from './sections/overhead.js';
import { runRateLimit } from './sections/rate-limit.js';
import { runSize } from './sections/size.js';
import { runStartup } from './sections/startup.js';

const SECTIONS = ['overhead', 'walks', 'rate-limit', 'size', 'startup', 'mock', 'install'] as const;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = new Set(onlyArg ? onlyArg.split(',') : SECTIONS);
const roundsArg = process.argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length);
const config = withRounds(smoke ? SMOKE : FULL, roundsArg === undefined ? undefined : Number(roundsArg));
// A partial run never overwrites bench/results.md, the committed report.
const partial = smoke || onlyArg !== undefined || roundsArg !== undefined;
const outArg = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
if (outArg !== undefined && !partial && !process.argv.some((a) => a.startsWith('--render='))) throw new Error('--out is for smoke, partial and --render runs; a full run writes bench/results.md');
const out = outArg ?? (partial ? `${ROOT}bench/.work/results.${smoke ? 'smoke' : 'partial'}.md` : `${ROOT}bench/results.md`);
const renderArg = process.argv.find((a) => a.startsWith('--render='))?.slice('--render='.length);
if (renderArg !== undefined) {
  const saved = JSON.parse(await readFile(renderArg, 'utf8')) as BenchResults;
  const target = outArg ?? `${ROOT}bench/results.md`;
  await writeFile(target, renderReport(saved));
  console.error(`[bench] rendered ${renderArg} to ${target}`);
  process.exit(0);
}
const started = Date.now();
const log = (line: string): void => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`);

function environment(): BenchResults['environment'] {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    node: process.version,
    os: `${type()} ${process.arch}`,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    commit,
    date: new Date().toISOString(),
    loadBefore: loadavg()[0] ?? 0,
    loadAfter: 0,
    seconds: 0,
  };
}

// Each run builds in a directory of its own: a smoke run inside `npm test` may overlap a full run.
const work = `${ROOT}bench/.work/run-${process.pid}/`;
const sdks = await buildSdks(work);
const results: BenchResults = { smoke, environment: environment(), fixes: sdks.fixes };
log(`SDK built${sdks.fixes.length ? `; fixes: ${sdks.fixes.map((f) => `${f.patch} ${f.merged ? 'already in src/' : f.applied ? 'applied' : 'FAILED'}`).join(', ')}` : ''}`);
// §5 and §6 measure the package as published: `scripts/build/build.ts --out` into a temporary directory. A
// full run builds first (nothing is measured while it compiles) and fails before the long
// sections if the package does not build; a smoke run builds while the other sections run.
const building: Promise<BuiltPackage> | undefined = only.has('startup') || only.has('install') ? buildPackage() : undefined;
building?.catch(() => undefined); // handled where it is awaited
const logBuilt = (pkg: BuiltPackage): void =>
  log(`package built in ${(pkg.buildMs / 1000).toFixed(1)} s: ${pkg.entries.map((e) => `${e.specifier} ${e.file ? `${e.graph?.files ?? '?'} files` : 'not built'}`).join(', ')}`);
let pkg: BuiltPackage | undefined;
try {
  if (building && !smoke) logBuilt((pkg = await building));
  if (only.has('overhead') || only.has('walks') || only.has('rate-limit')) {
    const server = await startServer();
    try {
      if (only.has('overhead')) results.overhead = await runOverhead(server, sdks, config.overhead, log);
      if (only.has('walks')) results.walks = await runListWalks(server, sdks, config.walk, log);
      if (only.has('rate-limit')) results.rateLimit = await runRateLimit(server, sdks, config.rateLimit, log);
    } finally {
      await server.close();
    }
  }
  if (only.has('size')) results.size = await runSize(log);
  if (only.has('mock')) results.mock = await runMockThroughput(config.mock, log);
  if (building) {
    if (!pkg) logBuilt((pkg = await building));
    if (only.has('startup')) results.startup = await runStartup(sdks, pkg, work, config.startup, log);
    if (only.has('install')) results.install = await runInstall(pkg, work, log);
  }
} finally {
  await rm(work, { recursive: true, force: true });
  const built = await building?.catch(() => undefined);
  if (built) await rm(built.dir, { recursive: true, force: true });
}
results.environment.loadAfter = loadavg()[0] ?? 0;
results.environment.seconds = Math.round((Date.now() - started) / 1000);

await mkdir(`${ROOT}bench/.work`, { recursive: true });
await writeFile(partial ? out.replace(/(\.md)?$/, '.json') : `${ROOT}bench/.work/results.full.json`, JSON.stringify(results, null, 2));
await writeFile(out, renderReport(results));
log(`wrote ${out.startsWith(ROOT) ? relative(ROOT, out) : out}`);
