import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, MemoryRateLimitStore, OAuthTokenManager, type OAuthTokens, type TokenSource } from '../../src/index.js';
import { apiError, fakeFetch, json, me } from '../support/fake-fetch.js';

function tokenEndpoint(newTokens: () => Record<string, unknown>) {
  return fakeFetch(() => json(200, newTokens()));
}

describe('createClient with OAuth', () => {
  it('refreshes an expired token exactly once for 100 concurrent calls', async () => {
    let issued = 0;
    const auth = tokenEndpoint(() => ({ access_token: `access-${++issued}-abcdefghijklmnop`, token_type: 'Bearer', expires_in: 3600, refresh_token: `refresh-${issued}-abcdefghijklmnop` }));
    const rotated: OAuthTokens[] = [];
    const tokens = new OAuthTokenManager({
      tokens: { accessToken: 'expired-access-abcdefghijklmnop', refreshToken: 'refresh-0-abcdefghijklmnop', expiresAt: Date.now() - 1000, tokenType: 'Bearer' },
      clientId: 'northwind-dashboard',
      fetch: auth.fetch,
      onTokens: (t) => void rotated.push(t),
    });
    const api = fakeFetch(() => json(200, me));
    const client = createClient({ oauth: { tokens }, fetch: api.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    await Promise.all(Array.from({ length: 100 }, () => client.auth.me()));
    expect(auth.calls).toHaveLength(1);
    expect(new Set(api.calls.map((c) => c.headers.get('authorization')))).toEqual(new Set(['Bearer access-1-abcdefghijklmnop']));
    expect(rotated.map((t) => t.refreshToken)).toEqual(['refresh-1-abcdefghijklmnop']);
  });

  it('answers a 401 with one refresh and one replay, never a loop', async () => {
    let issued = 0;
    const auth = tokenEndpoint(() => ({ access_token: `access-${++issued}-abcdefghijklmnop`, token_type: 'Bearer', expires_in: 3600 }));
    const tokens = new OAuthTokenManager({
      tokens: { accessToken: 'revoked-access-abcdefghijklmnop', refreshToken: 'refresh-0-abcdefghijklmnop', expiresAt: Date.now() + 3_600_000, tokenType: 'Bearer' },
      clientId: 'northwind-dashboard',
      fetch: auth.fetch,
    });
    const api = fakeFetch((r) => (r.headers.get('authorization') === 'Bearer access-1-abcdefghijklmnop' ? json(200, me) : apiError(401, 'UNAUTHORIZED', 'token revoked')));
    const client = createClient({ oauth: { tokens }, fetch: api.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    expect(await client.auth.me()).toEqual(me.data);
    expect(auth.calls).toHaveLength(1);
    expect(api.calls).toHaveLength(2);

    // A server that rejects every token: one refresh, one replay, then the 401 surfaces.
    const always401 = fakeFetch(() => apiError(401, 'UNAUTHORIZED', 'nope'));
    const stubborn = createClient({ oauth: { tokens }, fetch: always401.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    await expect(stubborn.auth.me()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(always401.calls.length).toBeLessThanOrEqual(2);
    expect(auth.calls.length).toBeLessThanOrEqual(2);
  });
});

describe('createClient with any TokenSource', () => {
  it('accepts OAuthTokenManager as a TokenSource', () => {
    expectTypeOf<OAuthTokenManager>().toMatchTypeOf<TokenSource>();
  });

  it('sends the token a plain source gives, asked afresh for each call', async () => {
    let n = 0;
    const source: TokenSource = { getAccessToken: () => Promise.resolve(`app-token-${++n}-abcdefghijklmnop`) };
    const api = fakeFetch(() => json(200, me));
    const client = createClient({ oauth: { tokens: source }, fetch: api.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    await client.auth.me();
    await client.auth.me();
    expect(api.calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer app-token-1-abcdefghijklmnop', 'Bearer app-token-2-abcdefghijklmnop']);
  });

  it('lets a 401 through without a replay when the source has no handleUnauthorized', async () => {
    const source: TokenSource = { getAccessToken: () => Promise.resolve('app-token-abcdefghijklmnop') };
    const api = fakeFetch(() => apiError(401, 'UNAUTHORIZED', 'token revoked'));
    const client = createClient({ oauth: { tokens: source }, fetch: api.fetch, maxRetries: 0, rateLimit: { store: new MemoryRateLimitStore() } });
    await expect(client.auth.me()).rejects.toMatchObject({ name: 'AuthenticationError', status: 401 });
    expect(api.calls).toHaveLength(1);
  });

  it('replays a 401 once with the token handleUnauthorized gives, and keeps it out of the error', async () => {
    const rejected: string[] = [];
    const source: TokenSource = {
      getAccessToken: () => Promise.resolve('stale-token-abcdefghijklmnop'),
      handleUnauthorized: (token) => {
        rejected.push(token);
        return Promise.resolve('fresh-token-abcdefghijklmnop');
      },
    };
    const api = fakeFetch((r) => apiError(401, 'UNAUTHORIZED', `token ${r.headers.get('authorization') ?? ''} revoked`));
    const client = createClient({ oauth: { tokens: source }, fetch: api.fetch, maxRetries: 0, rateLimit: { store: new MemoryRateLimitStore() } });
    const error = await client.auth.me().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(rejected).toEqual(['stale-token-abcdefghijklmnop']);
    expect(api.calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer stale-token-abcdefghijklmnop', 'Bearer fresh-token-abcdefghijklmnop']);
    expect(JSON.stringify(error)).not.toContain('fresh-token-abcdefghijklmnop');
    expect((error as Error).message).not.toContain('fresh-token-abcdefghijklmnop');
  });

  // A token goes into an Authorization header: RFC 6750's b64token. Anything else would fail
  // inside fetch with a raw TypeError (or, with CR/LF, be refused by it) after the call began.
  const badTokens: [string, unknown][] = [
    ['an empty string', ''],
    ['a placeholder with an ellipsis', 'at_…'],
    ['a token with a space', 'two words'],
    ['a token with CR/LF', 'tok\r\nX-Injected: 1'],
    ['a number', 42],
    ['undefined', undefined],
  ];
  it.each(badTokens)('refuses %s from getAccessToken with a ConfigurationError before any request, never echoing it', async (_what, token) => {
    const source = { getAccessToken: () => Promise.resolve(token) } as unknown as TokenSource;
    const api = fakeFetch(() => json(200, me));
    const client = createClient({ oauth: { tokens: source }, fetch: api.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    const error = await client.auth.me().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'ConfigurationError', option: 'oauth.tokens' });
    expect(api.calls).toHaveLength(0);
    if (typeof token === 'string' && token !== '') expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(token);
  });

  it('refuses a malformed token from handleUnauthorized instead of replaying with it', async () => {
    const source: TokenSource = {
      getAccessToken: () => Promise.resolve('stale-token-abcdefghijklmnop'),
      handleUnauthorized: () => Promise.resolve('fresh token…'),
    };
    const api = fakeFetch(() => apiError(401, 'UNAUTHORIZED', 'token revoked'));
    const client = createClient({ oauth: { tokens: source }, fetch: api.fetch, maxRetries: 0, rateLimit: { store: new MemoryRateLimitStore() } });
    await expect(client.auth.me()).rejects.toMatchObject({ name: 'ConfigurationError', option: 'oauth.tokens' });
    expect(api.calls).toHaveLength(1);
  });
});
