/**
 * Runs the CLI as a subprocess, the way an installed package runs it: `node bin/opsmerge.mjs`,
 * the launcher (packages/cli/bin/), importing compiled JavaScript (dist/main.js, the mock server in a chunk of
 * its own that only `opsmerge mock` loads). The build is an esbuild bundle of cli/main.ts, with
 * the workspace packages (`@opsmerge/sdk`, `@opsmerge/mocks`) taken from their sources, into
 * .tmp/cli-build/<hash of the sources>/, made once and shared by every test file — a third of
 * the start-up time of tsx, which matters when the suite starts the CLI sixty times.
 * `runCliDev` runs cli/main.ts through tsx instead, as developers do.
 *
 * Every run gets a clean environment: no OPSMERGE_* variables from the developer's shell,
 * and HOME and XDG_CONFIG_HOME in a temporary directory, so no real profile is ever read
 * or written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { Io } from '../../cli/context.js';
import { run } from '../../cli/run.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'cli', 'main.ts');
const LAUNCHER = 'packages/cli/bin/opsmerge.mjs';
const SOURCES = ['src', 'generated', 'mocks', 'cli', 'conformance'];

/** The workspace packages, from their sources, as tsconfig.json's `paths` map them. */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(b) {
    const paths = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: { paths: Record<string, [string]> } }).compilerOptions.paths;
    b.onResolve({ filter: /^@opsmerge\// }, (args) => {
      const target = paths[args.path];
      return target ? { path: join(ROOT, target[0]) } : { errors: [{ text: `${args.path} is not a workspace entry (tsconfig.json paths)` }] };
    });
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|json)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

let launcher: Promise<string> | undefined;

/** Builds the CLI once per source state; returns the path of its bin/opsmerge.mjs. */
export function builtLauncher(): Promise<string> {
  launcher ??= (async () => {
    const files = [...SOURCES.flatMap(sourceFiles), LAUNCHER];
    const hash = createHash('sha256');
    for (const file of files) hash.update(file).update(readFileSync(join(ROOT, file)));
    const base = join(ROOT, '.tmp', 'cli-build');
    const dir = join(base, hash.digest('hex').slice(0, 16));
    const bin = join(dir, 'bin', 'opsmerge.mjs');
    if (existsSync(bin)) return bin;
    // Several test files may build at once: each builds aside, the first rename wins.
    const staging = `${dir}.${process.pid}.${Date.now()}`;
    await build({
      entryPoints: [{ in: 'cli/main.ts', out: 'main' }],
      outdir: join(staging, 'dist'),
      absWorkingDir: ROOT,
      format: 'esm',
      platform: 'node',
      // Keeps import attributes (`with { type: 'json' }`), which node20 as a target would strip.
      target: 'node22',
      bundle: true,
      splitting: true,
      packages: 'external',
      plugins: [workspaceSources],
      logLevel: 'error',
    });
    mkdirSync(join(staging, 'generated'));
    copyFileSync(join(ROOT, 'generated', 'openapi.json'), join(staging, 'generated', 'openapi.json'));
    mkdirSync(join(staging, 'bin'));
    copyFileSync(join(ROOT, LAUNCHER), join(staging, 'bin', 'opsmerge.mjs'));
    try {
      renameSync(staging, dir);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
    // Builds of older sources are of no further use once no run can still be using them.
    for (const old of readdirSync(base)) {
      const path = join(base, old);
      if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    }
    return bin;
  })();
  return launcher;
}

/** What a run of the CLI produced. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** Extra environment variables (on top of PATH, HOME and XDG_CONFIG_HOME). */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed (stdin is never a terminal here). */
  input?: string;
  /** HOME and XDG_CONFIG_HOME; by default an empty directory no test writes to. */
  configHome?: string;
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'opsmerge-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let emptyHome: string | undefined;

/** The environment of a CLI subprocess. */
export function cliEnv(options: RunOptions = {}): NodeJS.ProcessEnv {
  const home = options.configHome ?? (emptyHome ??= tempDir());
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    XDG_CONFIG_HOME: home,
    ...(process.env['SystemRoot'] ? { SystemRoot: process.env['SystemRoot'] } : {}),
    ...options.env,
  };
}

/** Starts the built CLI without waiting for it (for `opsmerge mock`). */
export async function spawnCli(args: readonly string[], options: RunOptions = {}): Promise<ChildProcess> {
  return spawn(process.execPath, [await builtLauncher(), ...args], { cwd: tmpdir(), env: cliEnv(options), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs the built CLI to completion. */
export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return collect(await spawnCli(args, options), options);
}

/** Runs cli/main.ts through tsx, as in the repository (`npx tsx cli/main.ts …`). */
export function runCliDev(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return collect(spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: cliEnv(options), stdio: ['pipe', 'pipe', 'pipe'] }), options);
}

function collect(child: ChildProcess, options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin!.end(options.input ?? '');
  });
}

/** `--base-url URL --api-key KEY` for a mock. */
export function against(mock: { url: string }, apiKey: string): string[] {
  return ['--base-url', mock.url, '--api-key', apiKey];
}

/** Parses stdout as JSON, with the output in the message when it is not. */
export function json<T = Record<string, unknown>>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON:\n${text}`);
  }
}

/** Parses NDJSON lines. */
export function ndjson<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => json<T>(line));
}

class Capture {
  text = '';
  readonly isTTY: boolean;
  readonly columns = 80;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/**
 * Runs the CLI in-process with captured streams: for help texts and parsing, where a
 * subprocess per case would only add seconds.
 */
export async function runInProcess(args: readonly string[], options: { env?: NodeJS.ProcessEnv; stderrIsTTY?: boolean } = {}): Promise<CliResult> {
  const env = options.env ?? cliEnv();
  const stdout = new Capture();
  const stderr = new Capture(options.stderrIsTTY ?? false);
  const stdin = (async function* () {})() as unknown as Io['stdin'];
  const code = await run(args, { stdout, stderr, stdin, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
