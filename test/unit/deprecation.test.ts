import { describe, expect, it } from 'vitest';
import { parseDeprecation, parseDeprecationHeaders, parseLinkHeader, parseSunset } from '../../src/headers/deprecation.js';

describe('parseLinkHeader', () => {
  it('reads several links with their relations and parameters', () => {
    const value =
      '<https://app.opsmerge.cloud/api/docs/changelog#alerts-active>; rel="deprecation"; type="text/html", ' +
      '<https://app.opsmerge.cloud/api/docs/stability>; rel="sunset"; type="text/html"';
    expect(parseLinkHeader(value)).toEqual([
      { uri: 'https://app.opsmerge.cloud/api/docs/changelog#alerts-active', rel: ['deprecation'], params: { type: 'text/html' } },
      { uri: 'https://app.opsmerge.cloud/api/docs/stability', rel: ['sunset'], params: { type: 'text/html' } },
    ]);
  });

  it('does not split on commas inside quoted parameters or inside the URI', () => {
    expect(parseLinkHeader('<https://a.example/x,y>; rel="next"; title="one, two; three", <https://b.example/>; rel=prev')).toEqual([
      { uri: 'https://a.example/x,y', rel: ['next'], params: { title: 'one, two; three' } },
      { uri: 'https://b.example/', rel: ['prev'], params: {} },
    ]);
  });

  it('splits a rel with several relation types and lower-cases them (RFC 8288 §3.3)', () => {
    expect(parseLinkHeader('<https://a.example/>; rel="Deprecation  alternate"')[0]?.rel).toEqual(['deprecation', 'alternate']);
  });

  it('lower-cases parameter names and keeps only the first occurrence', () => {
    expect(parseLinkHeader('<https://a.example/>; REL=sunset; Type="a"; type="b"; rel=other')).toEqual([
      { uri: 'https://a.example/', rel: ['sunset'], params: { type: 'a' } },
    ]);
  });

  it('unescapes quoted-pairs in quoted values', () => {
    expect(parseLinkHeader('<https://a.example/>; title="say \\"hi\\" \\\\ bye"')[0]?.params).toEqual({ title: 'say "hi" \\ bye' });
  });

  it('gives a parameter without a value an empty string', () => {
    expect(parseLinkHeader('<https://a.example/>; crossorigin; rel=preload')[0]).toEqual({
      uri: 'https://a.example/',
      rel: ['preload'],
      params: { crossorigin: '' },
    });
  });

  it('tolerates whitespace around separators and empty list elements', () => {
    expect(parseLinkHeader(' , <https://a.example/> ;rel = "sunset" ,, ')).toEqual([{ uri: 'https://a.example/', rel: ['sunset'], params: {} }]);
  });

  it('skips a malformed link and keeps the ones after it', () => {
    expect(parseLinkHeader('garbage; rel=x, <https://a.example/> junk, <https://b.example/>; rel=sunset')).toEqual([
      { uri: 'https://b.example/', rel: ['sunset'], params: {} },
    ]);
  });

  it('keeps a parameter named __proto__ as plain data', () => {
    const [link] = parseLinkHeader('<https://a.example/>; __proto__="x"');
    expect(Object.getPrototypeOf(link?.params)).toBe(Object.prototype);
    expect(link?.params['__proto__']).toBe('x');
  });

  it('returns an empty list for an empty or unterminated value', () => {
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader('<https://a.example/')).toEqual([]);
    expect(parseLinkHeader('<https://a.example/>; title="open')).toEqual([]);
  });
});

describe('parseDeprecation', () => {
  it('reads an RFC 9745 Structured Field Date as epoch milliseconds', () => {
    expect(parseDeprecation('@1688169599')).toEqual({ deprecated: true, at: 1_688_169_599_000 });
  });

  it('reads a negative date and ignores Structured Field parameters', () => {
    expect(parseDeprecation('@-1')).toEqual({ deprecated: true, at: -1000 });
    expect(parseDeprecation('@1688169599;foo=bar;baz')).toEqual({ deprecated: true, at: 1_688_169_599_000 });
  });

  it('reads the legacy "true" as deprecated without a date', () => {
    expect(parseDeprecation('true')).toEqual({ deprecated: true });
  });

  it('reads the legacy draft HTTP-date', () => {
    expect(parseDeprecation('Sun, 11 Nov 2018 23:59:59 GMT')).toEqual({ deprecated: true, at: Date.UTC(2018, 10, 11, 23, 59, 59) });
  });

  it.each([['garbage'], [''], ['@'], ['@1.5'], ['1688169599'], ['@1234567890123456'], ['false'], ['@999999999999999']])(
    'returns undefined for %j',
    (value) => {
      expect(parseDeprecation(value)).toBeUndefined();
    },
  );

  it('returns undefined when the header is absent', () => {
    expect(parseDeprecation(null)).toBeUndefined();
  });
});

describe('parseSunset', () => {
  it('reads an RFC 8594 HTTP-date', () => {
    expect(parseSunset('Wed, 30 Jun 2027 00:00:00 GMT')).toBe(Date.UTC(2027, 5, 30));
  });

  it('returns undefined when the header is absent or not an HTTP-date', () => {
    expect(parseSunset(null)).toBeUndefined();
    expect(parseSunset('2027-06-30')).toBeUndefined();
  });
});

describe('parseDeprecationHeaders', () => {
  it('reads the deprecation notice a deprecated OpsMerge operation sends', () => {
    const headers = new Headers({
      Deprecation: '@1788220800',
      Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      Link: '<https://app.opsmerge.cloud/api/docs/changelog#alerts-active>; rel="deprecation"; type="text/html", <https://app.opsmerge.cloud/api/docs/stability>; rel="sunset"; type="text/html"',
    });
    expect(parseDeprecationHeaders(headers)).toEqual({
      deprecatedAt: new Date(1_788_220_800_000),
      sunsetAt: new Date(Date.UTC(2027, 5, 30)),
      deprecationLink: 'https://app.opsmerge.cloud/api/docs/changelog#alerts-active',
      sunsetLink: 'https://app.opsmerge.cloud/api/docs/stability',
    });
  });

  it('returns undefined when neither Deprecation nor Sunset is present', () => {
    expect(parseDeprecationHeaders(new Headers({ Link: '<https://a.example/>; rel="deprecation"' }))).toBeUndefined();
  });

  it('returns undefined when both are present but malformed', () => {
    expect(parseDeprecationHeaders(new Headers({ Deprecation: 'soon', Sunset: 'later' }))).toBeUndefined();
  });

  it('reports Deprecation: true without a date', () => {
    expect(parseDeprecationHeaders(new Headers({ Deprecation: 'true' }))).toEqual({});
  });

  it('reports a Sunset alone', () => {
    expect(parseDeprecationHeaders(new Headers({ Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT', Link: '<https://a.example/s>; rel=sunset' }))).toEqual({
      sunsetAt: new Date(Date.UTC(2027, 5, 30)),
      sunsetLink: 'https://a.example/s',
    });
  });

  it('finds the deprecation link among links with several relation types', () => {
    const headers = new Headers({ Deprecation: '@0', Link: '<https://a.example/next>; rel=next, <https://a.example/d>; rel="alternate deprecation"' });
    expect(parseDeprecationHeaders(headers)).toEqual({ deprecatedAt: new Date(0), deprecationLink: 'https://a.example/d' });
  });
});
