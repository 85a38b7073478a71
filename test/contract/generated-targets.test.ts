/**
 * The generated conformance run, seeded and bounded, against our own targets: the stateful mock
 * over HTTP (every check, reads and writes, internal operations included) and Prism on the spec
 * (the checks that need no state; Prism's known defects waived by name, and the spec's rule for
 * unknown query parameters, which Prism cannot know, not sent to it). Neither may fail.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '@opsmerge/mocks/server';
import { CHECK_NAMES } from '../../conformance/checks/names.js';
import { PRISM_KNOWN_DEFECTS } from '../../conformance/prism.js';
import { runConformance, type ConformanceReport } from '../../conformance/run-conformance.js';
import { PRISM_KEY } from './support/targets.js';

const SEED = 20_261_122;
const BUDGET = { kind: 'cases', cases: 3 } as const;

/** The failures of a report, one line each, for a readable assertion. */
function failures(report: ConformanceReport): string[] {
  return report.generated!.failures.map((f) => `${f.check} ${f.operationId}: ${f.message}\n    ${f.curl}`);
}

describe('the generated run against the stateful mock', () => {
  let mock: RunningMockServer;
  let report: ConformanceReport;
  beforeAll(async () => {
    // Limits high enough that pacing never waits: the pacing itself is tested in transport.test.ts.
    mock = await startMockServer({ port: 0, seed: 12, rateLimits: { default: { limit: 100_000 }, events: { limit: 100_000 } } });
    report = await runConformance({ baseUrl: mock.url, apiKey: mock.api.testKey, write: true, includeInternal: true, seed: SEED, budget: BUDGET, scenarios: false });
  }, 240_000);
  afterAll(async () => {
    await mock?.close();
  });

  it('finds no failure, with every check run and held', () => {
    expect(failures(report)).toEqual([]);
    expect(report.passed).toBe(true);
    for (const check of report.generated!.checks) expect(check.held, `${check.name} never held`).toBeGreaterThan(0);
    expect(report.generated!.checks.map((c) => c.name)).toEqual([...CHECK_NAMES]);
  });

  it('exercises most documented responses and says why each of the others was not', () => {
    const { coverage } = report.generated!;
    expect(coverage.index).toBeGreaterThan(0.5);
    expect(coverage.exercised + coverage.unexercised.length).toBe(coverage.documented);
    for (const u of coverage.unexercised) expect(u.reason.length, `${u.operationId} ${u.status}`).toBeGreaterThan(10);
  });

  it('deletes what it created that the API can delete, and counts what it cannot', () => {
    expect(report.generated!.cleanup.pending).toBe(0);
    expect(report.generated!.cleanup.deleted).toBeGreaterThan(0);
    expect(Object.keys(report.generated!.cleanup.leftBehind).every((id) => /_create$/.test(id))).toBe(true);
  });
});

describe('the generated run against Prism', () => {
  let report: ConformanceReport;
  beforeAll(async () => {
    report = await runConformance({
      baseUrl: inject('prismUrl'),
      apiKey: PRISM_KEY,
      write: true,
      stateless: true,
      includeInternal: true,
      seed: SEED,
      budget: BUDGET,
      scenarios: false,
      ...PRISM_KNOWN_DEFECTS,
    });
  }, 240_000);

  it('finds no failure in the checks that need no state', () => {
    expect(failures(report)).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('does not run the checks that need state, and says why', () => {
    const byName = new Map(report.generated!.checks.map((c) => [c.name, c]));
    for (const name of ['use_after_free', 'ensure_resource_availability', 'idempotency'] as const) {
      expect(byName.get(name)!.held + byName.get(name)!.failed, name).toBe(0);
      expect(byName.get(name)!.notRun.map((r) => r.reason).join(' '), name).toMatch(/keeps no state/);
    }
    expect(byName.get('ignored_auth')!.held).toBeGreaterThan(0);
  });

  it('does not send Prism a query parameter the operation does not define, and says why', () => {
    const reasons = report.generated!.checks.find((c) => c.name === 'negative_data_rejection')!.notRun.map((r) => r.reason);
    expect(reasons.join('\n')).toMatch(/ignores unknown query parameters/);
  });

  it("waives only Prism's known defects, each by name", () => {
    const waived = report.generated!.checks.flatMap((c) => c.waived.map((w) => `${c.name}: ${w.reason}`));
    expect(waived.sort()).toEqual([
      "response_headers_conformance: Prism 5 sends the draft's Deprecation: true, not RFC 9745's @<epoch-seconds> the spec declares",
      'unsupported_method: Prism 5 answers an undocumented method 405 as application/problem+json, without Allow',
    ]);
  });
});
