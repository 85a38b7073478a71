import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscapes } from '../../src/internal/escapes.js';
import { REDACTED, SAFE_HEADERS, SAFE_QUERY_PARAMS, redactHeaders, redactSecrets, redactUrl } from '../../src/internal/redact.js';
import { MIN_FRAGMENT, SecretIndex } from '../../src/internal/secret-index.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const apiKey = fc
  .tuple(fc.constantFrom('om_live_', 'om_test_'), fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 32, maxLength: 32 }))
  .map(([prefix, rest]) => prefix + rest);
// A secret that cannot be spelt out of the replacement text and its neighbours: at least
// 8 characters, lower-case and digits only (REDACTED is upper-case).
const secret = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.~'), minLength: 8, maxLength: 40 });
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
const text = fc.string({ unit: fc.oneof(fc.constantFrom(' ', '\n', ':', '=', '"', 'Bearer ', 'om_', 'live_'), fc.string({ minLength: 1, maxLength: 1 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });

describe('redactHeaders properties', () => {
  it('never outputs a secret placed in a header that is not allow-listed', () => {
    fc.assert(
      fc.property(
        fc.dictionary(headerName, text),
        headerName.filter((name) => !SAFE_HEADERS.has(name.toLowerCase())),
        secret,
        fc.string(),
        fc.string(),
        (others, secretHeader, value, before, after) => {
          // The map may also carry the secret's name in other casings.
          const headers: Record<string, string> = { ...others, [secretHeader]: before + value + after };
          const out = redactHeaders(headers);
          expect(JSON.stringify(out)).not.toContain(value);
          expect(out[secretHeader.toLowerCase()]).toBe(REDACTED);
        },
      ),
    );
  });

  it('never outputs an API key, whatever header it is in', () => {
    fc.assert(
      fc.property(fc.dictionary(headerName, text), fc.oneof(headerName, fc.constantFrom(...SAFE_HEADERS)), apiKey, (others, name, key) => {
        const out = redactHeaders({ ...others, [name]: `x ${key} y` });
        expect(JSON.stringify(out)).not.toContain(key);
      }),
    );
  });

  it('lower-cases every name and keeps allow-listed values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAFE_HEADERS), fc.stringMatching(/^[a-z0-9 /;=.-]{0,30}$/), (name, value) => {
        const out = redactHeaders(new Headers({ [name.toUpperCase()]: value }));
        expect(Object.keys(out)).toEqual([name]);
      }),
    );
  });
});

describe('redactSecrets properties', () => {
  it('never outputs an API key embedded in arbitrary text', () => {
    fc.assert(
      fc.property(text, apiKey, text, (before, key, after) => {
        expect(redactSecrets(before + key + after, [])).not.toContain(key);
      }),
    );
  });

  it('never outputs a listed secret, however many times it appears', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.boolean())), secret, fc.array(secret, { maxLength: 3 }), (parts, value, others) => {
        const input = parts.map(([chunk, withSecret]) => (withSecret ? chunk + value : chunk)).join('');
        const output = redactSecrets(input, [...others, value]);
        expect(output).not.toContain(value);
      }),
    );
  });

  it('never outputs a listed secret or an API key in any encoding a server may use, nor lets it decode back', () => {
    // Each character raw, percent-encoded, JSON-escaped, or as an HTML reference (decimal or hex).
    const encodings = [
      (c: string) => c,
      (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      (c: string) => `&#${c.charCodeAt(0)};`,
      (c: string) => `&#x${c.charCodeAt(0).toString(16)};`,
    ];
    const surrounding = fc.string({ unit: fc.constantFrom(...'abc XYZ:="{},.\n') });
    fc.assert(
      fc.property(fc.oneof(secret, apiKey), fc.boolean(), surrounding, surrounding, fc.infiniteStream(fc.nat({ max: encodings.length - 1 })), (value, known, before, after, picks) => {
        const encoded = [...value].map((c) => (encodings[picks.next().value as number] as (c: string) => string)(c)).join('');
        const output = redactSecrets(`${before}${encoded}${after}`, known || !value.startsWith('om_') ? [value] : []);
        expect(output).not.toContain(value);
        for (const view of decodeEscapes(output)) expect(view.text).not.toContain(value);
      }),
    );
  });

  it(`never outputs a piece of ${MIN_FRAGMENT} characters or more of a known secret (a token split across fields)`, () => {
    fc.assert(
      fc.property(secret.filter((s) => s.length >= MIN_FRAGMENT), fc.nat(), fc.nat(), (value, a, b) => {
        const start = a % (value.length - MIN_FRAGMENT + 1);
        const end = start + MIN_FRAGMENT + (b % (value.length - start - MIN_FRAGMENT + 1));
        const piece = value.slice(start, end);
        const index = new SecretIndex(4);
        index.add(value);
        expect(redactSecrets(`{"a":"${piece}","b":"x"}`, [index])).toBe(`{"a":"${REDACTED}","b":"x"}`);
      }),
    );
  });

  it('changes nothing when there is no secret to find', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abc xyz.,:;!?\n') }), (plain) => {
        expect(redactSecrets(plain, ['not-in-there'])).toBe(plain);
      }),
    );
  });
});

describe('redactUrl properties', () => {
  it('with the allow-list, never outputs the value of a parameter that is not on it, and keeps those that are', () => {
    const unknownName = fc.stringMatching(/^[a-z_]{1,12}$/).filter((name) => !SAFE_QUERY_PARAMS.has(name));
    const value = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/);
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), unknownName, value, fc.constantFrom(...SAFE_QUERY_PARAMS), (base, name, hidden, safe) => {
        const out = redactUrl(`${base}?${safe}=7&${name}=${hidden}`, SAFE_QUERY_PARAMS);
        expect(out).toBe(`${base}?${safe}=7&${name}=${REDACTED}`);
      }),
    );
  });

  it('never outputs the value of a secret query parameter and keeps the others', () => {
    const name = fc.constantFrom('api_key', 'access_token', 'token', 'code', 'client_secret', 'refresh_token');
    const plain = fc.stringMatching(/^[a-z]{1,8}=[a-z0-9]{0,8}$/).filter((p) => !/^(api_key|access_token|token|code|client_secret|refresh_token)=/.test(p));
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), fc.array(plain, { maxLength: 3 }), name, secret, (base, params, secretName, value) => {
        const url = `${base}?${[...params, `${secretName}=${value}`].join('&')}`;
        const out = redactUrl(url);
        expect(out).not.toContain(value);
        for (const p of params) expect(out).toContain(p);
      }),
    );
  });
});
