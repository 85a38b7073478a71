import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addMonths,
  alignParameters,
  evaluate,
  parseChangeset,
  parseDate,
  parseVersion,
  referenceIndex,
  removalProblem,
  versionStep,
  type Changeset,
  type CompatResult,
  type Impact,
  type OpenApiDocument,
  type RedoclyReport,
  listOperations,
} from '../../scripts/gates/compat.js';
import { redoclyDiff } from '../../scripts/gates/compat-io.js';

/**
 * The stability-policy gate, rule by rule: each fixture in fixtures/ is one change to
 * fixtures/base.yaml (the "released" spec); `redocly diff` runs once per fixture, then the
 * pure `evaluate` is asked with different pending changesets.
 */
const fixtures = join(import.meta.dirname, 'fixtures');
const TODAY = new Date('2026-11-22T00:00:00Z');
const docs = new Map<string, OpenApiDocument>();
const reports = new Map<string, RedoclyReport>();

const load = async (name: string): Promise<OpenApiDocument> => parse(await readFile(join(fixtures, `${name}.yaml`), 'utf8')) as OpenApiDocument;

beforeAll(async () => {
  const names = (await readdir(fixtures)).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  for (const name of names) docs.set(name, await load(name));
  const base = docs.get('base')!;
  // redocly diff costs ~1 s of CPU per run: four at a time.
  const queue = names.filter((n) => n !== 'base');
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) reports.set(name, await redoclyDiff(base, docs.get(name)!));
    }),
  );
}, 120_000);

const changesets = (...bumps: Array<Impact | null>): Changeset[] => bumps.map((bump, i) => ({ file: `c${i}.md`, bump }));

function check(name: string, pending: Changeset[] = [], today = TODAY): CompatResult {
  return evaluate({ base: docs.get('base')!, revision: docs.get(name)!, report: reports.get(name)!, changesets: pending, today });
}

const rules = (r: CompatResult): string[] => r.violations.map((v) => v.rule);

describe('stable operations', () => {
  it('a breaking change without a major changeset fails', () => {
    const r = check('stable-breaking', changesets('minor'));
    expect(r.impact.stable).toBe('major');
    expect(rules(r)).toEqual(['stable-breaking-without-major']);
    expect(r.violations[0]!.message).toContain('Property `name` of `Widget` was removed');
    expect(rules(check('stable-breaking'))).toEqual(['stable-breaking-without-major']);
  });

  it('a breaking change with a major changeset passes', () => {
    expect(rules(check('stable-breaking', changesets('patch', 'major')))).toEqual([]);
  });

  it('a change inside a shared component counts in the strictest tier that uses it', () => {
    const r = check('shared-component', changesets('minor'));
    expect(r.findings.every((f) => f.tier === 'stable')).toBe(true);
    expect(r.findings[0]!.operations).toEqual(['widgets_get (GET /v1/widgets/{widget_id})', 'widgets_list (GET /v1/widgets)']);
    expect(rules(r)).toEqual(['stable-breaking-without-major']);
  });

  it('a parameter replaced at the same position is a removal plus an addition, not a rename', () => {
    const r = check('parameter-replaced', changesets('minor'));
    expect(r.findings.map((f) => f.message)).toEqual(
      expect.arrayContaining(['`color` query parameter was removed.', '`colour` query parameter was added (optional).']),
    );
    expect(rules(r)).toEqual(['stable-breaking-without-major']);
  });

  it('additions need a minor changeset and a minor bump of info.version', () => {
    const r = check('additive', changesets('minor'));
    expect(r.impact.stable).toBe('minor');
    expect(r.requiredVersion).toBe('minor');
    expect(rules(r)).toEqual([]);
    expect(rules(check('additive', changesets('patch')))).toEqual(['changeset-too-small']);
    expect(rules(check('additive'))).toEqual(['changeset-missing']);
  });

  it('a new value in a response enum is an addition', () => {
    const r = check('enum-value-added', changesets('minor'));
    expect(r.impact.stable).toBe('minor');
    expect(rules(r)).toEqual([]);
  });
});

describe('removals and the sunset window', () => {
  it('removing a stable operation that was never deprecated fails, even with a major changeset', () => {
    const r = check('removal-undeprecated', changesets('major'));
    expect(rules(r)).toEqual(['stable-removal-without-notice']);
    expect(r.violations[0]!.message).toMatch(/widgets_get .* it was not deprecated/);
  });

  it('removing a stable operation after its sunset passes (with the major changeset it still needs)', () => {
    expect(rules(check('removal-after-sunset', changesets('major')))).toEqual([]);
    expect(rules(check('removal-after-sunset', changesets('minor')))).toEqual(['stable-breaking-without-major']);
  });

  it('removing before the sunset date fails until that date', () => {
    const early = check('removal-before-sunset', changesets('major'));
    expect(rules(early)).toEqual(['stable-removal-without-notice']);
    expect(early.violations[0]!.message).toContain('sunset date 2027-04-30 has not been reached');
    expect(rules(check('removal-before-sunset', changesets('major'), new Date('2027-04-30T00:00:00Z')))).toEqual([]);
  });

  it('a sunset less than 6 months after the deprecation is no notice, even once passed', () => {
    const r = check('removal-short-notice', changesets('major'));
    expect(rules(r)).toEqual(['stable-removal-without-notice']);
    expect(r.violations[0]!.message).toContain('less than 6 months after its deprecation');
  });

  it('moving a stable operation to beta is leaving the stable tier: same notice, major', () => {
    const r = check('demotion', changesets('major'));
    expect(rules(r)).toEqual(['stable-removal-without-notice']);
    expect(rules(check('demotion', changesets('minor')))).toContain('stable-breaking-without-major');
  });

  it('a new deprecation needs a 6-month window; then it is an addition', () => {
    expect(rules(check('deprecation', changesets('minor')))).toEqual([]);
    expect(rules(check('deprecation-short', changesets('minor')))).toEqual(['deprecation-notice-too-short']);
  });

  it('an announced sunset may not move earlier', () => {
    expect(rules(check('sunset-earlier', changesets('patch')))).toEqual(['sunset-moved-earlier']);
  });

  it('removalProblem and the 6-month arithmetic', () => {
    const ops = listOperations(docs.get('base')!);
    const gadgets = ops.get('GET /v1/gadgets')!;
    expect(removalProblem(gadgets, new Date('2025-09-29T00:00:00Z'))).toContain('has not been reached');
    expect(removalProblem(gadgets, new Date('2025-09-30T00:00:00Z'))).toBeNull();
    expect(addMonths(parseDate('2026-01-15')!, 6).toISOString().slice(0, 10)).toBe('2026-07-15');
    expect(parseDate('not a date')).toBeNull();
  });
});

describe('beta and internal operations', () => {
  it('a beta change without a changeset fails', () => {
    const r = check('beta-change');
    expect(r.impact).toEqual({ stable: null, beta: 'major', internal: null });
    expect(rules(r)).toEqual(['changeset-missing']);
  });

  it('a beta change with any changeset passes', () => {
    expect(rules(check('beta-change', changesets('patch')))).toEqual([]);
  });

  it('an internal change needs neither a changeset nor a version bump', () => {
    const r = check('internal-change');
    expect(r.impact).toEqual({ stable: null, beta: null, internal: 'major' });
    expect(r.requiredChangeset).toBeNull();
    expect(r.requiredVersion).toBeNull();
    expect(rules(r)).toEqual([]);
  });
});

describe('info.version', () => {
  it('fails when it is not bumped as the change requires', () => {
    const r = check('additive-not-bumped', changesets('minor'));
    expect(rules(r)).toEqual(['version-not-bumped']);
    expect(r.violations[0]!.message).toContain('need a minor bump of info.version, but it went 1.0.0 → 1.0.0 (unchanged)');
    // A breaking change with only a minor bump (2.0.0 expected).
    const breaking = evaluate({
      base: docs.get('base')!,
      revision: { ...docs.get('stable-breaking')!, info: { title: 'x', version: '1.1.0' } },
      report: reports.get('stable-breaking')!,
      changesets: changesets('major'),
      today: TODAY,
    });
    expect(rules(breaking)).toEqual(['version-not-bumped']);
  });

  it('fails when it goes down', () => {
    expect(rules(check('version-decreased'))).toEqual(['version-decreased']);
  });

  it('versionStep and parseVersion', () => {
    const v = (s: string) => parseVersion(s)!;
    expect(versionStep(v('1.2.3'), v('2.0.0'))).toBe('major');
    expect(versionStep(v('1.2.3'), v('1.3.0'))).toBe('minor');
    expect(versionStep(v('1.2.3'), v('1.2.4'))).toBe('patch');
    expect(versionStep(v('1.2.3'), v('1.2.3'))).toBe('none');
    expect(versionStep(v('1.2.3'), v('1.1.9'))).toBe('decrease');
    expect(parseVersion('1.0')).toBeNull();
  });
});

describe('building blocks', () => {
  it('parseChangeset reads the package bump from the front matter', () => {
    expect(parseChangeset('---\n"@opsmerge/sdk": major\n---\n\nx', '@opsmerge/sdk')).toBe('major');
    expect(parseChangeset("---\n'@opsmerge/sdk': patch\n'other': major\n---\n", '@opsmerge/sdk')).toBe('patch');
    expect(parseChangeset('---\n"@other/pkg": minor\n---\n', '@opsmerge/sdk')).toBeNull();
    expect(parseChangeset('---\n---\n\nempty', '@opsmerge/sdk')).toBeNull();
    expect(parseChangeset('no front matter', '@opsmerge/sdk')).toBeNull();
  });

  it('parseChangeset with a fixed group takes the highest bump of any package in it, ignoring others', () => {
    const group = ['@opsmerge/sdk', '@opsmerge/mocks', '@opsmerge/cli'];
    expect(parseChangeset('---\n"@opsmerge/mocks": minor\n---\n', group)).toBe('minor');
    expect(parseChangeset('---\n"@opsmerge/sdk": patch\n"@opsmerge/cli": major\n---\n', group)).toBe('major');
    expect(parseChangeset('---\n"@opsmerge/cli": patch\n"@other/pkg": major\n---\n', group)).toBe('patch');
    expect(parseChangeset('---\n"@other/pkg": major\n---\n', group)).toBeNull();
    expect(parseChangeset('---\n"@opsmerge/mocks": minor\n---\n', [])).toBeNull();
  });

  it('referenceIndex follows $refs through components', () => {
    const index = referenceIndex(docs.get('base')!);
    expect([...index.get('components/schemas/Owner')!].sort()).toEqual(['GET /v1/ui/settings', 'GET /v1/widgets', 'GET /v1/widgets/{}']);
    expect([...index.get('components/parameters/Page')!]).toEqual(['GET /v1/widgets']);
  });

  it('alignParameters puts shared parameters at the same positions, path-level ones merged in', () => {
    const [b, r] = alignParameters(docs.get('base')!, docs.get('parameter-replaced')!);
    const names = (d: OpenApiDocument) => d.paths['/v1/widgets']!.get!.parameters!.map((p) => p.name ?? p.$ref);
    expect(names(b)).toEqual(['#/components/parameters/Page', 'color']);
    expect(names(r)).toEqual(['#/components/parameters/Page', 'colour']);
    expect(b.paths['/v1/widgets/{widget_id}']!.parameters).toBeUndefined();
    expect(b.paths['/v1/widgets/{widget_id}']!.get!.parameters!.map((p) => p.name)).toEqual(['widget_id']);
  });
});
