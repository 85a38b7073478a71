/**
 * The samples of the generated API reference and of the landing page, held to what the guides'
 * samples are held to: every TypeScript sample type-checks as an integrator's module, and
 * every sample — TypeScript, low-level TypeScript, curl and CLI — runs against the stateful
 * mock (over HTTP, as against the sandbox) and gets only successful answers.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSite, sandboxUrl, type GeneratedSite } from '../../scripts/build/docs/generate.js';
import { readSiteInput } from '../../scripts/build/docs/inputs.js';
import { extractCodeBlocks, TYPESCRIPT_FENCES } from './code-blocks.js';
import { runCli, runCurl, runTypeScript, startSandbox, type Sandbox } from './sample-runner.js';
import { typeCheck, type SampleModule } from './type-check.js';

const root = join(import.meta.dirname, '..', '..');
const LANDING = join('docs', 'site', 'index.md');
const typeCheckDir = join(root, '.tmp', `reference-typecheck-${process.pid}`);
const runDir = join(root, '.tmp', `reference-run-${process.pid}`);

const site: GeneratedSite = generateSite(await readSiteInput(root, join(root, '.tmp', 'docs-pages')));
const server = sandboxUrl(site.reference);
const operations = [...site.samples.entries()].map(([id, samples]) => ({ id, samples }));

async function landingSamples(): Promise<SampleModule[]> {
  const blocks = extractCodeBlocks(await readFile(join(root, LANDING), 'utf8'), LANDING).filter((b) => TYPESCRIPT_FENCES.has(b.lang));
  return blocks.map((b, i) => ({ module: `landing.${i + 1}.ts`, code: b.code }));
}

/** What the mock answered for one sample, checked: at least one request, none refused. */
function expectAnsweredOk(sandbox: Sandbox, what: string): void {
  const refused = sandbox.answered.filter((a) => a.status >= 400);
  expect(sandbox.answered.length, `${what} sent no request`).toBeGreaterThan(0);
  expect(refused, `${what} was refused: ${JSON.stringify(refused)}`).toEqual([]);
}

describe('the samples of the generated API reference', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
    await rm(runDir, { recursive: true, force: true });
    await mkdir(runDir, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await sandbox?.close();
    await rm(runDir, { recursive: true, force: true });
    await rm(typeCheckDir, { recursive: true, force: true });
  });

  it('has the samples of every operation: TypeScript, low-level TypeScript and curl, and a CLI command for most', () => {
    expect(operations.length).toBe(site.reference.operations.length);
    for (const { id, samples } of operations) {
      expect(samples.typescript, id).toContain("from '@opsmerge/sdk'");
      expect(samples.curl, id).toMatch(/^curl /);
    }
    expect(operations.filter((o) => o.samples.cli).length).toBeGreaterThan(operations.length / 2);
  });

  it('type-checks every TypeScript sample of the reference and the landing page as a module', { timeout: 180_000 }, async () => {
    const modules: SampleModule[] = [
      ...operations.flatMap(({ id, samples }) => [
        { module: `${id}.ts`, code: samples.typescript },
        { module: `${id}.low-level.ts`, code: samples.lowLevel },
      ]),
      ...(await landingSamples()),
    ];
    const problems = (await typeCheck(typeCheckDir, modules)).map(({ file, line, message }) => `${file || relative(root, typeCheckDir)}:${line}: ${message}`);
    expect(problems, `samples that do not type-check:\n${problems.join('\n')}`).toEqual([]);
  });

  it('runs the landing page\'s quick start against the stateful mock', { timeout: 30_000 }, async () => {
    for (const sample of await landingSamples()) {
      sandbox.reset();
      const file = join(runDir, sample.module);
      await writeFile(file, sample.code);
      await runTypeScript(file, sandbox);
      expectAnsweredOk(sandbox, sample.module);
    }
  });

  it.each(operations)('runs every sample of $id against the stateful mock', { timeout: 60_000 }, async ({ id, samples }) => {
    for (const [kind, code] of [
      ['typescript', samples.typescript],
      ['low-level', samples.lowLevel],
    ] as const) {
      sandbox.reset();
      const file = join(runDir, `${id}.${kind}.ts`);
      await writeFile(file, code);
      await runTypeScript(file, sandbox);
      expectAnsweredOk(sandbox, `${id}: the ${kind} sample`);
    }

    sandbox.reset();
    await runCurl(samples.curl, server, sandbox);
    expectAnsweredOk(sandbox, `${id}: the curl sample`);

    if (samples.cli) {
      sandbox.reset();
      const result = await runCli(samples.cli, sandbox);
      expect(result.code, `${id}: opsmerge ${samples.cli.join(' ')}\n${result.stderr}`).toBe(0);
      expectAnsweredOk(sandbox, `${id}: the CLI sample`);
    }
  });
});
