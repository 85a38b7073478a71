/**
 * Shared by the package tests: build and `npm pack` the package once per content hash
 * (several test files, or several runs, share it), install the tarball into a consumer
 * project outside the repo, and fetch Node binaries from the registry's `node` package.
 * Everything lives under the OS temp dir, never inside the repo: a consumer inside it
 * would resolve missing dependencies from the repo's own node_modules.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { stopChild } from '../support/child.js';

export const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

export type Json = Record<string, unknown>;

/** The environment for child npm runs: without the npm_* variables of an enclosing `npm test`. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/**
 * package.json as it ships: the repo's, with `package.patch.json` (fields proposed for
 * package.json, merged one level deep) applied while that file exists.
 */
export async function effectivePackageJson(): Promise<Json> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Json;
  const patchFile = join(root, 'package.patch.json');
  if (!(await exists(patchFile))) return pkg;
  const patch = JSON.parse(await readFile(patchFile, 'utf8')) as Json;
  for (const [key, value] of Object.entries(patch)) {
    const current = pkg[key];
    const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
    pkg[key] = isObject(value) && isObject(current) ? { ...current, ...value } : value;
  }
  return pkg;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Entries of `files` that ship from the repo as they are (everything but the build output, dist/). */
function shippedSources(pkg: Json): string[] {
  return ((pkg['files'] as string[] | undefined) ?? []).filter((f) => !/^\.?\/?dist(\/|$)/.test(f) && !f.startsWith('!'));
}

/** Hash of everything the tarball is made from. */
async function inputHash(pkg: Json): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(pkg));
  const files: string[] = [];
  for (const entry of ['src', 'generated', 'mocks', ...shippedSources(pkg)]) {
    const path = join(root, entry);
    if (!(await exists(path))) continue;
    if ((await stat(path)).isDirectory()) for await (const f of walk(path)) files.push(f);
    else files.push(path);
  }
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'scripts/build/build.ts', 'README.md', 'LICENSE']) {
    if (await exists(join(root, f))) files.push(join(root, f));
  }
  for (const f of files.sort()) hash.update(relative(root, f)).update('\0').update(await readFile(f)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export interface PackedPackage {
  /** The staging directory `npm pack` ran in (package.json + dist/ + docs). */
  stage: string;
  tarball: string;
  /** Paths inside the tarball (without the `package/` prefix). */
  files: string[];
  pkg: Json;
}

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
    if (!name.startsWith('opsmerge-package-') || join(tmpdir(), name) === keep) continue;
    const path = join(tmpdir(), name);
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    if (age > STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

/** Builds (scripts/build/build.ts) into a staging copy and packs it, once per input hash. */
export async function packOnce(): Promise<PackedPackage> {
  const pkg = await effectivePackageJson();
  const dir = join(tmpdir(), `opsmerge-package-${await inputHash(pkg)}`);
  const done = join(dir, 'packed.json');
  // The first caller builds; the others (other test files, in parallel) wait for packed.json.
  const owner = await claim(dir, done);
  if (!owner) await waitFor(done, 240_000);
  if (owner) {
    await removeOldBuilds(dir);
    try {
      const stage = join(dir, 'stage');
      await mkdir(stage);
      await writeFile(join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
      // What `files` lists besides the build (bin/, CHANGELOG.md…), and what npm always ships.
      for (const f of new Set([...shippedSources(pkg), 'README.md', 'LICENSE'])) {
        if (await exists(join(root, f))) await cp(join(root, f), join(stage, f), { recursive: true });
      }
      const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      await run(process.execPath, [tsx, join(root, 'scripts', 'build', 'build.ts'), '--out', join(stage, 'dist')], { cwd: root, maxBuffer: 16 << 20 }).catch((err: { stdout?: string; stderr?: string }) => {
        throw new Error(`npm run build failed:\n${err.stderr ?? ''}${err.stdout ?? ''}`);
      });
      const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: stage, maxBuffer: 16 << 20, env: npmEnv() });
      const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
      const packed: PackedPackage = { stage, tarball: join(dir, info!.filename), files: info!.files.map((f) => f.path).sort(), pkg };
      await writeFile(done, JSON.stringify(packed));
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  return JSON.parse(await readFile(done, 'utf8')) as PackedPackage;
}

/** Runs a node script of a package's bin (publint, attw…) from the repo's node_modules. */
export async function runTool(bin: string, args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [join(root, 'node_modules', bin), ...args], { cwd, maxBuffer: 16 << 20, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }));
}

/** A consumer project under the temp dir with the tarball (and `extra` packages) installed. */
export async function installConsumer(packed: PackedPackage, name: string, extra: string[] = []): Promise<string> {
  const dir = join(packed.tarball, '..', name);
  const done = join(dir, '.installed');
  if (await exists(done)) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `opsmerge-${name}`, private: true, type: 'module' }, null, 2));
  await run('npm', ['install', packed.tarball, ...extra, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, maxBuffer: 16 << 20, env: npmEnv() });
  await writeFile(done, new Date().toISOString());
  return dir;
}

/**
 * The `node` binary of a major version from the registry's `node` package (it installs the
 * platform's `node-<os>-<arch>` binary package), cached in the temp dir across runs.
 */
export async function nodeBinary(major: number): Promise<string> {
  const dir = join(tmpdir(), `opsmerge-node-${major}-${process.platform}-${process.arch}`);
  const bin = join(dir, 'node_modules', 'node', 'bin', 'node');
  if (await exists(bin)) {
    const ok = await run(bin, ['--version']).then(({ stdout }) => stdout.startsWith(`v${major}.`), () => false);
    if (ok) return bin;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // npm 11 runs install scripts it is told about: the `node` package's preinstall fetches the binary package.
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `node-${major}`, private: true, allowScripts: { node: true } }));
  await run('npm', ['install', `node@${major}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, maxBuffer: 16 << 20, env: npmEnv() });
  const s = await stat(bin);
  if (!s.isFile()) throw new Error(`node@${major}: no binary at ${bin}`);
  return bin;
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
