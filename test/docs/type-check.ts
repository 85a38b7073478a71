/**
 * Type-checks code samples as an integrator would write them: each sample is its own ES
 * module (top-level await works) importing `@opsmerge/sdk` and its subpaths, or
 * `@opsmerge/mocks` (tsconfig.json's `paths` map them to their sources), under the project's
 * strict compiler options, in one `tsc --noEmit` run. Used by the guides' sample test and the
 * generated reference's.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** One sample to check: the module's file name (`agents_list.ts`) and its code. */
export interface SampleModule {
  readonly module: string;
  readonly code: string;
}

/** A compiler error: the module (relative to the work dir, '' for a general one), the line in it, the message. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** `file(line,col): error TS1234: message` lines of `tsc --pretty false`, with continuation lines. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: { file: string; line: number; message: string }[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
    if (m) diagnostics.push({ file: m[1]!, line: Number(m[2]), message: m[3]! });
    else if (line.startsWith(' ') && diagnostics.length > 0) diagnostics.at(-1)!.message += `\n    ${line.trim()}`;
    else if (line.trim() !== '') diagnostics.push({ file: '', line: 0, message: line.trim() });
  }
  return diagnostics;
}

/**
 * Writes the modules to `workDir` (inside the repository, so that `msw`, `vitest` and
 * `@types/node` resolve from node_modules) and runs tsc over them; returns its errors.
 */
export async function typeCheck(workDir: string, modules: readonly SampleModule[]): Promise<Diagnostic[]> {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const fromWork = (path: string): string => relative(workDir, join(root, path)).split('\\').join('/');
  await writeFile(join(workDir, 'tsconfig.json'), JSON.stringify({ extends: fromWork('tsconfig.json'), compilerOptions: { noEmit: true }, include: ['*.ts'] }));
  // `export {}` makes every sample a module (top-level await, no global leaks) without moving its lines.
  await Promise.all(modules.map((m) => writeFile(join(workDir, m.module), `${m.code}\nexport {};\n`)));
  const output = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', workDir], { cwd: workDir, maxBuffer: 16 * 1024 * 1024 }).then(
    () => '',
    (error: { stdout?: string; stderr?: string; message: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}` || error.message,
  );
  return parseDiagnostics(output);
}
