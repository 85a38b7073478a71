/**
 * Every ```ts block of the guides (docs/*.md) and the READMEs type-checks against the SDK as
 * an integrator would write it: each block is its own ES module (top-level await works)
 * importing `@opsmerge/sdk` and its subpaths, or `@opsmerge/mocks` (tsconfig.json's `paths` map them to their sources),
 * under the project's strict compiler options, in one `tsc --noEmit` run. A block that is not
 * TypeScript uses another fence (```sh, ```text, ```json); a bare fence is refused.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCodeBlocks, TYPESCRIPT_FENCES, type CodeBlock } from './code-blocks.js';
import { typeCheck } from './type-check.js';

const root = join(import.meta.dirname, '..', '..');
// Inside the repository so that `msw`, `vitest` and `@types/node` resolve from node_modules.
const workDir = join(root, '.tmp', `docs-samples-${process.pid}`);

/** The guides, the repository's README and each package's README (the one npm shows). */
async function markdownFiles(): Promise<string[]> {
  const docs = (await readdir(join(root, 'docs'))).filter((name) => name.endsWith('.md')).sort();
  const packages = (await readdir(join(root, 'packages'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('packages', entry.name, 'README.md'))
    .sort();
  return ['README.md', ...packages, ...docs.map((name) => join('docs', name))];
}

interface Sample extends CodeBlock {
  /** Which TypeScript block of its file this is, from 1. */
  readonly index: number;
  /** The module it was written to, relative to the work dir. */
  readonly module: string;
}

async function collect(): Promise<{ samples: Sample[]; bareFences: CodeBlock[] }> {
  const samples: Sample[] = [];
  const bareFences: CodeBlock[] = [];
  for (const file of await markdownFiles()) {
    const blocks = extractCodeBlocks(await readFile(join(root, file), 'utf8'), file);
    bareFences.push(...blocks.filter((block) => block.lang === ''));
    blocks
      .filter((block) => TYPESCRIPT_FENCES.has(block.lang))
      .forEach((block, i) => {
        const stem = file.replace(/^docs\//, '').replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-');
        samples.push({ ...block, index: i + 1, module: `${stem}.${i + 1}.ts` });
      });
  }
  return { samples, bareFences };
}

describe('code samples in the guides and the README', () => {
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('uses a language on every fence (ts is type-checked; sh, text, json… are not)', async () => {
    const { bareFences } = await collect();
    expect(bareFences.map((block) => `${block.file}:${block.line - 1}`)).toEqual([]);
  });

  it('type-checks every ```ts block as a module importing @opsmerge/sdk', { timeout: 90_000 }, async () => {
    const { samples } = await collect();
    expect(samples.length).toBeGreaterThan(0);

    const diagnostics = await typeCheck(workDir, samples);

    const byModule = new Map(samples.map((s) => [s.module, s]));
    const problems = diagnostics.map(({ file, line, message }) => {
      const sample = byModule.get(file);
      if (!sample) return `${file ? `${relative(root, join(workDir, file))}:${line}` : 'tsc'}: ${message}`;
      return `${sample.file}:${sample.line + line - 1} (ts block ${sample.index}, line ${line} of the block): ${message}`;
    });
    expect(problems, `samples that do not type-check:\n${problems.join('\n')}`).toEqual([]);
  });
});
