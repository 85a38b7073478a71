/**
 * The envelope check (src/transport/envelope.ts) against the spec it stands for, and its
 * properties: what it accepts is exactly the envelope, and what it refuses it names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { route } from '../../src/internal/routes.js';
import { envelopeProblem, listProblem } from '../../src/transport/envelope.js';
import { deref, specOperations, type JsonObject } from '../support/spec.js';

describe('the envelope the runtime checks is the one the spec documents', () => {
  const successes = specOperations().flatMap(({ operationId, op }) =>
    Object.entries(deref<JsonObject>(op.responses))
      .filter(([status]) => status.startsWith('2'))
      .map(([status, response]) => [`${operationId} ${status}`, operationId, deref<JsonObject>(response)] as const),
  );

  it('has successes to check', () => expect(successes.length).toBeGreaterThan(50));

  it.each(successes)('%s: a JSON object requiring "data", an object (for a list: items, total, page, per_page)', (_name, operationId, response) => {
    const schema = deref<JsonObject>((deref<JsonObject>(response.content) as Record<string, JsonObject>)['application/json']!.schema);
    expect(schema.type).toBe('object');
    expect(schema.required).toContain('data');
    const data = deref<JsonObject>((schema.properties as Record<string, JsonObject>).data);
    expect(data.type).toBe('object');
    if (route(operationId as never).paginated) {
      expect(data.required).toEqual(expect.arrayContaining(['items', 'total', 'page', 'per_page']));
      const fields = data.properties as Record<string, JsonObject>;
      expect(deref<JsonObject>(fields.items).type).toBe('array');
      for (const field of ['total', 'page', 'per_page']) expect(deref<JsonObject>(fields[field]).type).toBe('integer');
    }
  });
});

const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const page = fc.record({ items: fc.array(fc.anything(), { maxLength: 3 }), total: count, page: count, per_page: count });

describe('envelopeProblem', () => {
  it('accepts any {"data": object}, with any other members', () => {
    fc.assert(
      fc.property(fc.object(), fc.object(), (data, rest) => {
        expect(envelopeProblem({ ...rest, data }, false)).toBeUndefined();
      }),
    );
  });

  it('accepts any list page with extra members, and refuses it once a field is broken', () => {
    fc.assert(
      fc.property(page, fc.constantFrom('items', 'total', 'page', 'per_page'), fc.oneof(fc.string(), fc.double({ noInteger: true }), fc.constant(null), fc.integer({ max: -1 })), (data, field, broken) => {
        expect(envelopeProblem({ data: { ...data, extra: 1 } }, true)).toBeUndefined();
        const problem = envelopeProblem({ data: { ...data, [field]: broken } }, true);
        expect(problem).toMatch(new RegExp(`^"data\\.${field}" as `));
      }),
    );
  });

  it('refuses everything that is not an object holding "data" as an object, and never throws', () => {
    fc.assert(
      fc.property(fc.anything(), fc.boolean(), (value, list) => {
        const problem = envelopeProblem(value, list);
        const data = (value as { data?: unknown } | null)?.data;
        const isEnvelope = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'data') && typeof data === 'object' && data !== null && !Array.isArray(data);
        if (!isEnvelope) expect(problem).toEqual(expect.any(String));
        if (isEnvelope && !list) expect(problem).toBeUndefined();
        if (isEnvelope && list) expect(problem).toBe(listProblem(data));
      }),
    );
  });

  it('names at most five members of an object, each cut at 40 characters', () => {
    const keys = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${'k'.repeat(50)}${i}`, i]));
    const problem = envelopeProblem(keys, false)!;
    expect(problem).toContain(`"${'k'.repeat(40)}…"`);
    expect(problem).toContain('and 3 more');
    expect(problem.length).toBeLessThan(300);
  });
});
