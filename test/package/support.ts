/**
 * Shared by the package and runtime tests: build and `npm pack` the three packages once per
 * content hash (several test files, or several runs, share it), install tarballs into a
 * consumer project outside the repo, and find Node binaries of a given major version.
 * Everything lives under the OS temp dir, never inside the repo: a consumer inside it would
 * resolve missing dependencies from the repo's own node_modules.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { PACKAGES, type PackageSpec } from '../../scripts/build/packages.js';
import { stopChild } from '../support/child.js';

export const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

export type Json = Record<string, unknown>;
export type PackageName = PackageSpec['name'];

/** The environment for child npm runs: without the npm_* variables of an enclosing `npm test`. */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), ...extra };
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Everything the tarballs are made from: sources, manifests and their docs, the build. */
const INPUTS = ['src', 'generated', 'mocks', 'cli', 'conformance', 'packages/sdk', 'packages/mocks', 'packages/cli', 'scripts/build', 'tsconfig.json', 'tsconfig.build.json'];

async function inputHash(): Promise<string> {
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const entry of INPUTS) {
    const path = join(root, entry);
    if (!(await exists(path))) continue;
    if ((await stat(path)).isDirectory()) {
      for await (const f of walk(path)) if (!relative(root, f).split('/').includes('dist')) files.push(f);
    } else files.push(path);
  }
  for (const f of files.sort()) hash.update(relative(root, f)).update('\0').update(await readFile(f)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** One packed package. */
export interface PackedPackage {
  name: PackageName;
  /** The staging folder `npm pack` ran in (package.json, dist/, README.md…). */
  stage: string;
  tarball: string;
  /** Paths inside the tarball (without the `package/` prefix), sorted. */
  files: string[];
  /** Its package.json. */
  pkg: Json;
}

export type PackedPackages = Record<PackageName, PackedPackage>;

async function waitFor(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await exists(file))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const STALE_MS = 10 * 60_000;

/** Claims `dir` (atomic mkdir). A claim older than 10 minutes that never finished is taken over. */
async function claim(dir: string, done: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch {
    const age = Date.now() - (await stat(dir)).mtimeMs;
    if (!(await exists(done)) && age > STALE_MS) {
      await rm(dir, { recursive: true, force: true });
      return claim(dir, done);
    }
    return false;
  }
}

/** Removes the package builds of earlier inputs (older than 10 minutes, so never a running one). */
async function removeOldBuilds(keep: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith('opsmerge-packages-') || join(tmpdir(), name) === keep) continue;
    const path = join(tmpdir(), name);
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

/** What `npm pack` is given besides dist/: the package folder's files (`files` and what npm always ships). */
async function stagePackage(spec: PackageSpec, stage: string): Promise<void> {
  const from = join(root, 'packages', spec.folder);
  await mkdir(stage, { recursive: true });
  for (const entry of await readdir(from)) if (entry !== 'dist' && entry !== 'node_modules') await cp(join(from, entry), join(stage, entry), { recursive: true });
}

/**
 * Builds the three packages (scripts/build/build.ts) into a staging copy and packs each, once
 * per input hash; the first caller builds, the others (other test files, in parallel) wait.
 */
export async function packOnce(): Promise<PackedPackages> {
  const dir = join(tmpdir(), `opsmerge-packages-${await inputHash()}`);
  const done = join(dir, 'packed.json');
  const owner = await claim(dir, done);
  if (!owner) await waitFor(done, 300_000);
  if (owner) {
    await removeOldBuilds(dir);
    try {
      const stage = join(dir, 'stage');
      for (const spec of PACKAGES) await stagePackage(spec, join(stage, spec.folder));
      const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      await run(process.execPath, [tsx, join(root, 'scripts', 'build', 'build.ts'), '--out', stage], { cwd: root, maxBuffer: 16 << 20 }).catch((err: { stdout?: string; stderr?: string }) => {
        throw new Error(`npm run build failed:\n${err.stderr ?? ''}${err.stdout ?? ''}`);
      });
      const packed = {} as PackedPackages;
      for (const spec of PACKAGES) {
        const folder = join(stage, spec.folder);
        const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: folder, maxBuffer: 16 << 20, env: npmEnv() });
        const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
        const pkg = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as Json;
        packed[spec.name] = { name: spec.name, stage: folder, tarball: join(dir, info!.filename), files: info!.files.map((f) => f.path).sort(), pkg };
      }
      await writeFile(done, JSON.stringify(packed));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  return JSON.parse(await readFile(done, 'utf8')) as PackedPackages;
}

/** Runs a node script of a package's bin (publint, attw…) from the repo's node_modules. */
export async function runTool(bin: string, args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [join(root, 'node_modules', bin), ...args], { cwd, maxBuffer: 16 << 20, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }));
}

/** The version the repository pins for a devDependency (`msw`, `@types/node`…), for consumers to install. */
export async function pinnedVersion(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const version = pkg.devDependencies[name];
  if (version === undefined) throw new Error(`${name} is not a devDependency of the repository`);
  return version;
}

/** A consumer project: its folder and the packages npm installed into it (`node_modules/…` paths, sorted). */
export interface Consumer {
  dir: string;
  installed: string[];
}

/**
 * A consumer project under the packed packages' temp dir with `packages` (their tarballs) and
 * `extra` registry packages (`msw@3.0.5`) installed. `overrides` send every `@opsmerge/*`
 * dependency to the tarballs, so nothing of ours comes from the registry.
 */
export async function installConsumer(packed: PackedPackages, name: string, packages: readonly PackageName[], extra: readonly string[] = []): Promise<Consumer> {
  const dir = join(packed['@opsmerge/sdk'].tarball, '..', `consumer-${name}`);
  const done = join(dir, '.installed');
  // Test files share consumers (the package and runtime tests both use `sdk`): the first installs, the others wait.
  if (!(await claim(dir, done))) await waitFor(done, 600_000);
  else {
    try {
      const tarballs = Object.fromEntries(PACKAGES.map((p) => [p.name, `file:${packed[p.name].tarball}`]));
      const dependencies = {
        ...Object.fromEntries(packages.map((p) => [p, tarballs[p]])),
        ...Object.fromEntries(extra.map((spec) => [spec.slice(0, spec.lastIndexOf('@')), spec.slice(spec.lastIndexOf('@') + 1)])),
      };
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `opsmerge-consumer-${name}`, private: true, type: 'module', dependencies, overrides: tarballs }, null, 2));
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, maxBuffer: 16 << 20, env: npmEnv() });
      await writeFile(done, new Date().toISOString());
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  return { dir, installed: Object.keys(lock.packages).filter((k) => k !== '').sort() };
}

/** Bytes of every file below `dir`. */
export async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for await (const f of walk(dir)) bytes += (await stat(f)).size;
  return bytes;
}

async function versionOf(bin: string): Promise<string | undefined> {
  return run(bin, ['--version'], { timeout: 10_000 }).then(({ stdout }) => stdout.trim().replace(/^v/, ''), () => undefined);
}

/**
 * The `node` binary of a major version: the machine's own when its `node` (on PATH, outside
 * any node_modules/.bin) is that major, else the registry's `node` package (it installs the
 * platform's `node-<os>-<arch>` binary package), cached in the temp dir across runs.
 */
export async function nodeBinary(major: number): Promise<{ bin: string; version: string; source: 'this process' | 'system' | 'registry' }> {
  if (Number(process.versions.node.split('.')[0]) === major) return { bin: process.execPath, version: process.versions.node, source: 'this process' };
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '' || dir.split(/[\\/]/).includes('node_modules')) continue;
    const bin = join(dir, 'node');
    const version = (await exists(bin)) ? await versionOf(bin) : undefined;
    if (version?.startsWith(`${major}.`)) return { bin, version, source: 'system' };
  }
  const dir = join(tmpdir(), `opsmerge-node-${major}-${process.platform}-${process.arch}`);
  const bin = join(dir, 'node_modules', 'node', 'bin', 'node');
  const done = join(dir, '.installed');
  // Several test files ask for the same major at once: the first installs, the others wait.
  if (!(await claim(dir, done))) await waitFor(done, 600_000);
  else {
    try {
      // npm 11 runs install scripts it is told about: the `node` package's preinstall fetches the binary package.
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `node-${major}`, private: true, allowScripts: { node: true } }));
      await run('npm', ['install', `node@${major}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, maxBuffer: 16 << 20, env: npmEnv() });
      await writeFile(done, new Date().toISOString());
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  const version = await versionOf(bin);
  if (!version?.startsWith(`${major}.`)) throw new Error(`node@${major}: no working binary at ${bin}`);
  return { bin, version, source: 'registry' };
}

export interface MockServer {
  url: string;
  key: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the stateful mock (scripts/run/mock-stateful.ts) on a free port, on this Node (24). */
export async function startStatefulMock(): Promise<MockServer> {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [tsx, join(root, 'scripts', 'run', 'mock-stateful.ts'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<{ url: string; key: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stateful mock did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /mock on (http:\/\/\S+) — \w+ key (om_\w+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, key: m[2]! });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stateful mock exited (${code}):\n${output}`));
    });
  });
  const { url, key } = await ready;
  return {
    url,
    key,
    process: child,
    stop: async () => {
      await stopChild(child);
    },
  };
}
