/**
 * Properties of the restructured parsers: the RateLimit Structured Field reader, the
 * three HTTP-date formats read through one path, and the URL splitter of `redactUrl`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../src/headers/rate-limit.js';
import { parseHttpDate } from '../../src/headers/retry-after.js';
import { redactUrl } from '../../src/internal/redact.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
// Whole seconds from 1980 to 2069: within 50 years of NOW, where an RFC 850 two-digit year means that year.
const NOW = Date.UTC(2026, 10, 22);
const instant = fc.integer({ min: Date.UTC(1980, 0, 1) / 1000, max: Date.UTC(2069, 11, 31) / 1000 }).map((s) => s * 1000);

function formats(ms: number, dayIndexShift = 0): { imf: string; rfc850: string; asctime: string } {
  const d = new Date(ms);
  const day = DAYS[(d.getUTCDay() + dayIndexShift) % 7] ?? '';
  const month = MONTHS[d.getUTCMonth()] ?? '';
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const year = d.getUTCFullYear();
  return {
    imf: `${day.slice(0, 3)}, ${pad(d.getUTCDate())} ${month} ${year} ${time} GMT`,
    rfc850: `${day}, ${pad(d.getUTCDate())}-${month}-${pad(year % 100)} ${time} GMT`,
    asctime: `${day.slice(0, 3)} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${year}`,
  };
}

describe('parseHttpDate, one path for three formats', () => {
  it('reads the same instant from all three formats', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const { imf, rfc850, asctime } = formats(ms);
        expect([parseHttpDate(imf, NOW), parseHttpDate(rfc850, NOW), parseHttpDate(asctime, NOW)]).toEqual([ms, ms, ms]);
      }),
    );
  });

  it('rejects every format when the day name is not the date’s weekday', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 6 }), (ms, shift) => {
        const { imf, rfc850, asctime } = formats(ms, shift);
        expect([parseHttpDate(imf, NOW), parseHttpDate(rfc850, NOW), parseHttpDate(asctime, NOW)]).toEqual([undefined, undefined, undefined]);
      }),
    );
  });
});

describe('parseRateLimitHeaders, Structured Field List reader', () => {
  // Valid list members the draft does not use: the reader must step over them.
  const otherMember = fc.constantFrom('("a" 1 ?0);x=1', ':YWJj:', '?1', '%"caf%c3%a9"', '12.5;w=1', '@1688169599', 'token/x:y', '"str\\"q"');
  const ws = fc.constantFrom('', ' ', '  ', ' \t');

  it('picks the policy with the fewest requests left among any other valid members', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat({ max: 10_000 }), { minLength: 4, maxLength: 4 }),
        fc.nat({ max: 86_400 }),
        fc.array(otherMember, { maxLength: 3 }),
        ws,
        (names, remaining, t, others, space) => {
          const members = names.map((name, i) => `"${name}";r=${remaining[i] ?? 0};t=${t}`);
          const field = [...others, ...members].join(`,${space}`);
          const info = parseRateLimitHeaders(new Headers({ ratelimit: field }), NOW);
          const fewest = Math.min(...names.map((_, i) => remaining[i] ?? 0));
          expect(info?.remaining).toBe(fewest);
          expect(info?.policy).toBe(names[names.findIndex((_, i) => (remaining[i] ?? 0) === fewest)]);
          expect(info?.resetAt).toBe(NOW + t * 1000);
        },
      ),
    );
  });

  it('rejects the whole field on a syntax error anywhere in it', () => {
    fc.assert(
      fc.property(fc.constantFrom('"permin";r=5,', '"permin";r=5,,"x"', '"permin";r=5 "x"', '"permin";R=5', '"permin";r="', '"permin";r=@1.5', '("a";r=1'), (field) => {
        expect(parseRateLimitHeaders(new Headers({ ratelimit: field }), NOW)).toBeUndefined();
      }),
    );
  });
});

describe('redactUrl, splitting at the first ? and #', () => {
  const part = fc.stringMatching(/^[a-z0-9/?#=&.:\n]{0,16}$/);

  it('returns a URL without secrets byte for byte, whatever ? and # it holds', () => {
    fc.assert(
      fc.property(part, (url) => {
        fc.pre(!/(^|[?#&])(api_key|access_token|token|code|client_secret|refresh_token)=/i.test(url) && !url.includes('@'));
        expect(redactUrl(url)).toBe(url);
      }),
    );
  });

  it('hides a secret parameter of the query and of the fragment, keeping the rest', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z/]{0,8}$/), fc.stringMatching(/^[a-z0-9?]{1,8}$/), fc.stringMatching(/^[a-z0-9?#]{1,8}$/), (path, secret, other) => {
        expect(redactUrl(`${path}?code=${secret}&x=${other.replaceAll('#', '')}#a=${other}&access_token=${secret}`)).toBe(
          `${path}?code=REDACTED&x=${other.replaceAll('#', '')}#a=${other}&access_token=REDACTED`,
        );
      }),
    );
  });
});
