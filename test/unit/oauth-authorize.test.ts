import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors/index.js';
import { createAuthorizationRequest } from '../../src/oauth/authorize.js';
import { createCodeChallenge } from '../../src/oauth/pkce.js';

// RFC 7636 Appendix B.
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const base = {
  clientId: 'cli_8f2k',
  redirectUri: 'https://app.example.com/oauth/callback',
  scopes: ['agents:read', 'alerts:write'],
} as const;

describe('createAuthorizationRequest', () => {
  it('puts the RFC 7636 appendix B challenge of the given verifier in the URL', async () => {
    const request = await createAuthorizationRequest({ ...base, codeVerifier: RFC_VERIFIER });

    expect(request.codeVerifier).toBe(RFC_VERIFIER);
    expect(request.codeChallenge).toBe(RFC_CHALLENGE);
    expect(request.url.searchParams.get('code_challenge')).toBe(RFC_CHALLENGE);
    expect(request.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.url.href).toContain(`code_challenge=${RFC_CHALLENGE}&`);
  });

  it('builds an authorization-code URL on the OpsMerge authorize endpoint by default', async () => {
    const request = await createAuthorizationRequest({ ...base, state: 'xyz-123' });
    const { url } = request;

    expect(`${url.origin}${url.pathname}`).toBe('https://auth.opsmerge.cloud/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cli_8f2k',
      redirect_uri: 'https://app.example.com/oauth/callback',
      scope: 'agents:read alerts:write',
      state: 'xyz-123',
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    });
    expect(request.state).toBe('xyz-123');
  });

  it('creates an unguessable base64url state and a fresh verifier when none is given', async () => {
    const first = await createAuthorizationRequest(base);
    const second = await createAuthorizationRequest(base);

    expect(first.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.state).not.toBe(second.state);
    expect(first.url.searchParams.get('state')).toBe(first.state);
    expect(first.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(first.codeVerifier).not.toBe(second.codeVerifier);
    expect(first.codeChallenge).toBe(await createCodeChallenge(first.codeVerifier));
  });

  it('uses a custom authorize URL and keeps the query parameters it already has', async () => {
    const request = await createAuthorizationRequest({
      ...base,
      authorizeUrl: 'http://127.0.0.1:4010/oauth/authorize?prompt=consent',
    });

    expect(request.url.origin).toBe('http://127.0.0.1:4010');
    expect(request.url.searchParams.get('prompt')).toBe('consent');
    expect(request.url.searchParams.get('response_type')).toBe('code');
  });

  it('leaves the scope parameter out when no scopes are asked for', async () => {
    const request = await createAuthorizationRequest({ ...base, scopes: [] });

    expect(request.url.searchParams.has('scope')).toBe(false);
  });

  it.each([
    ['clientId', { clientId: '' }],
    ['redirectUri', { redirectUri: '/oauth/callback' }],
    ['redirectUri', { redirectUri: 'https://app.example.com/cb#frag' }],
    ['authorizeUrl', { authorizeUrl: 'not a url' }],
    ['scopes', { scopes: ['agents:read', 'alerts write'] }],
    ['scopes', { scopes: [''] }],
    ['state', { state: '' }],
    ['codeVerifier', { codeVerifier: 'too-short' }],
    ['codeVerifier', { codeVerifier: `${'a'.repeat(42)}!` }],
  ] as const)('rejects a bad %s with a ConfigurationError that names it', async (option, override) => {
    const error: unknown = await createAuthorizationRequest({ ...base, ...override }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as ConfigurationError).message).toContain(option);
  });

  it('does not repeat a rejected code verifier in the error message', async () => {
    const verifier = 'secret-verifier-canary';
    const error: unknown = await createAuthorizationRequest({ ...base, codeVerifier: verifier }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(JSON.stringify(error)).not.toContain(verifier);
    expect((error as Error).stack).not.toContain(verifier);
  });
});
