import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxImpact, parseChangeset, parseVersion, type Impact } from '../../scripts/gates/compat.js';

/**
 * Releases: `changeset version` (Changesets 3, the pinned CLI) in a temporary copy of the
 * package (package.json and .changeset/ only, node_modules linked) consumes the pending
 * changesets, bumps package.json and writes CHANGELOG.md. The repo itself is never touched.
 */
const root = join(import.meta.dirname, '..', '..');
type Pkg = { name: string; version: string; private?: boolean };
let dir: string;
let pkg: Pkg;
let pending: Array<{ file: string; text: string; bump: Impact | null }>;

beforeAll(async () => {
  pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Pkg;
  const files = (await readdir(join(root, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md');
  pending = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(root, '.changeset', file), 'utf8');
      return { file, text, bump: parseChangeset(text, pkg.name) };
    }),
  );
  dir = await mkdtemp(join(tmpdir(), 'opsmerge-changesets-'));
  await cp(join(root, 'package.json'), join(dir, 'package.json'));
  await cp(join(root, '.changeset'), join(dir, '.changeset'), { recursive: true });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Right after a release nothing is pending: the copy gets a changeset of its own.
  if (!pending.some((c) => c.bump !== null)) {
    const text = `---\n"${pkg.name}": patch\n---\n\nA release made by the changesets test.\n`;
    await writeFile(join(dir, '.changeset', 'test-release.md'), text);
    pending.push({ file: 'test-release.md', text, bump: 'patch' });
  }
}, 30_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function expectedVersion(current: string, bump: Impact): string {
  const v = parseVersion(current)!;
  if (bump === 'major') return `${v.major + 1}.0.0`;
  if (bump === 'minor') return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}

describe('changesets', () => {
  it('is configured for a public package on main with the built-in changelog', async () => {
    const config = JSON.parse(await readFile(join(root, '.changeset', 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ baseBranch: 'main', access: 'public', changelog: '@changesets/cli/changelog', commit: false });
    expect(pkg.private).not.toBe(true); // a private package is not versionable
  });

  it('`changeset version` in a copy writes CHANGELOG.md and bumps package.json', async () => {
    const cli = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'version'], { cwd: dir, env: { ...process.env, CI: 'true' } });
    expect(stdout).toContain('All files have been updated');

    const bump = pending.reduce<Impact | null>((acc, c) => maxImpact(acc, c.bump), null)!;
    const version = expectedVersion(pkg.version, bump);
    const bumped = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Pkg;
    expect(bumped.version).toBe(version);

    const changelog = await readFile(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog.startsWith(`# ${pkg.name}\n\n## ${version}\n`)).toBe(true);
    expect(changelog).toContain(`### ${bump[0]!.toUpperCase()}${bump.slice(1)} Changes`);
    for (const c of pending.filter((p) => p.bump !== null)) {
      const firstLine = c.text.split(/\r?\n---\r?\n/)[1]!.trim().split('\n')[0]!;
      expect(changelog).toContain(firstLine);
    }
    // The changesets are consumed; the config and README stay.
    expect((await readdir(join(dir, '.changeset'))).sort()).toEqual(['README.md', 'config.json']);
  }, 30_000);
});
