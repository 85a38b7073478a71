import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../src/internal/backoff.js';

const retry = fc.integer({ min: 1, max: 64 });
const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const options = fc.record({ baseMs: fc.integer({ min: 1, max: 10_000 }), capMs: fc.integer({ min: 1, max: 120_000 }) });

describe('fullJitterDelay properties', () => {
  it('always lies in [0, min(cap, base · 2^(n−1))) and is a whole number of ms', () => {
    fc.assert(
      fc.property(retry, random, options, (n, r, { baseMs, capMs }) => {
        const delay = fullJitterDelay(n, r, { baseMs, capMs });
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(capMs, baseMs * 2 ** (n - 1)));
      }),
    );
  });

  it('uses the defaults 500 ms and 8000 ms when no options are given', () => {
    fc.assert(
      fc.property(retry, random, (n, r) => {
        expect(fullJitterDelay(n, r)).toBe(fullJitterDelay(n, r, { baseMs: 500, capMs: 8000 }));
        expect(fullJitterDelay(n, r)).toBeLessThan(Math.min(8000, 500 * 2 ** (n - 1)));
      }),
    );
  });

  it('is monotone in random', () => {
    fc.assert(
      fc.property(retry, random, random, options, (n, a, b, opts) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(fullJitterDelay(n, low, opts)).toBeLessThanOrEqual(fullJitterDelay(n, high, opts));
      }),
    );
  });

  it('never shrinks the window as retries go on', () => {
    fc.assert(
      fc.property(retry, random, options, (n, r, opts) => {
        expect(fullJitterDelay(n, r, opts)).toBeLessThanOrEqual(fullJitterDelay(n + 1, r, opts));
      }),
    );
  });
});
