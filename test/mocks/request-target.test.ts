/** mocks/request-target.ts: request targets read as sent, never decoded or normalised. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../mocks/request-target.js';

const segment = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'Z', '0', '.', '%', '2', 'e', '-', '_', '~', ':', '@') });
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join('/')}`);
const search = fc.oneof(fc.constant(''), fc.string({ maxLength: 20, unit: fc.constantFrom('a', '=', '&', '%', 'z', '?', '/', '.') }).map((q) => `?${q}`));

describe('parseRequestTarget', () => {
  it('returns an origin-form path and query exactly as sent, dot segments and percent-encoding included', () => {
    fc.assert(
      fc.property(path, search, (p, q) => {
        expect(parseRequestTarget(`${p}${q}`)).toEqual({ path: p, search: q });
      }),
    );
    expect(parseRequestTarget('/v1/agents/../api-keys')).toEqual({ path: '/v1/agents/../api-keys', search: '' });
    expect(parseRequestTarget('/v1/agents/%2e%2e/api-keys?x=%zz')).toEqual({ path: '/v1/agents/%2e%2e/api-keys', search: '?x=%zz' });
  });

  it('takes the path and query of an absolute-form target, whatever its authority, and / for an empty path', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'HTTPS', 'https'), fc.constantFrom('127.0.0.1:4010', 'example.com', 'user@host', '[::1]:80', ''), path, search, (scheme, authority, p, q) => {
        expect(parseRequestTarget(`${scheme}://${authority}${p}${q}`)).toEqual({ path: p, search: q });
      }),
    );
    expect(parseRequestTarget('http://example.com')).toEqual({ path: '/', search: '' });
    expect(parseRequestTarget('http://example.com?a=1')).toEqual({ path: '/', search: '?a=1' });
  });

  it('reads * as the asterisk form, drops a fragment, and refuses authority-form and other schemes', () => {
    expect(parseRequestTarget('*')).toEqual({ asterisk: true });
    expect(parseRequestTarget('/v1/agents?page=2#top')).toEqual({ path: '/v1/agents', search: '?page=2' });
    expect(parseRequestTarget('/v1/agents#a?b')).toEqual({ path: '/v1/agents', search: '' });
    for (const raw of ['example.com:443', 'ftp://host/v1/agents', 'v1/agents', '', '**', 'http:/x']) {
      expect(parseRequestTarget(raw), raw).toMatchObject({ invalid: expect.stringContaining('must be a path or an http(s) URL') });
    }
  });
});
