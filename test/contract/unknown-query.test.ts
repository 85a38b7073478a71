/**
 * The spec's rule for query parameters an operation does not define (`x-unknown-query-parameters`)
 * as the suite reads it, and the unknown parameters it sends: typos of defined names and names of
 * their own, never a defined one or one every operation accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationCases } from '../../conformance/generate/cases.js';
import { transpositions, unknownQueryParameters } from '../../conformance/generate/unknown-query.js';
import { SPEC } from '../../conformance/spec/document.js';
import { SPEC_OPERATIONS } from '../../conformance/spec/operations.js';
import { readUnknownQueryRule, UNKNOWN_QUERY_RULE } from '../../conformance/spec/query-rule.js';

describe('the rule for unknown query parameters', () => {
  it('is read from our spec: 422, with the query-key scheme’s api_key accepted everywhere', () => {
    expect(UNKNOWN_QUERY_RULE).toEqual({ answer: 422, acceptedEverywhere: new Set(['api_key']) });
  });

  it('is absent when the spec does not state it, so no such case is sent', () => {
    expect(readUnknownQueryRule({ openapi: '3.1.0', components: {} })).toBeUndefined();
  });

  it.each([200, 500, '422', 422.5, null, undefined])('refuses an answer of %j, naming the extension', (answer) => {
    const root = { ...SPEC, 'x-unknown-query-parameters': answer === undefined ? {} : { answer } };
    expect(() => readUnknownQueryRule(root)).toThrow(/x-unknown-query-parameters\.answer must be a 4xx status/);
  });
});

describe('unknown query parameters', () => {
  it('include every typo made by swapping two neighbouring characters, never the name itself', () => {
    expect(transpositions('status')).toEqual(['tsatus', 'sattus', 'sttaus', 'stauts', 'statsu']);
    expect(transpositions('aa')).toEqual([]);
    expect(transpositions('')).toEqual([]);
  });

  it('are never a defined name nor one accepted everywhere, and reach the server as they are', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z_]{1,8}$/), { maxLength: 6 }), fc.integer(), (defined, seed) => {
        const accepted = new Set(['api_key', ...defined.slice(0, 1).map((d) => `${d}x`)]);
        for (const q of fc.sample(unknownQueryParameters(defined, accepted), { seed, numRuns: 20 })) {
          expect(defined).not.toContain(q.name);
          expect(accepted.has(q.name)).toBe(false);
          expect(q.name).toMatch(/^[a-z0-9_]+$/);
          expect(q.value).toMatch(/^[A-Za-z0-9_-]{1,12}$/);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('are a negative case of an operation that takes nothing else, each adding one parameter to a valid request', () => {
    const op = SPEC_OPERATIONS.find((o) => o.operationId === 'auth_me')!;
    const negative = operationCases(op, { known: [], pathIds: [] }).negative;
    expect(negative).toBeDefined();
    for (const c of fc.sample(negative!, { seed: 3, numRuns: 30 })) {
      const names = Object.keys(c.query);
      expect(names).toHaveLength(1);
      expect(c.broke).toBe(`query ${names[0]}: not a parameter of the operation`);
    }
  });

  it('are drawn as typos of the names an operation defines, the mistake the rule is there to catch', () => {
    const op = SPEC_OPERATIONS.find((o) => o.operationId === 'agents_list')!;
    const names = fc.sample(unknownQueryParameters(op.parameters.filter((p) => p.in === 'query').map((p) => p.name), new Set(['api_key'])), { seed: 1, numRuns: 60 }).map((q) => q.name);
    expect(names.some((n) => transpositions(n).some((t) => op.parameters.some((p) => p.name === t)))).toBe(true);
  });
});
