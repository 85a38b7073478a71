import { describe, expect, it } from 'vitest';
import { SAFE_JSON_LIMITS, UNREADABLE, boundedText, safeJson } from '../../src/internal/safe-json.js';
import { redactSecrets } from '../../src/internal/redact.js';

const scrub = (text: string): string => redactSecrets(text, ['hunter2-secret']);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = { next: value };
  return value;
}

describe('safeJson', () => {
  it('copies plain JSON data as it is, strings scrubbed', () => {
    const value = { a: [1, 'two', true, null], b: { c: 'hunter2-secret' } };
    expect(safeJson(value, scrub)).toEqual({ a: [1, 'two', true, null], b: { c: 'REDACTED' } });
  });

  it('cuts a value 100,000 levels deep at the depth limit, without a RangeError', () => {
    const copy = safeJson(nested(100_000), scrub);
    const text = JSON.stringify(copy);
    expect(text).toContain('[nested too deep]');
    expect(text.match(/"next"/g)).toHaveLength(SAFE_JSON_LIMITS.depth);
  });

  it('marks a cycle, and shows a value seen twice on different paths twice', () => {
    const shared = { x: 1 };
    const loop: Record<string, unknown> = { shared, again: shared };
    loop['self'] = loop;
    expect(safeJson(loop, scrub)).toEqual({ shared: { x: 1 }, again: { x: 1 }, self: '[Circular]' });
  });

  it('survives throwing getters, a throwing toJSON and a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const value = {
      get bad(): never {
        throw new Error('getter');
      },
      json: { toJSON: (): never => { throw new Error('toJSON'); } },
      proxy,
    };
    expect(safeJson(value, scrub)).toEqual({ bad: UNREADABLE, json: UNREADABLE, proxy: UNREADABLE });
  });

  it('turns what JSON cannot take into what it can: BigInt, NaN, Infinity, functions, symbols, errors, dates', () => {
    const value = { big: 10n ** 30n, nan: Number.NaN, inf: -Infinity, fn: () => 1, sym: Symbol('s'), error: new TypeError('hunter2-secret'), date: new Date(0), list: [undefined, () => 1] };
    expect(safeJson(value, scrub)).toEqual({
      big: '1000000000000000000000000000000',
      nan: null,
      inf: null,
      error: { name: 'TypeError', message: 'REDACTED' },
      date: '1970-01-01T00:00:00.000Z',
      list: [null, null],
    });
  });

  it('cuts huge arrays, objects and strings, saying how much was left out', () => {
    const copy = safeJson({ list: Array.from({ length: 1_000_000 }, (_, i) => i), text: 'x'.repeat(5_000_000), object: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])) }, scrub) as Record<string, unknown>;
    expect(copy['list']).toHaveLength(SAFE_JSON_LIMITS.entries + 1);
    expect((copy['list'] as unknown[]).at(-1)).toBe(`… ${1_000_000 - SAFE_JSON_LIMITS.entries} more`);
    expect(copy['text']).toBe(`${'x'.repeat(SAFE_JSON_LIMITS.stringLength)}…`);
    expect(Object.keys(copy['object'] as object)).toHaveLength(SAFE_JSON_LIMITS.entries + 1);
    expect((copy['object'] as Record<string, unknown>)['…']).toBe('400 more keys');
  });

  it('bounds the whole copy: a wide and deep value stops at the node budget', () => {
    const wide = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => ({ a: 'b' })));
    const text = JSON.stringify(safeJson(wide, scrub));
    expect(text).toContain('[…]');
    expect(text.length).toBeLessThan(100_000);
  });

  it('scrubs and bounds object keys, and keeps __proto__ as data', () => {
    const value = JSON.parse('{"__proto__": 1, "hunter2-secret": 2}') as object;
    const copy = safeJson(value, scrub) as object;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'REDACTED']);
  });
});

describe('boundedText', () => {
  it('scrubs a secret that straddles the cut, leaving no piece of it before the cut', () => {
    const text = `${'a'.repeat(95)}hunter2-secret${'b'.repeat(50)}`;
    expect(boundedText(text, 100, scrub)).toBe(`${'a'.repeat(95)}REDAC…`);
    expect(boundedText(text, 100, scrub, '')).toBe(`${'a'.repeat(95)}REDAC`);
  });

  it('keeps a short text whole', () => {
    expect(boundedText('short hunter2-secret', 100, scrub)).toBe('short REDACTED');
  });
});
