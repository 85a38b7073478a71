import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED, SAFE_HEADERS, SAFE_QUERY_PARAMS, redactHeaders, redactSecrets, redactUrl, redactUrlsInText } from '../../src/internal/redact.js';

const KEY = 'om_live_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';

describe('SAFE_HEADERS', () => {
  it('is lower-case and lists no header that carries credentials', () => {
    for (const name of SAFE_HEADERS) expect(name).toBe(name.toLowerCase());
    for (const secret of ['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie']) {
      expect(SAFE_HEADERS.has(secret)).toBe(false);
    }
  });

  it('lists the headers the SDK logs for debugging', () => {
    for (const name of ['content-type', 'x-request-id', 'retry-after', 'x-ratelimit-remaining', 'idempotency-key', 'sunset']) {
      expect(SAFE_HEADERS.has(name)).toBe(true);
    }
  });
});

describe('redactHeaders', () => {
  it('hides every header not on the allow-list and lower-cases names', () => {
    expect(
      redactHeaders({ Authorization: `Bearer ${KEY}`, 'X-API-Key': KEY, Cookie: 'sid=1', Accept: 'application/json', 'X-Request-Id': 'req_1' }),
    ).toEqual({ authorization: REDACTED, 'x-api-key': REDACTED, cookie: REDACTED, accept: 'application/json', 'x-request-id': 'req_1' });
  });

  it('hides an unknown custom header by default', () => {
    expect(redactHeaders({ 'X-Goog-Api-Key': 'AIza-secret' })).toEqual({ 'x-goog-api-key': REDACTED });
  });

  it('accepts a Headers object', () => {
    const headers = new Headers({ authorization: `Api-Key ${KEY}`, 'content-type': 'application/json' });
    expect(redactHeaders(headers)).toEqual({ authorization: REDACTED, 'content-type': 'application/json' });
  });

  it('accepts [name, value] pairs and joins repeated names as Headers does', () => {
    expect(
      redactHeaders([
        ['Accept', 'text/html'],
        ['accept', 'application/json'],
        ['X-API-Key', 'a'],
        ['x-api-key', 'b'],
      ]),
    ).toEqual({ accept: 'text/html, application/json', 'x-api-key': REDACTED });
  });

  it('hides a key pasted into an allowed header', () => {
    expect(redactHeaders({ 'User-Agent': `my-app ${KEY}` })).toEqual({ 'user-agent': `my-app ${REDACTED}` });
  });

  it('hides credentials, and every query parameter not on the allow-list, in the URLs of Location and Link', () => {
    expect(
      redactHeaders({
        Location: 'https://app.example/cb?code=abc123&state=xyz&page=2',
        Link: '<https://a.example/d?token=t0k3n&per_page=50>; rel="deprecation"',
      }),
    ).toEqual({
      location: `https://app.example/cb?code=${REDACTED}&state=${REDACTED}&page=2`,
      link: `<https://a.example/d?token=${REDACTED}&per_page=50>; rel="deprecation"`,
    });
  });

  it('keeps a header named __proto__ as plain data', () => {
    const out = redactHeaders([['__proto__', 'x']]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});

describe('SAFE_QUERY_PARAMS', () => {
  // Parameters the spec has whose values stay out of logs: free text and personal data.
  const WITHHELD = ['q', 'email', 'user_principal_name'];

  /** Every query parameter name of the spec. */
  function specQueryParams(): Set<string> {
    type Param = { $ref?: string; in?: string; name?: string };
    const spec = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'generated', 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { parameters?: Param[] } | Param[]>>;
      components: { parameters: Record<string, Param> };
    };
    const resolve = (p: Param): Param => (p.$ref ? (spec.components.parameters[p.$ref.split('/').at(-1) ?? ''] ?? p) : p);
    const names = new Set<string>();
    for (const item of Object.values(spec.paths)) {
      for (const [key, value] of Object.entries(item)) {
        const params = key === 'parameters' ? (value as Param[]) : ((value as { parameters?: Param[] }).parameters ?? []);
        for (const param of params.map(resolve)) if (param.in === 'query' && param.name) names.add(param.name);
      }
    }
    return names;
  }

  it("lists every query parameter of the spec except free text and personal data, and nothing the spec does not have", () => {
    const names = specQueryParams();
    expect(names.size).toBeGreaterThan(10);
    expect([...SAFE_QUERY_PARAMS].sort()).toEqual([...names].filter((name) => !WITHHELD.includes(name)).sort());
    for (const name of WITHHELD) expect(names.has(name)).toBe(true);
  });

  it('lists no parameter that carries a credential', () => {
    for (const name of ['api_key', 'access_token', 'token', 'code', 'client_secret', 'refresh_token', 'password']) expect(SAFE_QUERY_PARAMS.has(name)).toBe(false);
  });
});

describe('redactUrl', () => {
  it('with an allow-list, hides the value of every other parameter, in the query and the fragment', () => {
    expect(redactUrl('https://api.example/v1/agents?page=2&password=hunter2&Status=online&flag#per_page=5&x=1', SAFE_QUERY_PARAMS)).toBe(
      `https://api.example/v1/agents?page=2&password=${REDACTED}&Status=online&flag#per_page=5&x=${REDACTED}`,
    );
    expect(redactUrl('/v1/agents?api_key=k&page=1', new Set(['api_key', 'page']))).toBe(`/v1/agents?api_key=${REDACTED}&page=1`);
  });

  it('hides the api_key query parameter and keeps the rest byte for byte', () => {
    expect(redactUrl(`https://app.opsmerge.cloud/api/v1/agents?page=2&api_key=${KEY}&per_page=50`)).toBe(
      `https://app.opsmerge.cloud/api/v1/agents?page=2&api_key=${REDACTED}&per_page=50`,
    );
  });

  it.each([['access_token'], ['token'], ['code'], ['client_secret'], ['refresh_token'], ['API_KEY'], ['api%5Fkey']])(
    'hides the %s parameter',
    (name) => {
      expect(redactUrl(`/oauth/cb?${name}=s3cr3t&x=1`)).toBe(`/oauth/cb?${name}=${REDACTED}&x=1`);
    },
  );

  it('hides every occurrence of a repeated secret parameter', () => {
    expect(redactUrl('/x?token=a&token=b')).toBe(`/x?token=${REDACTED}&token=${REDACTED}`);
  });

  it('hides tokens in the fragment, where the OAuth implicit flow puts them', () => {
    expect(redactUrl('https://app.example/cb#access_token=abc&token_type=bearer')).toBe(
      `https://app.example/cb#access_token=${REDACTED}&token_type=bearer`,
    );
  });

  it('hides the password of a userinfo', () => {
    expect(redactUrl('https://user:hunter2@api.example/v1?a=1')).toBe(`https://user:${REDACTED}@api.example/v1?a=1`);
  });

  it('leaves a URL without secrets unchanged, including odd encodings', () => {
    const url = 'https://api.example/v1/a%2Fb?q=%E2%82%AC&flag&empty=&tokenish=1#frag';
    expect(redactUrl(url)).toBe(url);
  });

  it('keeps a parameter whose name does not decode', () => {
    expect(redactUrl('/x?%E0%A4%A=1&token=t')).toBe(`/x?%E0%A4%A=1&token=${REDACTED}`);
  });
});

describe('redactUrlsInText', () => {
  it('passes every absolute URL of a text through the allow-list, and leaves the rest alone', () => {
    expect(redactUrlsInText('request to https://api.example/v1/agents?page=2&password=hunter2 failed (see http://x.example/?a=1).')).toBe(
      `request to https://api.example/v1/agents?page=2&password=${REDACTED} failed (see http://x.example/?a=${REDACTED}).`,
    );
    expect(redactUrlsInText('no url ?password=here')).toBe('no url ?password=here');
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of each given secret', () => {
    expect(redactSecrets('a s3cr3t b s3cr3t c hunter2', ['s3cr3t', 'hunter2'])).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it('ignores empty secrets instead of redacting between every character', () => {
    expect(redactSecrets('plain text', [''])).toBe('plain text');
  });

  it('replaces key-shaped tokens even when they are not listed', () => {
    expect(redactSecrets(`key ${KEY} and om_test_abc123 rejected`, [])).toBe(`key ${REDACTED} and ${REDACTED} rejected`);
  });

  it('leaves a bare key prefix, as in documentation, alone', () => {
    expect(redactSecrets('om_test_ keys work only on the sandbox', [])).toBe('om_test_ keys work only on the sandbox');
  });

  it('replaces the credential after an authentication scheme', () => {
    expect(redactSecrets('authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', [])).toBe(`authorization: Bearer ${REDACTED}`);
    expect(redactSecrets('Basic authentication is not supported', [])).toBe('Basic authentication is not supported');
  });

  it('redacts overlapping secrets together, leaving no fragment of either', () => {
    expect(redactSecrets('xxabcdefyy', ['abcd', 'cdef'])).toBe(`xx${REDACTED}yy`);
    expect(redactSecrets('aaaa', ['aaa'])).toBe(REDACTED);
  });

  it('prefers the longer of two nested secrets', () => {
    expect(redactSecrets('token=abcdef', ['abc', 'abcdef'])).toBe(`token=${REDACTED}`);
  });
});
