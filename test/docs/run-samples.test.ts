/**
 * Every ```ts block and every shell block of README.md and docs/*.md *runs* against the
 * stateful mock, as a newcomer runs it after starting `opsmerge mock --stateful` and pasting
 * the `export` lines it prints (samples.test.ts only type-checks the ts blocks):
 *
 * - HTTP mocks start in this process on free ports (seed 1, following real time); blocks run
 *   a few at a time, each on a mock of its own, freshly reset. Each block gets
 *   OPSMERGE_BASE_URL, OPSMERGE_API_KEY, OPSMERGE_MOCK_TOKEN and the OAuth test client
 *   (OPSMERGE_OAUTH_CLIENT_ID, OPSMERGE_OAUTH_CLIENT_SECRET) in its environment, and a fresh HOME.
 * - A ```ts block is its own ES module, run by Node. The blocks are bundled once with esbuild
 *   (the packages taken from their sources, as test/cli/helpers.ts builds the CLI; npm packages
 *   stay external), which starts each one several times faster than tsx would; samples.test.ts
 *   type-checks them. Blocks that import vitest are test files (MSW in-process, no OPSMERGE_*
 *   variables), run by one vitest.
 * - A ```sh block runs in bash (`set -euo pipefail`) in an empty directory, with the API key
 *   on stdin (for `opsmerge login`). `opsmerge` and `npx opsmerge` run the built CLI, as
 *   test/cli/helpers.ts builds it; curl and jq are the system's; `npm` is never run.
 * - The table of docs/testing.md that maps each 401/403/429 code to curl commands runs row by
 *   row, and each row must answer with its code.
 *
 * A block that cannot run says so in its info string, with the reason:
 * ```` ```sh no-run: starts a server that runs until Ctrl-C ````.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { builtLauncher, bundleFromSources } from '../cli/helpers.js';
import { extractCodeBlocks, TYPESCRIPT_FENCES, type CodeBlock } from './code-blocks.js';

const root = join(import.meta.dirname, '..', '..');
// Inside the repository, so that tsx finds tsconfig.json's paths and node_modules.
const workDir = join(root, '.tmp', `docs-run-${process.pid}`);
const SHELL_FENCES: ReadonlySet<string> = new Set(['sh', 'bash', 'shell']);
const NO_RUN = /^no-run\b:?\s*(.*)$/;

interface Sample extends CodeBlock {
  readonly kind: 'ts' | 'vitest' | 'sh';
  /** `docs/testing.md:31`: where the block's code starts. */
  readonly where: string;
  /** The module a ts block is written to, relative to the work dir. */
  readonly module: string;
  /** The bundle a ts block runs as, relative to the work dir. */
  readonly bundle: string;
}

function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => join('docs', name))];
}

function collect(): { samples: Sample[]; skipped: Array<{ where: string; reason: string }> } {
  const samples: Sample[] = [];
  const skipped: Array<{ where: string; reason: string }> = [];
  for (const file of markdownFiles()) {
    extractCodeBlocks(readFileSync(join(root, file), 'utf8'), file).forEach((block, i) => {
      const ts = TYPESCRIPT_FENCES.has(block.lang);
      if (!ts && !SHELL_FENCES.has(block.lang)) return;
      const where = `${file}:${block.line}`;
      const noRun = NO_RUN.exec(block.info);
      if (noRun) return void skipped.push({ where, reason: noRun[1]!.trim() });
      const kind = !ts ? 'sh' : /from 'vitest'/.test(block.code) ? 'vitest' : 'ts';
      const stem = file.replace(/^docs\//, '').replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-');
      const name = `${stem}.${i + 1}`;
      samples.push({ ...block, kind, where, module: kind === 'vitest' ? join('vitest', `${name}.test.ts`) : `${name}.ts`, bundle: join('dist', `${name}.mjs`) });
    });
  }
  return { samples, skipped };
}

interface Table {
  readonly code: string;
  readonly setUp: readonly string[];
  readonly request: string;
}

/** Rows of the `| code | set-up | request |` table of docs/testing.md. */
function curlTable(): Table[] {
  const lines = readFileSync(join(root, 'docs', 'testing.md'), 'utf8').split('\n');
  const header = lines.findIndex((line) => /^\|\s*code\s*\|\s*set-up\s*\|\s*request\s*\|\s*$/i.test(line));
  if (header < 0) return [];
  const rows: Table[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1);
    const spans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));
    rows.push({ code: spans(cells[0] ?? '')[0] ?? '', setUp: spans(cells[1] ?? ''), request: spans(cells[2] ?? '')[0] ?? '' });
  }
  return rows;
}

const { samples, skipped } = collect();
const table = curlTable();

interface Result {
  readonly code: number | null;
  readonly output: string;
}

function runProcess(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeoutMs: number }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms: a sample that does not end must be marked no-run]`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    // A sample that ends without reading its input may close the pipe first: EPIPE is no failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

const SHELL_PREAMBLE = `
opsmerge() { "$SAMPLE_NODE" "$SAMPLE_CLI" "$@"; }
npx() {
  if [ "$1" = opsmerge ]; then shift; opsmerge "$@"; return; fi
  echo "docs sample runner: npx $1 is not run; mark the block no-run with a reason" >&2; return 127
}
npm() { echo "docs sample runner: npm is not run; mark the block no-run with a reason" >&2; return 127; }
set -euo pipefail
`;

/** Blocks run this many at a time, each on its own mock (tsx start-up is CPU-bound). */
const LANES = 3;
const mocks: RunningMockServer[] = [];
const idle: RunningMockServer[] = [];
const waiting: Array<(mock: RunningMockServer) => void> = [];
let cli: string;
const scratch: string[] = [];

/** Runs `fn` on an idle mock, reset first; waits for one when every lane is busy. */
async function onMock<T>(fn: (mock: RunningMockServer) => Promise<T>): Promise<T> {
  const mock = idle.pop() ?? (await new Promise<RunningMockServer>((resolve) => waiting.push(resolve)));
  try {
    mock.api.reset();
    return await fn(mock);
  } finally {
    const next = waiting.shift();
    if (next) next(mock);
    else idle.push(mock);
  }
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A bare environment: PATH, a fresh HOME, no colours. */
function baseEnv(): NodeJS.ProcessEnv {
  const home = tempDir('opsmerge-docs-home-');
  return { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: home, NO_COLOR: '1' };
}

/** The environment a newcomer has after pasting the mock's export lines. */
function sampleEnv(mock: RunningMockServer): NodeJS.ProcessEnv {
  const oauthClient = mock.api.oauth.clients.find((c) => c.secret !== undefined)!;
  return {
    ...baseEnv(),
    OPSMERGE_BASE_URL: mock.url,
    OPSMERGE_API_KEY: mock.api.testKey,
    OPSMERGE_MOCK_TOKEN: mock.api.control!.token,
    OPSMERGE_OAUTH_CLIENT_ID: oauthClient.id,
    OPSMERGE_OAUTH_CLIENT_SECRET: oauthClient.secret!,
    SAMPLE_NODE: process.execPath,
    SAMPLE_CLI: cli,
  };
}

function runShell(mock: RunningMockServer, code: string, timeoutMs = 90_000): Promise<Result> {
  return runProcess('bash', ['-c', `${SHELL_PREAMBLE}\n${code}\n`], { cwd: tempDir('opsmerge-docs-sh-'), env: sampleEnv(mock), input: `${mock.api.testKey}\n`, timeoutMs });
}

beforeAll(async () => {
  const started = await Promise.all(Array.from({ length: LANES }, () => startMockServer({ port: 0, seed: 1 })));
  mocks.push(...started);
  idle.push(...started);
  cli = await builtLauncher();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, 'vitest'), { recursive: true });
  writeFileSync(
    join(workDir, 'vitest', 'vitest.config.mts'),
    [
      "import { defineConfig } from 'vitest/config';",
      "import base from '../../../vitest.config.ts';",
      "export default defineConfig({ resolve: base.resolve, test: { include: ['*.test.ts'], testTimeout: 20_000 } });",
    ].join('\n'),
  );
  for (const sample of samples.filter((s) => s.kind !== 'sh')) writeFileSync(join(workDir, sample.module), `${sample.code}\nexport {};\n`);
  await bundleFromSources(
    samples.filter((s) => s.kind === 'ts').map((s) => ({ in: join(workDir, s.module), out: s.bundle.replace(/^dist\//, '').replace(/\.mjs$/, '') })),
    join(workDir, 'dist'),
    { '.js': '.mjs' },
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(mocks.map((mock) => mock.close()));
  rmSync(workDir, { recursive: true, force: true });
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('the samples of the README and the guides, run against the stateful mock', () => {
  it('finds blocks to run, and every block it does not run is marked no-run with a reason', () => {
    expect(samples.length).toBeGreaterThan(40);
    expect(skipped.filter((s) => s.reason.length < 10).map((s) => s.where)).toEqual([]);
  });

  for (const sample of samples.filter((s) => s.kind !== 'vitest')) {
    it(`the ${sample.lang} block at ${sample.where} runs against the mock`, { timeout: 300_000 }, async () => {
      const result = await onMock((mock) =>
        sample.kind === 'sh'
          ? runShell(mock, sample.code)
          : runProcess(process.execPath, [sample.bundle], { cwd: workDir, env: sampleEnv(mock), timeoutMs: 90_000 }),
      );
      expect(result.code, `${sample.where} exited with ${result.code}:\n${result.output}`).toBe(0);
    });
  }

  it('runs the blocks that are vitest test files (MSW in-process), every test passing', { timeout: 180_000 }, async () => {
    const tests = samples.filter((s) => s.kind === 'vitest');
    expect(tests.length).toBeGreaterThan(0);
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const report = join(workDir, 'vitest', 'report.json');
    const result = await runProcess(process.execPath, [vitest, 'run', '--config', 'vitest.config.mts', '--reporter=json', `--outputFile=${report}`], {
      cwd: join(workDir, 'vitest'),
      // These blocks run MSW in-process on the SDK's default URLs: no OPSMERGE_* variables.
      env: { ...baseEnv(), CI: '1' },
      timeoutMs: 170_000,
    });
    const files = (JSON.parse(readFileSync(report, 'utf8')) as { testResults: Array<{ name: string; status: string; assertionResults: Array<{ title: string; status: string }> }> }).testResults;
    const failed = files.flatMap((f) => {
      const sample = tests.find((t) => f.name.endsWith(t.module));
      return f.status === 'passed' ? [] : [`${sample?.where ?? f.name}: ${f.assertionResults.filter((a) => a.status !== 'passed').map((a) => a.title).join(', ') || f.status}`];
    });
    expect(failed, result.output).toEqual([]);
    expect(files).toHaveLength(tests.length);
    expect(result.code, result.output).toBe(0);
  });
});

describe.concurrent('the table of docs/testing.md: each 401, 403 and 429 code from curl alone', () => {
  it('lists a row per code, set-up and request as curl commands', () => {
    expect(table.map((row) => row.code)).toEqual(expect.arrayContaining(['UNAUTHORIZED', 'KEY_REVOKED', 'FORBIDDEN', 'INSUFFICIENT_SCOPE', 'IP_NOT_ALLOWED', 'RATE_LIMITED', 'QUOTA_EXCEEDED']));
    for (const row of table) expect([...row.setUp, row.request].every((command) => command.startsWith('curl ') || command.startsWith('for '))).toBe(true);
  });

  for (const row of table.filter((r) => r.request !== '')) {
    it(`the ${row.code} row answers with ${row.code}`, { timeout: 300_000 }, async () => {
      const result = await onMock((mock) => runShell(mock, [...row.setUp, row.request].join('\n')));
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`"code":"${row.code}"`);
    });
  }
});
