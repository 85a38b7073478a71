import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES } from '../../scripts/build/packages.js';
import { maxImpact, parseChangeset, parseVersion, type Impact } from '../../scripts/gates/compat.js';

/**
 * Releases: `changeset version` (Changesets 3, the pinned CLI) in a temporary copy of the
 * workspace (the root and package manifests, the lock file and .changeset/, node_modules linked)
 * consumes the pending changesets, bumps the three packages together (one `fixed` group) and
 * writes each one's CHANGELOG.md. The repo itself is never touched.
 */
const root = join(import.meta.dirname, '..', '..');
type Pkg = { name: string; version?: string; private?: boolean; workspaces?: string[]; dependencies?: Record<string, string> };
const names = PACKAGES.map((p) => p.name);
let dir: string;
let rootPkg: Pkg;
const pkgs = new Map<string, Pkg>();
let pending: Array<{ file: string; text: string; bump: Impact | null }>;

const readJson = async (file: string): Promise<Pkg> => JSON.parse(await readFile(file, 'utf8')) as Pkg;

beforeAll(async () => {
  rootPkg = await readJson(join(root, 'package.json'));
  for (const p of PACKAGES) pkgs.set(p.name, await readJson(join(root, 'packages', p.folder, 'package.json')));
  const files = (await readdir(join(root, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md');
  pending = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(root, '.changeset', file), 'utf8');
      return { file, text, bump: parseChangeset(text, names) };
    }),
  );
  dir = await mkdtemp(join(tmpdir(), 'opsmerge-changesets-'));
  // Changesets finds the workspaces through the package manager, which it knows by its lock file.
  for (const file of ['package.json', 'package-lock.json']) await cp(join(root, file), join(dir, file));
  for (const p of PACKAGES) {
    await mkdir(join(dir, 'packages', p.folder), { recursive: true });
    await cp(join(root, 'packages', p.folder, 'package.json'), join(dir, 'packages', p.folder, 'package.json'));
  }
  await cp(join(root, '.changeset'), join(dir, '.changeset'), { recursive: true });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Right after a release nothing is pending: the copy gets a changeset of its own.
  if (!pending.some((c) => c.bump !== null)) {
    const text = `---\n"@opsmerge/mocks": patch\n---\n\nA release made by the changesets test.\n`;
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

/** The first line of a changeset's text (after the front matter). */
const summary = (text: string): string => text.split(/\r?\n---\r?\n/)[1]!.trim().split('\n')[0]!;

/** The packages a changeset names in its front matter. */
const namedIn = (text: string): string[] => names.filter((name) => parseChangeset(text, name) !== null);

describe('changesets', () => {
  it('is configured for public packages on main with the built-in changelog, the three packages in one fixed group', async () => {
    const config = JSON.parse(await readFile(join(root, '.changeset', 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ baseBranch: 'main', access: 'public', changelog: '@changesets/cli/changelog', commit: false });
    expect(config['fixed']).toEqual([names]);
    expect(rootPkg.private).toBe(true); // the workspace root is never released
    expect(rootPkg.workspaces).toEqual(PACKAGES.map((p) => `packages/${p.folder}`));
    for (const [name, pkg] of pkgs) expect(pkg.private, `${name} must be versionable`).not.toBe(true);
    expect(new Set([...pkgs.values()].map((p) => p.version)).size).toBe(1);
  });

  it('every pending changeset names only the three packages', () => {
    for (const c of pending) {
      const front = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(c.text)?.[1] ?? '';
      const listed = front.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(':')[0]!.trim().replace(/^["']|["']$/g, ''));
      expect(listed.filter((n) => !names.includes(n as (typeof names)[number])), c.file).toEqual([]);
    }
  });

  it('`changeset version` in a copy bumps the three packages to one version, updates their dependencies on each other and writes each CHANGELOG.md', async () => {
    const cli = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'version'], { cwd: dir, env: { ...process.env, CI: 'true' } });
    expect(stdout).toContain('All files have been updated');

    const bump = pending.reduce<Impact | null>((acc, c) => maxImpact(acc, c.bump), null)!;
    const version = expectedVersion(pkgs.get('@opsmerge/sdk')!.version!, bump);
    for (const p of PACKAGES) {
      const bumped = await readJson(join(dir, 'packages', p.folder, 'package.json'));
      expect(bumped.version, p.name).toBe(version);
      for (const [dep, range] of Object.entries(bumped.dependencies ?? {})) if (dep.startsWith('@opsmerge/')) expect(range, `${p.name} → ${dep}`).toBe(version);

      const changelog = await readFile(join(dir, 'packages', p.folder, 'CHANGELOG.md'), 'utf8');
      expect(changelog.startsWith(`# ${p.name}\n\n## ${version}\n`), p.name).toBe(true);
      for (const c of pending.filter((x) => namedIn(x.text).includes(p.name))) expect(changelog, `${p.name}: ${c.file}`).toContain(summary(c.text));
    }
    expect(await readJson(join(dir, 'package.json'))).toEqual(rootPkg);
    // The changesets are consumed; the config and README stay.
    expect((await readdir(join(dir, '.changeset'))).sort()).toEqual(['README.md', 'config.json']);
  }, 60_000);
});
