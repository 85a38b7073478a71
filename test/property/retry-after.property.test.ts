import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from '../../src/headers/retry-after.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const time = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

// Formatters written from the RFC 9110 §5.6.7 grammar, independently of the parser.
const imfFixdate = (d: Date): string =>
  `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ${time(d)} GMT`;
const rfc850 = (d: Date): string =>
  `${LONG_DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${time(d)} GMT`;
const asctime = (d: Date): string =>
  `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${pad(d.getUTCFullYear(), 4)}`;

/** Dates with whole seconds (HTTP-dates have no fraction) in the four-digit-year range. */
const wholeSecondDate = (min: Date, max: Date): fc.Arbitrary<Date> =>
  fc.date({ min, max, noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

const FOUR_DIGIT_YEARS = wholeSecondDate(new Date('0000-01-01T00:00:00Z'), new Date('9999-12-31T23:59:59Z'));

describe('parseHttpDate round trip', () => {
  it('parses any IMF-fixdate back to the same second', () => {
    fc.assert(
      fc.property(FOUR_DIGIT_YEARS, (date) => {
        expect(parseHttpDate(imfFixdate(date))).toBe(date.getTime());
      }),
    );
  });

  it('parses any asctime date back to the same second', () => {
    fc.assert(
      fc.property(FOUR_DIGIT_YEARS, (date) => {
        expect(parseHttpDate(asctime(date))).toBe(date.getTime());
      }),
    );
  });

  it('parses any RFC 850 date within 50 years of now back to the same second', () => {
    const window = wholeSecondDate(new Date(NOW - 49 * YEAR_MS), new Date(NOW + 49 * YEAR_MS));
    fc.assert(
      fc.property(window, (date) => {
        expect(parseHttpDate(rfc850(date), NOW)).toBe(date.getTime());
      }),
    );
  });

  it('places an RFC 850 date in the 100 years ending 50 years after now', () => {
    // 29 February is left out: when the nearer century has no such day, an older one is used.
    const notLeapDay = FOUR_DIGIT_YEARS.filter((d) => !(d.getUTCMonth() === 1 && d.getUTCDate() === 29));
    fc.assert(
      fc.property(notLeapDay, fc.integer({ min: 1900, max: 9900 }), (date, nowYear) => {
        const now = Date.UTC(nowYear, 5, 15);
        const parsed = parseHttpDate(rfc850(date), now);
        // The sender's weekday only fits one century; in the others the date is rejected.
        if (parsed !== undefined) {
          expect(parsed).toBeLessThanOrEqual(Date.UTC(nowYear + 50, 5, 15));
          expect(parsed).toBeGreaterThan(Date.UTC(nowYear - 50, 5, 15));
          expect(new Date(parsed).getUTCFullYear() % 100).toBe(date.getUTCFullYear() % 100);
        }
      }),
    );
  });

  it('rejects a date whose day of month does not exist', () => {
    fc.assert(
      fc.property(FOUR_DIGIT_YEARS, fc.integer({ min: 1, max: 4 }), (date, extra) => {
        const lastOfMonth = new Date(0);
        lastOfMonth.setUTCFullYear(date.getUTCFullYear(), date.getUTCMonth() + 1, 0); // day 0 = last of the month
        const badDay = lastOfMonth.getUTCDate() + extra;
        const text = imfFixdate(date).replace(/, \d{2} /, `, ${pad(badDay)} `);
        expect(parseHttpDate(text)).toBeUndefined();
      }),
    );
  });
});

describe('parseRetryAfter properties', () => {
  it('reads any integer number of seconds n as n × 1000 ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 1000) }), fc.nat({ max: 3 }), (n, zeros) => {
        expect(parseRetryAfter('0'.repeat(zeros) + String(n), NOW)).toBe(n * 1000);
      }),
    );
  });

  it('reads a future HTTP-date as the distance to it and a past one as 0', () => {
    fc.assert(
      fc.property(FOUR_DIGIT_YEARS, (date) => {
        expect(parseRetryAfter(imfFixdate(date), NOW)).toBe(Math.max(0, date.getTime() - NOW));
      }),
    );
  });

  it('never throws on arbitrary strings and returns undefined or a non-negative integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...' ,-:0123456789GMTSunNovDec') })), (value) => {
        const ms = parseRetryAfter(value, NOW);
        expect(ms === undefined || (Number.isSafeInteger(ms) && ms >= 0)).toBe(true);
        const date = parseHttpDate(value, NOW);
        expect(date === undefined || Number.isFinite(date)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
