/**
 * The side effects of the stability-policy gate: bundling a spec and running `redocly diff`
 * with the pinned @redocly/cli, and reading the pending changesets from `.changeset/`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { alignParameters, parseChangeset, type Changeset, type RedoclyReport } from './compat.js';
import type { OpenApiDocument } from '../codegen/spec-types.js';

const root = join(import.meta.dirname, '..', '..');
const redoclyCli = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

/**
 * `diff-recommended` rates a new value in a response enum as major. Our policy treats it as
 * an addition (minor): integrators handle unknown enum values (a new error code, a new
 * agent status), as with every large public API.
 */
export const REDOCLY_DIFF_CONFIG = ['extends:', '  - diff-recommended', 'diff:', '  enum-values-added: minor', ''].join('\n');

async function runRedocly(args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, [redoclyCli, ...args], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    // No telemetry, no update check: the gate runs offline.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'opsmerge-compat-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Loads a spec as one document: a `.json` file as is, anything else (the multi-file YAML) bundled by redocly. */
export async function loadSpec(file: string): Promise<OpenApiDocument> {
  if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8')) as OpenApiDocument;
  return withTempDir(async (dir) => {
    const out = join(dir, 'bundle.json');
    await runRedocly(['bundle', file, '--ext', 'json', '-o', out]);
    return JSON.parse(await readFile(out, 'utf8')) as OpenApiDocument;
  });
}

/** `redocly diff --format json` between two bundled documents (parameters aligned first). */
export async function redoclyDiff(base: OpenApiDocument, revision: OpenApiDocument): Promise<RedoclyReport> {
  const [b, r] = alignParameters(base, revision);
  return withTempDir(async (dir) => {
    await writeFile(join(dir, 'base.json'), JSON.stringify(b, null, 2));
    await writeFile(join(dir, 'revision.json'), JSON.stringify(r, null, 2));
    await writeFile(join(dir, 'redocly.yaml'), REDOCLY_DIFF_CONFIG);
    const out = join(dir, 'report.json');
    await runRedocly(['diff', join(dir, 'base.json'), join(dir, 'revision.json'), '--config', join(dir, 'redocly.yaml'), '--format', 'json', '--fail-on', 'none', '-o', out]);
    const report = JSON.parse(await readFile(out, 'utf8')) as RedoclyReport;
    if (!Array.isArray(report.changes)) throw new Error('redocly diff: the JSON report has no `changes` list');
    return report;
  });
}

/** The pending changesets in `dir` (every `*.md` but README.md) with the package's bump (see {@link parseChangeset}). */
export async function readChangesets(dir: string, packageNames: string | readonly string[]): Promise<Changeset[]> {
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const changesets: Changeset[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    changesets.push({ file: name, bump: parseChangeset(await readFile(join(dir, name), 'utf8'), packageNames) });
  }
  return changesets;
}
