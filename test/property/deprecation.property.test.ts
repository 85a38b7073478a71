import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeprecation, parseDeprecationHeaders, parseLinkHeader, parseSunset } from '../../src/headers/deprecation.js';

const latin1 = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0xff }), fc.constant(0x09)).map((c) => String.fromCharCode(c)),
});
const linkish = fc.string({
  unit: fc.constantFrom('<', '>', ';', ',', '=', '"', '\\', ' ', 'rel', 'sunset', 'https://a.example/', 'title', '*', 'a'),
});
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
// URI characters that cannot end the <...> (RFC 3986 has no "<" or ">" in a URI).
const uri = fc.webUrl().filter((u) => !/[<>\s]/.test(u));
// Printable ASCII for quoted values; '"' and '\' get escaped by the serializer.
const quotable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
const quote = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

const link = fc.record({
  uri,
  rel: fc.uniqueArray(token, { maxLength: 3 }),
  params: fc.dictionary(token.filter((k) => k !== 'rel' && k !== '__proto__'), quotable, { maxKeys: 3 }),
});

describe('parseLinkHeader properties', () => {
  it('round-trips any list of links serialised per RFC 8288', () => {
    fc.assert(
      fc.property(fc.array(link, { maxLength: 4 }), (links) => {
        const value = links
          .map(({ uri: target, rel, params }) =>
            [`<${target}>`, ...(rel.length > 0 ? [`rel=${quote(rel.join(' '))}`] : []), ...Object.entries(params).map(([k, v]) => `${k}=${quote(v)}`)].join('; '),
          )
          .join(', ');
        expect(parseLinkHeader(value)).toEqual(links);
      }),
    );
  });

  it('never throws on arbitrary text, and returns lower-case relations and parameter names', () => {
    fc.assert(
      fc.property(fc.oneof(latin1, linkish), (value) => {
        for (const parsed of parseLinkHeader(value)) {
          for (const rel of parsed.rel) expect(rel).toBe(rel.toLowerCase());
          for (const key of Object.keys(parsed.params)) expect(key).toBe(key.toLowerCase());
          expect(parsed.params).not.toHaveProperty('rel');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseDeprecation and parseSunset properties', () => {
  it('reads @n as n seconds after the epoch for any date a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }), (seconds) => {
        expect(parseDeprecation(`@${seconds}`)).toEqual({ deprecated: true, at: seconds * 1000 });
      }),
    );
  });

  it('reads any IMF-fixdate Sunset as the same instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
        expect(parseSunset(whole.toUTCString())).toBe(whole.getTime());
      }),
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.oneof(latin1, fc.string({ unit: fc.constantFrom('@', '-', '1', '9', ';', 'a', '=', '"', 'true', ' ') })), (value) => {
        const parsed = parseDeprecation(value);
        expect(parsed === undefined || (parsed.deprecated && (parsed.at === undefined || Number.isFinite(parsed.at)))).toBe(true);
        const sunset = parseSunset(value);
        expect(sunset === undefined || Number.isFinite(sunset)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseDeprecationHeaders properties', () => {
  it('never throws, and returns a notice exactly when Deprecation or Sunset is valid', () => {
    fc.assert(
      fc.property(
        fc.record({ deprecation: fc.oneof(latin1, fc.constant('@1788220800')), sunset: fc.oneof(latin1, fc.constant('Wed, 30 Jun 2027 00:00:00 GMT')), link: fc.oneof(latin1, linkish) }, { requiredKeys: [] }),
        (record) => {
          const headers = new Headers(record);
          const notice = parseDeprecationHeaders(headers);
          const announced = parseDeprecation(headers.get('deprecation')) !== undefined || parseSunset(headers.get('sunset')) !== undefined;
          expect(notice !== undefined).toBe(announced);
          for (const date of [notice?.deprecatedAt, notice?.sunsetAt]) {
            if (date !== undefined) expect(Number.isNaN(date.getTime())).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
