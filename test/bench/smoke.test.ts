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

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECTIONS = ['## Targets', '## 1. Overhead', '## 2. List walks', '## 3. Rate-limit efficiency', '## 4. Size', '## 5. Start-up'];

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
  it('runs every section with tiny counts and writes its report outside bench/results.md', { timeout: 180_000 }, async () => {
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
      expect(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'))).toMatchObject({ smoke: true });
      expect(await mtime(join(ROOT, 'bench/results.md'))).toBe(committed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
