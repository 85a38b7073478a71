/**
 * Coverage of the contract suite: every operation of the operations table (generated from the
 * spec) has a contract that runs on Prism and on the MSW mock. The family modules
 * (conformance/families, shipped for `opsmerge contract`) only declare contracts, so
 * importing them here runs nothing; their *.test.ts files here run them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../generated/operations.js';
import { FAMILIES } from '../../conformance/families/index.js';

const here = import.meta.dirname;
const familiesDir = join(here, '..', '..', 'conformance', 'families');
const contracts = Object.values(FAMILIES).flatMap((f) => f.contracts.map((c) => ({ family: f.name, ...c })));
const operationIds = Object.keys(operations) as OperationId[];

describe('contract coverage', () => {
  it('gives every operation of the spec a contract test', () => {
    const covered = new Set(contracts.filter((c) => c.kind === 'operation').map((c) => c.operationId));
    const missing = operationIds.filter((id) => !covered.has(id)).map((id) => `${id} (${operations[id].method} ${operations[id].path})`);
    expect(missing, `operations without a contract test:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('runs every operation contract on both Prism and the MSW mock', () => {
    const onBoth = new Set(contracts.filter((c) => c.kind === 'operation' && c.targets.includes('prism') && c.targets.includes('msw')).map((c) => c.operationId));
    const missing = operationIds.filter((id) => !onBoth.has(id));
    expect(missing, `operations whose contract skips Prism or the MSW mock:\n  ${missing.join('\n  ')}`).toEqual([]);
  });

  it('names only operations that exist in the spec', () => {
    const unknown = contracts.flatMap((c) => c.operations.filter((id) => !(id in operations)).map((id) => `${c.family}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('excludes from the partner run only internal operations, and says why', () => {
    const excluded = contracts.filter((c) => c.kind === 'operation' && c.excluded.partner !== undefined);
    expect(excluded.filter((c) => operations[c.operationId].stability !== 'internal').map((c) => c.operationId)).toEqual([]);
    for (const c of excluded) expect(c.excluded.partner?.length ?? 0, `${c.operationId}: the reason is printed in the conformance table`).toBeGreaterThan(20);
  });

  it('gives every family module a test file that runs it', () => {
    const modules = readdirSync(familiesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(modules.sort()).toEqual(Object.keys(FAMILIES).sort());
    const notRun = modules.filter((name) => {
      let source: string;
      try {
        source = readFileSync(join(here, `${name}.test.ts`), 'utf8');
      } catch {
        return true;
      }
      return !source.includes(`runFamily(${name})`);
    });
    expect(notRun, 'family modules without a <family>.test.ts calling runFamily').toEqual([]);
  });

  it('gives every test in a family a distinct name', () => {
    for (const f of Object.values(FAMILIES)) {
      const names = f.contracts.map((c) => `${c.kind}:${c.operationId}:${c.title}`);
      expect(new Set(names).size, f.name).toBe(names.length);
    }
  });
});
