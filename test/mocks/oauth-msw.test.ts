/**
 * The OAuth endpoints as MSW handlers: `createMockApi()` serves them at the spec's
 * `https://auth.opsmerge.cloud`, the SDK helpers' defaults, so in-process tests need no URLs.
 */
import { describe, expect, it } from 'vitest';
import { createAuthorizationRequest, createClient, exchangeCode, OAuthTokenManager, revokeToken } from '../../src/index.js';
import { createMockApi } from '../../mocks/index.js';
import { useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 3 });

describe('OAuth with createMockApi and the SDK defaults', () => {
  it('authorises, exchanges, calls the API and revokes without naming a URL', async () => {
    const client = api.oauth.clients.find((c) => c.secret === undefined)!; // the public client: PKCE only
    expect(api.oauth.authorizeUrl).toBe('https://auth.opsmerge.cloud/oauth/authorize');
    const request = await createAuthorizationRequest({ clientId: client.id, redirectUri: client.redirectUris[0]!, scopes: ['alerts:read'] });
    const redirect = await fetch(request.url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
    const tokens = await exchangeCode({ clientId: client.id, code, redirectUri: client.redirectUris[0]!, codeVerifier: request.codeVerifier });
    expect(tokens.scope).toBe('alerts:read');

    const sdk = createClient({ oauth: { tokens: new OAuthTokenManager({ clientId: client.id, tokens }) } });
    const me = await sdk.auth.me();
    expect(me).toMatchObject({ key: null, scopes: ['alerts:read'], environment: 'production' });
    expect((await sdk.alerts.list({ per_page: 1 })).items).toHaveLength(1);

    await revokeToken({ clientId: client.id, token: tokens.refreshToken!, tokenTypeHint: 'refresh_token' });
    const after = await fetch(`${api.baseUrl}/v1/auth/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'TOKEN_REVOKED' } });
  });

  it('serves the control API only when a control token is given', () => {
    const controlPaths = (handlers: readonly { info: { path: unknown } }[]) => handlers.map((h) => String(h.info.path)).filter((p) => p.includes('/_mock'));
    expect(api.control).toBeUndefined();
    expect(controlPaths(api.handlers)).toEqual([]);
    const controlled = createMockApi({ controlToken: 'a-token-of-sixteen-chars' });
    expect(controlled.control).toEqual({ url: 'https://sandbox.opsmerge.cloud/api/_mock', token: 'a-token-of-sixteen-chars' });
    expect(controlPaths(controlled.handlers).length).toBeGreaterThan(0);
    expect(() => createMockApi({ controlToken: 'short' })).toThrow(/controlToken/);
  });
});
