/**
 * The SDK's OAuth helpers end to end against the HTTP mock's authorization server:
 * `createAuthorizationRequest` → `/oauth/authorize` → `exchangeCode` → calls through
 * `OAuthTokenManager` (proactive refresh, refresh and replay after a 401) → `revokeToken`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAuthorizationRequest,
  createClient,
  exchangeCode,
  isOAuthError,
  isPermissionDeniedError,
  OAuthTokenManager,
  refreshTokens,
  revokeToken,
  type OAuthTokens,
} from '../../src/index.js';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 9, oauth: { accessTokenTtlSeconds: 300 } });
});
afterAll(() => mock.close());
beforeEach(() => mock.api.reset());

/** The confidential test client, as the SDK's token-endpoint helpers take it. */
const app = () => {
  const client = mock.api.oauth.clients.find((c) => c.secret !== undefined)!;
  return { clientId: client.id, clientSecret: client.secret!, tokenUrl: mock.api.oauth.tokenUrl };
};
const redirectUri = () => mock.api.oauth.clients[0]!.redirectUris[0]!;

/** Steps 1–2 of the guide: the authorization request, the redirect, the code exchange. */
async function authorise(scopes: Parameters<typeof createAuthorizationRequest>[0]['scopes']): Promise<OAuthTokens> {
  const { clientId, clientSecret, tokenUrl } = app();
  const request = await createAuthorizationRequest({ clientId, redirectUri: redirectUri(), scopes, authorizeUrl: mock.api.oauth.authorizeUrl });
  const redirect = await fetch(request.url, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const callback = new URL(redirect.headers.get('location')!);
  expect(callback.searchParams.get('state')).toBe(request.state);
  return exchangeCode({ clientId, clientSecret, code: callback.searchParams.get('code')!, redirectUri: redirectUri(), codeVerifier: request.codeVerifier, tokenUrl });
}

describe('the SDK against the mock authorization server', () => {
  it('authorises, exchanges the code and calls the API with exactly the granted scopes', async () => {
    const tokens = await authorise(['agents:read', 'alerts:write']);
    expect(tokens.scope).toBe('agents:read alerts:write');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 290_000);
    const manager = new OAuthTokenManager({ clientId: app().clientId, clientSecret: app().clientSecret, tokenUrl: app().tokenUrl, tokens });
    const client = createClient({ oauth: { tokens: manager }, baseUrl: mock.url });
    const me = await client.auth.me();
    expect(me.key).toBeNull();
    expect(me.scopes).toEqual(['agents:read', 'alerts:write']);
    expect((await client.agents.list({ per_page: 2 })).items).toHaveLength(2);
    const denied = await client.tickets.list().catch((e: unknown) => e);
    expect(isPermissionDeniedError(denied) && denied.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('refreshes proactively before expiry, stores the rotated tokens, and the old refresh token is dead', async () => {
    const tokens = await authorise(['agents:read']);
    const stored: OAuthTokens[] = [];
    let skew = 0;
    const manager = new OAuthTokenManager({ ...app(), tokens, now: () => Date.now() + skew, onTokens: (fresh) => void stored.push(fresh) });
    const client = createClient({ oauth: { tokens: manager }, baseUrl: mock.url });
    await client.auth.me();
    expect(stored).toHaveLength(0);
    skew = 250_000; // within refreshSkewMs (60 s) of the 300 s lifetime, as the manager sees it
    await client.auth.me();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.refreshToken).not.toBe(tokens.refreshToken);
    const replay = await refreshTokens({ ...app(), refreshToken: tokens.refreshToken! }).catch((e: unknown) => e);
    expect(isOAuthError(replay) && replay.error).toBe('invalid_grant');
  });

  it('refreshes and replays once when the API answers 401 TOKEN_EXPIRED', async () => {
    const tokens = await authorise(['agents:read']);
    const stored: OAuthTokens[] = [];
    const manager = new OAuthTokenManager({ ...app(), tokens, onTokens: (fresh) => void stored.push(fresh) });
    const client = createClient({ oauth: { tokens: manager }, baseUrl: mock.url });
    // The mock's clock passes the token's lifetime; the manager's clock does not know it.
    mock.api.advanceTime(301_000);
    const { response } = await client.agents.list({ per_page: 1 }).withResponse();
    expect(response.status).toBe(200);
    expect(stored).toHaveLength(1);
  });

  it('refreshes and replays once when the access token was revoked on its own', async () => {
    const tokens = await authorise(['agents:read']);
    await revokeToken({ clientId: app().clientId, clientSecret: app().clientSecret, token: tokens.accessToken, tokenTypeHint: 'access_token', revokeUrl: mock.api.oauth.revokeUrl });
    const manager = new OAuthTokenManager({ ...app(), tokens });
    const client = createClient({ oauth: { tokens: manager }, baseUrl: mock.url });
    expect((await client.auth.me()).scopes).toEqual(['agents:read']);
    expect(manager.tokens?.accessToken).not.toBe(tokens.accessToken);
  });

  it('asks for reauthorisation once the grant is revoked (logging out)', async () => {
    const tokens = await authorise(['agents:read']);
    await revokeToken({ clientId: app().clientId, clientSecret: app().clientSecret, token: tokens.refreshToken!, tokenTypeHint: 'refresh_token', revokeUrl: mock.api.oauth.revokeUrl });
    const manager = new OAuthTokenManager({ ...app(), tokens });
    const client = createClient({ oauth: { tokens: manager }, baseUrl: mock.url, maxRetries: 0 });
    const error = await client.auth.me().catch((e: unknown) => e);
    expect(isOAuthError(error) && error.error).toBe('reauthorization_required');
    expect(manager.tokens).toBeUndefined();
    // Revoking again is fine (RFC 7009): the SDK resolves.
    await expect(revokeToken({ clientId: app().clientId, clientSecret: app().clientSecret, token: tokens.refreshToken!, revokeUrl: mock.api.oauth.revokeUrl })).resolves.toBeUndefined();
  });

  it('reports the server’s refusal of a wrong secret as invalid_client, without the secret', async () => {
    const error = await refreshTokens({ ...app(), clientSecret: 'not-the-secret-at-all', refreshToken: 'omrt_whatever-it-is' }).catch((e: unknown) => e);
    expect(isOAuthError(error) && error.error).toBe('invalid_client');
    expect(isOAuthError(error) && error.status).toBe(401);
    expect(String((error as Error).message)).not.toContain('not-the-secret-at-all');
  });
});
