/** mocks/pipeline/json-shape.ts: nesting depth and repeated keys of a JSON text, without recursion. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from '../../mocks/pipeline/json-shape.js';

/** Nesting depth of a parsed value (arrays and objects), the reference. */
function depth(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depth));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depth));
  return 0;
}

const MARK = '\u0000mark';

/** A JSON value with one string leaf replaced by a marker, and the JSON pointer of that leaf. */
const withMarker = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constant({ value: MARK as unknown, pointer: '' }),
    fc.tuple(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), tie('node')).map(([siblings, child]) => {
      const c = child as { value: unknown; pointer: string };
      return { value: [...siblings, c.value], pointer: `/${siblings.length}${c.pointer}` };
    }),
    fc.tuple(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), fc.string({ maxLength: 6 }), tie('node')).map(([siblings, key, child]) => {
      const c = child as { value: unknown; pointer: string };
      const rest = Object.fromEntries(Object.entries(siblings).filter(([k]) => k !== key));
      return { value: { ...rest, [key]: c.value }, pointer: `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}${c.pointer}` };
    }),
  ),
})).node as fc.Arbitrary<{ value: unknown; pointer: string }>;

describe('jsonShapeProblem', () => {
  it('finds no problem in any JSON.stringify output within its depth, and reports too-deep exactly past the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 7 }), (value, limit) => {
        const problem = jsonShapeProblem(JSON.stringify(value), limit);
        expect(problem).toEqual(depth(value) > limit ? { kind: 'too-deep', limit } : undefined);
      }),
    );
  });

  it('ignores brackets, braces, quotes and commas inside strings', () => {
    const text = JSON.stringify({ a: '[[[{{{', b: ['"],\\"', '\\', '},{'], 'c\\"': { d: ',,,' } });
    expect(jsonShapeProblem(text, 2)).toBeUndefined();
    expect(jsonShapeProblem(text, 1)).toEqual({ kind: 'too-deep', limit: 1 });
  });

  it('reports a repeated key with the JSON pointer of the repeated member, wherever the object is', () => {
    fc.assert(
      fc.property(withMarker, fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), (host, key, other) => {
        const object = `{${JSON.stringify(key)}:1,"other":${JSON.stringify(other)},${JSON.stringify(key)}:2}`;
        const text = JSON.stringify(host.value).replace(JSON.stringify(MARK), () => object);
        const escaped = key.replaceAll('~', '~0').replaceAll('/', '~1');
        const problem = jsonShapeProblem(text, 100);
        if (key === 'other') expect(problem).toEqual({ kind: 'duplicate-key', key, pointer: `${host.pointer}/other` });
        else expect(problem).toEqual({ kind: 'duplicate-key', key, pointer: `${host.pointer}/${escaped}` });
      }),
    );
  });

  it('compares keys decoded, so an escaped spelling of the same key is a repeat', () => {
    expect(jsonShapeProblem('{"a":1,"\\u0061":2}', 10)).toEqual({ kind: 'duplicate-key', key: 'a', pointer: '/a' });
    expect(jsonShapeProblem('[{"a":1},{"a":2}]', 10)).toBeUndefined();
  });

  it('answers on a megabyte of nesting without exhausting the stack (no recursion), as soon as the limit is passed', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(jsonShapeProblem(deep, 64)).toEqual({ kind: 'too-deep', limit: 64 });
    expect(jsonShapeProblem(deep, 1_000_000)).toBeUndefined();
    // A repeated key after the point where the limit is passed is never reached.
    expect(jsonShapeProblem(`${'['.repeat(65)}{"a":1,"a":2}`, 64)).toEqual({ kind: 'too-deep', limit: 64 });
  });

  it('returns, without throwing, on text that is not JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', 'a', '1', ' ') }), (text) => {
        const problem = jsonShapeProblem(text, 8);
        expect(problem === undefined || ['too-deep', 'duplicate-key'].includes(problem.kind)).toBe(true);
      }),
    );
  });
});
