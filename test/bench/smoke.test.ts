/**
 * The benchmark suite in smoke mode (`bench/run.ts --smoke`): every section runs with tiny
 * counts, as a subprocess, and the committed `bench/results.md` is left alone. Speed targets are
 * never asserted here: they live in the full run's report.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTEGRATOR_TSC } from '../../bench/sections/startup.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECTIONS = ['## Targets', '## 1. Overhead', '## 2. List walks', '## 3. Rate-limit efficiency', '## 4. Size', '## 5. Start-up', '## 6. Mock throughput', '## 7. Install footprint'];

function runSmoke(out: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', `--out=${out}`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr, ms: performance.now() - started }));
  });
}

async function mtime(path: string): Promise<number | undefined> {
  return stat(path).then((s) => s.mtimeMs, () => undefined);
}

describe('npm run bench -- --smoke', () => {
  it('runs every section with tiny counts and writes its report outside bench/results.md', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opsmerge-bench-'));
    const committed = await mtime(join(ROOT, 'bench/results.md'));
    try {
      const out = join(dir, 'results.md');
      const run = await runSmoke(out);
      expect(run.code, run.stderr).toBe(0);
      const report = await readFile(out, 'utf8');
      expect(report).toMatch(/^# Benchmarks \(smoke run/);
      for (const heading of SECTIONS) expect(report).toContain(heading);
      expect(report).not.toMatch(/NaN|undefined/);
      const json = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
      expect(json).toMatchObject({ smoke: true });
      // §4 lists the core entry (weighed, or "not built" while src/core.ts is missing) and the full entry.
      expect(report).toMatch(/^\| @opsmerge\/sdk\/core \|/m);
      expect(report).toMatch(/^\| @opsmerge\/sdk \| `src\/index\.ts`.*\| \*\*[\d.]+ kB\*\* \|$/m);
      // §5 type-checks an integrator's project against the built package, and says which row the target judges.
      expect(json.startup.package.entries).toContainEqual(expect.objectContaining({ subpath: '.', built: true, exported: true }));
      expect(json.startup.tsc[0]).toMatchObject({ name: INTEGRATOR_TSC, wallMs: [expect.any(Number)] });
      expect(json.startup.initOptions).toMatchObject({ strict: true, skipLibCheck: true });
      expect(report).toContain(`| ${INTEGRATOR_TSC} |`);
      expect(report).toContain('**The target is judged on the first row**');
      // §6 installs the packed SDK beside the peers: openapi-fetch (and its helper types) is all it brings.
      expect(json.install.rows.map((r: { name: string }) => r.name)).toEqual(['@opsmerge/sdk', 'openai', '@octokit/core', 'ky']);
      expect(json.install.rows[0].packages).toEqual(['@opsmerge/sdk', 'openapi-fetch', 'openapi-typescript-helpers']);
      // The report is committed: no path of the machine it ran on.
      for (const path of [ROOT, tmpdir()]) expect(report).not.toContain(path);
      expect(await mtime(join(ROOT, 'bench/results.md'))).toBe(committed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
