import { describe, expect, it } from 'vitest';
import { createClient, MemoryRateLimitStore, OAuthTokenManager, type OAuthTokens } from '../../src/index.js';
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
