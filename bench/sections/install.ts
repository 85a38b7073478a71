/**
 * §6 Install footprint: what `npm install` puts on an integrator's disk. Ours is the packed
 * tarball of `@opsmerge/sdk` (the bench's build, packed with its README and LICENSE, as it is
 * published); the peers are the versions this repository pins, from the registry. Each goes
 * into a fresh project of its own (install scripts off), and we count the packages npm
 * installed (its lock file) and the bytes of every file under node_modules.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BuiltPackage } from '../lib/build-package.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** The peers whose footprint stands beside ours. */
export const INSTALL_PEERS = ['openai', '@octokit/core', 'ky'] as const;

export interface InstallRow {
  name: string;
  /** What was installed: `@opsmerge/sdk` (packed tarball) or `name@version`. */
  spec: string;
  /** Packages npm installed, the package itself included. */
  packages: string[];
  /** Bytes of every file under node_modules. */
  bytes: number;
  /** The tarball's size, ours only (npm pack). */
  tarballBytes?: number;
}

export interface InstallResult {
  rows: InstallRow[];
}

/** The environment for npm in a child: without the npm_* variables of an enclosing npm script. */
const npmEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await bytesUnder(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

async function install(dir: string, name: string, spec: string): Promise<InstallRow> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'footprint', private: true }));
  await run('npm', ['install', spec, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, env: npmEnv(), maxBuffer: 16 << 20 });
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  const packages = Object.keys(lock.packages)
    .filter((k) => k !== '')
    .map((k) => k.replace(/^.*node_modules\//, ''))
    .sort();
  return { name, spec, packages, bytes: await bytesUnder(join(dir, 'node_modules')) };
}

export async function runInstall(pkg: BuiltPackage, work: string, log: (line: string) => void): Promise<InstallResult> {
  const dir = join(work, 'install');
  await mkdir(dir, { recursive: true });
  // What npm publishes: the manifest, dist/, the README and the licence.
  for (const file of ['README.md', 'LICENSE']) await copyFile(join(ROOT, 'packages', 'sdk', file), join(pkg.pkg, file));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: pkg.pkg, env: npmEnv(), maxBuffer: 16 << 20 });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; size: number }>;
  const ours = await install(join(dir, 'ours'), '@opsmerge/sdk', join(dir, packed!.filename));
  const rows: InstallRow[] = [{ ...ours, spec: '@opsmerge/sdk (packed tarball)', tarballBytes: packed!.size }];
  const pinned = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
  for (const [i, peer] of INSTALL_PEERS.entries()) {
    const version = pinned[peer];
    if (version === undefined) throw new Error(`${peer} is not a devDependency of the repository: pin the version to compare with`);
    rows.push(await install(join(dir, `peer-${i}`), peer, `${peer}@${version}`));
  }
  log(`install footprint: ${rows.map((r) => `${r.name} ${r.packages.length} packages`).join(', ')}`);
  return { rows };
}
