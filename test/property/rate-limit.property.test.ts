import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../src/headers/rate-limit.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const FIELDS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit', 'ratelimit-policy'] as const;

// What `new Headers()` accepts as a value: a ByteString without NUL, CR or LF.
const headerValue = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0xff }), fc.constant(0x09)).map((c) => String.fromCharCode(c)),
});
// Strings built from the fields' own vocabulary reach deeper into the parser than random text.
const structuredish = fc.string({
  unit: fc.constantFrom('"permin"', '"daily"', 'permin', ';', 'q=', 'r=', 't=', 'w=', '0', '5', '50', '-', '.', ',', ' ', '(', ')', '?1', '@', ':', '"', '\\', '%', '*'),
});

const SAFE_SECONDS = 8_640_000_000_000; // the last epoch second a Date can hold

describe('parseRateLimitHeaders properties', () => {
  it('never throws on arbitrary field values, and reports only non-negative integers', () => {
    fc.assert(
      fc.property(fc.record(Object.fromEntries(FIELDS.map((f) => [f, fc.oneof(headerValue, structuredish)])), { requiredKeys: [] }), (record) => {
        const info = parseRateLimitHeaders(new Headers(record as Record<string, string>), NOW);
        if (info === undefined) return;
        expect(Object.keys(info).length).toBeGreaterThan(0);
        for (const key of ['limit', 'remaining', 'resetAt'] as const) {
          const value = info[key];
          expect(value === undefined || (Number.isSafeInteger(value) && value >= 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips valid X-RateLimit values', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: SAFE_SECONDS }), (limit, remaining, reset) => {
        const headers = new Headers({
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': String(remaining),
          'X-RateLimit-Reset': String(reset),
        });
        expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit, remaining, resetAt: reset * 1000 });
      }),
    );
  });

  it('round-trips valid draft RateLimit and RateLimit-Policy values', () => {
    // sf-string characters, with the two that need escaping.
    const name = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    const escape = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    const int = fc.integer({ min: 0, max: 999_999_999 });
    fc.assert(
      fc.property(name, int, int, int, int, (policy, q, w, r, t) => {
        const headers = new Headers({
          'RateLimit-Policy': `${escape(policy)};q=${q};w=${w}`,
          RateLimit: `${escape(policy)};r=${r};t=${t}`,
        });
        expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: q, remaining: r, resetAt: NOW + t * 1000, policy });
      }),
    );
  });

  it('keeps each valid field when another field is malformed', () => {
    fc.assert(
      fc.property(fc.nat(), headerValue.filter((v) => !/^\s*\d+\s*$/.test(v)), (limit, junk) => {
        const headers = new Headers({ 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': junk, 'X-RateLimit-Reset': junk });
        expect(parseRateLimitHeaders(headers, NOW)?.limit).toBe(limit);
      }),
    );
  });
});
