import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** `npm run check:compat` end to end: the script, redocly bundle + diff, changesets from a directory, the exit code. */
const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return promisify(execFile)(process.execPath, [tsx, join(root, 'scripts', 'gates', 'check-compat.ts'), ...args], { cwd: root })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }));
}

const fixture = (name: string): string => join(fixtures, `${name}.yaml`);

describe('scripts/gates/check-compat.ts', () => {
  it('passes: a stable operation removed after its sunset, with a major changeset', async () => {
    const r = await run('--released', fixture('base'), '--spec', fixture('removal-after-sunset'), '--changesets', join(fixtures, 'changesets', 'major'), '--today', '2026-11-22');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('stable   major  gadgets_list (GET /v1/gadgets): Path `/v1/gadgets` was removed.');
    expect(r.stdout).toContain('✓ the change follows the stability policy.');
    expect(r.code).toBe(0);
  });

  it('fails with exit code 1: a breaking stable change with only a patch changeset', async () => {
    const r = await run('--released', fixture('base'), '--spec', fixture('stable-breaking'), '--changesets', join(fixtures, 'changesets', 'patch'), '--json');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { violations: Array<{ rule: string }>; changeset: string; changesets: Array<{ file: string; bump: string | null }> };
    expect(result.violations.map((v) => v.rule)).toEqual(['stable-breaking-without-major']);
    expect(result.changeset).toBe('patch');
    expect(result.changesets).toEqual([
      { file: 'empty.md', bump: null },
      { file: 'previews-fix.md', bump: 'patch' },
    ]);
  });

  it("passes on this repo: openapi/ against openapi/released/openapi.json with the pending changesets", async () => {
    const r = await run();
    expect(r.stdout).toContain('against the released openapi/released/openapi.json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('the released baseline is a bundled JSON spec with info.version', async () => {
    const released = JSON.parse(await readFile(join(root, 'openapi', 'released', 'openapi.json'), 'utf8')) as { openapi: string; info: { version: string }; paths: object };
    expect(released.openapi).toBe('3.1.0');
    expect(released.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.stringify(released)).not.toMatch(/"\$ref":\s*"\.\.?\//); // no external refs: bundled
  });
});
