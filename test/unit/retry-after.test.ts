import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from '../../src/headers/retry-after.js';

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('parseHttpDate', () => {
  it('parses the IMF-fixdate example of RFC 9110 §5.6.7', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(NOV_6_1994);
  });

  it('parses the obsolete RFC 850 example of RFC 9110 §5.6.7', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(NOV_6_1994);
  });

  it('parses the obsolete asctime example of RFC 9110 §5.6.7, with a space-padded day', () => {
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(NOV_6_1994);
  });

  it('accepts a two-digit asctime day as the grammar allows', () => {
    expect(parseHttpDate('Sun Nov 06 08:49:37 1994')).toBe(NOV_6_1994);
  });

  it('ignores whitespace around the value', () => {
    expect(parseHttpDate(' \tSun, 06 Nov 1994 08:49:37 GMT \t')).toBe(NOV_6_1994);
  });

  it('accepts a leap second and checks the weekday against the date as written', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2017, 0, 1, 0, 0, 0));
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseHttpDate('Thu, 29 Feb 2024 00:00:00 GMT')).toBe(Date.UTC(2024, 1, 29));
    expect(parseHttpDate('Wed, 29 Feb 2023 00:00:00 GMT')).toBeUndefined();
  });

  it('keeps four-digit years below 100 instead of mapping them onto the 1900s', () => {
    const date = new Date(0);
    date.setUTCFullYear(50, 0, 1);
    expect(parseHttpDate(`${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()]}, 01 Jan 0050 00:00:00 GMT`)).toBe(date.getTime());
  });

  it.each([
    ['an empty string', ''],
    ['a word', 'tomorrow'],
    ['an ISO 8601 timestamp', '1994-11-06T08:49:37Z'],
    ['a numeric offset instead of GMT', 'Sun, 06 Nov 1994 08:49:37 +0000'],
    ['UTC instead of GMT', 'Sun, 06 Nov 1994 08:49:37 UTC'],
    ['a lower-case gmt', 'Sun, 06 Nov 1994 08:49:37 gmt'],
    ['a lower-case month', 'Sun, 06 nov 1994 08:49:37 GMT'],
    ['an unknown month', 'Sun, 06 Nox 1994 08:49:37 GMT'],
    ['a one-digit day in an IMF-fixdate', 'Sun, 6 Nov 1994 08:49:37 GMT'],
    ['a two-digit year in an IMF-fixdate', 'Sun, 06 Nov 94 08:49:37 GMT'],
    ['a missing comma', 'Sun 06 Nov 1994 08:49:37 GMT'],
    ['a double space', 'Sun,  06 Nov 1994 08:49:37 GMT'],
    ['trailing text', 'Sun, 06 Nov 1994 08:49:37 GMT garbage'],
    ['a short day name in an RFC 850 date', 'Sun, 06-Nov-94 08:49:37 GMT'],
    ['a long day name in an IMF-fixdate', 'Sunday, 06 Nov 1994 08:49:37 GMT'],
    ['a weekday that does not match the date', 'Mon, 06 Nov 1994 08:49:37 GMT'],
    ['day 00', 'Sun, 00 Nov 1994 08:49:37 GMT'],
    ['day 32', 'Sun, 32 Nov 1994 08:49:37 GMT'],
    ['31 November', 'Thu, 31 Nov 1994 08:49:37 GMT'],
    ['30 February', 'Sun, 30 Feb 2020 00:00:00 GMT'],
    ['hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['minute 60', 'Sun, 06 Nov 1994 08:60:00 GMT'],
    ['second 61', 'Sun, 06 Nov 1994 08:49:61 GMT'],
    ['an asctime date with a GMT suffix', 'Sun Nov  6 08:49:37 1994 GMT'],
  ])('rejects %s', (_, value) => {
    expect(parseHttpDate(value, NOW)).toBeUndefined();
  });

  describe('the RFC 850 two-digit year (RFC 9110 §5.6.7 50-year rule)', () => {
    it('reads a year up to 50 years ahead as this century', () => {
      expect(parseHttpDate('Wednesday, 01-Jan-76 00:00:00 GMT', NOW)).toBe(Date.UTC(2076, 0, 1));
    });

    it('reads a year more than 50 years ahead as the most recent past year with those digits', () => {
      expect(parseHttpDate('Saturday, 01-Jan-77 00:00:00 GMT', NOW)).toBe(Date.UTC(1977, 0, 1));
    });

    it('rejects the weekday of the century the rule did not pick', () => {
      expect(parseHttpDate('Friday, 01-Jan-77 00:00:00 GMT', NOW)).toBeUndefined();
    });

    it('crosses into the next century when now is near its end', () => {
      expect(parseHttpDate('Monday, 01-Mar-00 00:00:00 GMT', Date.UTC(2099, 5, 1))).toBe(Date.UTC(2100, 2, 1));
    });

    it('falls back a century when 29 February does not exist in the nearer one', () => {
      expect(parseHttpDate('Tuesday, 29-Feb-00 12:00:00 GMT', NOW)).toBe(Date.UTC(2000, 1, 29, 12));
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('12', NOW)).toBe(12_000);
  });

  it('respects Retry-After: 0 as "retry now"', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('accepts leading zeros and surrounding whitespace', () => {
    expect(parseRetryAfter(' 007 ', NOW)).toBe(7_000);
  });

  it.each([['1.5'], ['-1'], ['+3'], ['abc'], ['1e3'], ['0x10'], ['12 s'], [''], ['   '], ['1 2']])(
    'rejects %j, which is not delay-seconds',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('returns undefined when the header is absent', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('reads an HTTP-date as the time left until it', () => {
    const now = Date.UTC(2015, 9, 21, 7, 27, 30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(30_000);
  });

  it('counts from nowMs to the millisecond', () => {
    const now = Date.UTC(2015, 9, 21, 7, 27, 59, 250);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(750);
  });

  it('treats an HTTP-date in the past as "now"', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(0);
  });

  it('reads the obsolete date formats too', () => {
    const now = NOV_6_1994 - 5_000;
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', now)).toBe(5_000);
  });

  it('rejects a malformed HTTP-date', () => {
    expect(parseRetryAfter('Sun, 31 Feb 2027 00:00:00 GMT', NOW)).toBeUndefined();
  });

  it('clamps an absurdly long delay to the largest safe integer instead of returning Infinity', () => {
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
