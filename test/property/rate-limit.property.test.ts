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

/** A `Headers` of another make that hands values over as they came, surrounding whitespace included. */
function rawHeaders(record: Record<string, string>): Pick<Headers, 'get'> {
  const lower = new Map(Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) ?? null };
}

describe('parseRateLimitHeaders and surrounding whitespace', () => {
  const ows = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 4 });
  const pad = (value: string, [before, after]: [string, string]): string => `${before}${value}${after}`;

  it('reads every field with spaces and tabs around its value as it reads it without', () => {
    const int = fc.integer({ min: 0, max: 999_999_999 });
    fc.assert(
      fc.property(int, int, int, int, int, fc.array(fc.tuple(ows, ows), { minLength: 5, maxLength: 5 }), (limit, remaining, reset, q, t, spaces) => {
        const plain = {
          'x-ratelimit-limit': String(limit),
          'x-ratelimit-remaining': String(remaining),
          'x-ratelimit-reset': String(reset),
          'ratelimit-policy': `"permin";q=${q};w=60`,
          ratelimit: `"permin";r=${remaining};t=${t}`,
        };
        const padded = Object.fromEntries(Object.entries(plain).map(([name, value], i) => [name, pad(value, spaces[i]!)]));
        const expected = parseRateLimitHeaders(new Headers(plain), NOW);
        expect(expected).toMatchObject({ limit, remaining, resetAt: reset * 1000 });
        expect(parseRateLimitHeaders(rawHeaders(padded), NOW)).toEqual(expected);
        // The draft fields alone, too (the X- headers would otherwise win).
        const draft = { ratelimit: padded['ratelimit']!, 'ratelimit-policy': padded['ratelimit-policy']! };
        expect(parseRateLimitHeaders(rawHeaders(draft), NOW)).toEqual({ limit: q, remaining, resetAt: NOW + t * 1000, policy: 'permin' });
      }),
    );
  });
});

describe('parseRateLimitHeaders with several policies', () => {
  it('reports, among the policies with the fewest requests left, the one that resets last', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 86_400 })), { minLength: 5, maxLength: 5 }),
        (names, numbers) => {
          const members = names.map((name, i) => ({ name, r: numbers[i]![0], t: numbers[i]![1] }));
          const field = members.map((m) => `"${m.name}";r=${m.r};t=${m.t}`).join(', ');
          const fewest = Math.min(...members.map((m) => m.r));
          const longest = Math.max(...members.filter((m) => m.r === fewest).map((m) => m.t));
          const info = parseRateLimitHeaders(new Headers({ ratelimit: field }), NOW);
          expect(info).toMatchObject({ remaining: fewest, resetAt: NOW + longest * 1000 });
          expect(members.find((m) => m.name === info?.policy)).toMatchObject({ r: fewest, t: longest });
        },
      ),
    );
  });

  it('prefers the daily policy to the per-minute one when neither has a request left', () => {
    const headers = new Headers({ ratelimit: '"permin";r=0;t=30, "daily";r=0;t=36000', 'ratelimit-policy': '"permin";q=300;w=60, "daily";q=10000;w=86400' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ policy: 'daily', remaining: 0, resetAt: NOW + 36_000_000, limit: 10_000 });
  });
});
