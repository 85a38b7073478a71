/**
 * The mock's OAuth 2.0 authorization server over real HTTP, request by request: the
 * authorization-code flow with PKCE S256, refresh with rotation, revocation, client
 * authentication, and every RFC 6749 §5.2 error a client can provoke.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REDIRECT_URI } from '../../mocks/oauth/clients.js';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { validateFetchResponse } from '../../mocks/validate.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 5, oauth: { accessTokenTtlSeconds: 120 } });
});
afterAll(() => mock.close());
beforeEach(() => mock.api.reset());

const confidential = () => mock.api.oauth.clients.find((c) => c.secret !== undefined)!;
const publicClient = () => mock.api.oauth.clients.find((c) => c.secret === undefined)!;
const verifierAndChallenge = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function authorize(params: Record<string, string | undefined>): Promise<Response> {
  const url = new URL(mock.api.oauth.authorizeUrl);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return fetch(url, { redirect: 'manual' });
}

function authorizeParams(overrides: Record<string, string | undefined> = {}, challenge = verifierAndChallenge().challenge) {
  return {
    response_type: 'code',
    client_id: confidential().id,
    redirect_uri: DEFAULT_REDIRECT_URI,
    scope: 'agents:read alerts:write',
    state: 'st-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

/** Runs /oauth/authorize and returns the code from the redirect. */
async function getCode(scope = 'agents:read alerts:write'): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = verifierAndChallenge();
  const res = await authorize(authorizeParams({ scope }, challenge));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('st-123');
  return { code: location.searchParams.get('code')!, verifier };
}

async function token(form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(mock.api.oauth.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function exchange(code: string, verifier: string, extra: Record<string, string> = {}) {
  return token({ grant_type: 'authorization_code', code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier, ...extra }, { Authorization: basic(confidential().id, confidential().secret!) });
}

describe('/oauth/authorize', () => {
  it('approves at once and redirects to the registered URI with a code and the state', async () => {
    const res = await authorize(authorizeParams());
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(DEFAULT_REDIRECT_URI);
    expect(location.searchParams.get('code')).toMatch(/^omac_[0-9A-Za-z]{32}$/);
    expect(location.searchParams.get('state')).toBe('st-123');
  });

  it.each([
    ['an unknown client', { client_id: 'evil-app' }],
    ['no client', { client_id: undefined }],
    ['an unregistered redirect URI', { redirect_uri: 'https://evil.example/callback' }],
    ['a redirect URI that only starts like the registered one', { redirect_uri: `${DEFAULT_REDIRECT_URI}/../../evil` }],
    ['a redirect URI with an extra query', { redirect_uri: `${DEFAULT_REDIRECT_URI}?next=https://evil.example` }],
    ['no redirect URI', { redirect_uri: undefined }],
  ])('never redirects for %s: 400 invalid_request, no open redirector', async (_what, overrides) => {
    const res = await authorize(authorizeParams(overrides));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it.each([
    ['no PKCE challenge', { code_challenge: undefined }, 'invalid_request'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no PKCE method (plain by default)', { code_challenge_method: undefined }, 'invalid_request'],
    ['a challenge that is no S256 digest', { code_challenge: 'short' }, 'invalid_request'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
    ['an unknown scope', { scope: 'agents:read tickets:write' }, 'invalid_scope'],
    ['no scope', { scope: undefined }, 'invalid_scope'],
  ])('redirects an error for %s, with the state', async (_what, overrides, error) => {
    const res = await authorize(authorizeParams(overrides));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('refuses a parameter sent twice', async () => {
    const url = new URL(mock.api.oauth.authorizeUrl);
    for (const [name, value] of Object.entries(authorizeParams())) url.searchParams.set(name, value);
    url.searchParams.append('client_id', 'other');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('client_id') });
  });

  it('answers 405 with Allow for other methods, in the API envelope with its X-Request-Id', async () => {
    const res = await fetch(mock.api.oauth.authorizeUrl, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    const body = (await res.json()) as { error: { code: string; request_id: string } };
    expect(body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('x-request-id')).toBe(body.error.request_id);
  });
});

describe('/oauth/token: authorization_code', () => {
  it('exchanges a code for Bearer tokens with the granted scopes, uncached', async () => {
    const { code, verifier } = await getCode();
    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^omat_/), token_type: 'Bearer', expires_in: 120, refresh_token: expect.stringMatching(/^omrt_/), scope: 'agents:read alerts:write' });
  });

  it('accepts the secret in the body (client_secret_post)', async () => {
    const { code, verifier } = await getCode();
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier, client_id: confidential().id, client_secret: confidential().secret! });
    expect(res.status).toBe(200);
  });

  it('serves a public client on PKCE alone', async () => {
    const { verifier, challenge } = verifierAndChallenge();
    const res = await authorize(authorizeParams({ client_id: publicClient().id }, challenge));
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const exchanged = await token({ grant_type: 'authorization_code', code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier, client_id: publicClient().id });
    expect(exchanged.status).toBe(200);
  });

  it('works a code once: the second exchange is invalid_grant and revokes what the first gave', async () => {
    const { code, verifier } = await getCode();
    const first = await exchange(code, verifier);
    const me = () => fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${String(first.body['access_token'])}` } });
    expect((await me()).status).toBe(200);
    const second = await exchange(code, verifier);
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ error: 'invalid_grant' });
    const after = await me();
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe('TOKEN_REVOKED');
  });

  it.each([
    ['a wrong code verifier', (v: string) => ({ code_verifier: `${v.slice(0, -1)}${v.endsWith('A') ? 'B' : 'A'}` })],
    ['another redirect URI', () => ({ redirect_uri: 'http://127.0.0.1:8765/other' })],
  ])('refuses %s with invalid_grant, and the code is spent', async (_what, change) => {
    const { code, verifier } = await getCode();
    const res = await exchange(code, verifier, change(verifier));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(code, verifier)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an expired code with invalid_grant', async () => {
    const { code, verifier } = await getCode();
    mock.api.advanceTime(61_000);
    expect((await exchange(code, verifier)).body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('expired') });
  });

  it('refuses a code issued to another client with invalid_grant', async () => {
    const { code, verifier } = await getCode();
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier, client_id: publicClient().id });
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
  });

  it.each([
    ['no code', { code: undefined }],
    ['no code_verifier', { code_verifier: undefined }],
    ['a code_verifier too short for RFC 7636', { code_verifier: 'abc' }],
    ['no grant_type', { grant_type: undefined }],
  ])('answers invalid_request for %s', async (_what, change) => {
    const { code, verifier } = await getCode();
    const form = Object.fromEntries(
      Object.entries({ grant_type: 'authorization_code', code, redirect_uri: DEFAULT_REDIRECT_URI, code_verifier: verifier, ...change }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    const res = await token(form, { Authorization: basic(confidential().id, confidential().secret!) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request' });
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const res = await token({ grant_type: 'password', username: 'u', password: 'p' }, { Authorization: basic(confidential().id, confidential().secret!) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers invalid_request for a JSON body', async () => {
    const res = await fetch(mock.api.oauth.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":"authorization_code"}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('/oauth/token: client authentication', () => {
  it('answers 401 invalid_client with WWW-Authenticate for a wrong Basic secret', async () => {
    const res = await token({ grant_type: 'refresh_token', refresh_token: 'omrt_x' }, { Authorization: basic(confidential().id, 'wrong') });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it.each([
    ['a wrong client_secret in the body', () => ({ client_id: confidential().id, client_secret: 'wrong' })],
    ['a confidential client without its secret', () => ({ client_id: confidential().id })],
    ['an unknown client', () => ({ client_id: 'nobody' })],
    ['a public client sending a secret', () => ({ client_id: publicClient().id, client_secret: 'anything' })],
    ['no client at all', () => ({})],
  ])('answers 401 invalid_client for %s', async (_what, client) => {
    const res = await token({ grant_type: 'refresh_token', refresh_token: 'omrt_x', ...client() });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client' });
    expect(JSON.stringify(res.body)).not.toContain(confidential().secret!);
  });

  it('refuses two authentication methods at once', async () => {
    const res = await token({ grant_type: 'refresh_token', refresh_token: 'omrt_x', client_secret: confidential().secret! }, { Authorization: basic(confidential().id, confidential().secret!) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 405 with Allow: OPTIONS, POST for a GET, in the API envelope', async () => {
    const res = await fetch(mock.api.oauth.tokenUrl);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('keeps the RFC 6749 error form for its own errors, with an X-Request-Id', async () => {
    const res = await token({ grant_type: 'password' }, { Authorization: basic(confidential().id, confidential().secret!) });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
  });
});

describe('the HTTP layer of the authorization server', () => {
  const origin = () => new URL(mock.api.oauth.tokenUrl).origin;

  it('answers a path it does not have with 404 NOT_FOUND in the envelope, also one that normalises onto an endpoint', async () => {
    for (const path of ['/oauth/nothing', '/oauth/token/', '/oauth/']) {
      const res = await fetch(`${origin()}${path}`, { method: 'POST' });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('answers OPTIONS with 204 and Allow, no credentials needed', async () => {
    const res = await fetch(mock.api.oauth.revokeUrl, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('refuses a body over 1 MiB with 413 PAYLOAD_TOO_LARGE before reading it', async () => {
    const res = await fetch(mock.api.oauth.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${'x'.repeat(1024 * 1024 + 1)}`,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets routes given to startMockServer answer before its own', async () => {
    const other = await startMockServer({ port: 0, routes: [{ prefix: '/oauth/token', handle: () => new Response('mine', { status: 418 }) }] });
    try {
      const res = await fetch(other.api.oauth.tokenUrl, { method: 'POST' });
      expect(res.status).toBe(418);
      expect(await res.text()).toBe('mine');
    } finally {
      await other.close();
    }
  });
});

describe('/oauth/token: refresh_token', () => {
  const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
    token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...extra }, { Authorization: basic(confidential().id, confidential().secret!) });

  it('rotates: a new pair each time, and the old refresh token stops working', async () => {
    const { code, verifier } = await getCode();
    const first = (await exchange(code, verifier)).body;
    const second = await refresh(String(first['refresh_token']));
    expect(second.status).toBe(200);
    expect(second.body['refresh_token']).not.toBe(first['refresh_token']);
    expect(second.body['access_token']).not.toBe(first['access_token']);
    const third = await refresh(String(second.body['refresh_token']));
    expect(third.status).toBe(200);
    // The second refresh token was rotated out by the third request.
    expect((await refresh(String(second.body['refresh_token']))).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('treats a replayed refresh token as theft: the whole grant is revoked', async () => {
    const { code, verifier } = await getCode();
    const first = (await exchange(code, verifier)).body;
    const second = (await refresh(String(first['refresh_token']))).body;
    expect((await refresh(String(first['refresh_token']))).body).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(String(second['refresh_token']))).body).toMatchObject({ error: 'invalid_grant' });
    const me = await fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${String(second['access_token'])}` } });
    expect(me.status).toBe(401);
  });

  it('narrows the scope of the access token on request, and refuses widening with invalid_scope', async () => {
    const { code, verifier } = await getCode('agents:read alerts:write');
    const first = (await exchange(code, verifier)).body;
    const narrowed = await refresh(String(first['refresh_token']), { scope: 'agents:read' });
    expect(narrowed.body['scope']).toBe('agents:read');
    const wider = await refresh(String(narrowed.body['refresh_token']), { scope: 'agents:read psa_tickets:write' });
    expect(wider.status).toBe(400);
    expect(wider.body).toMatchObject({ error: 'invalid_scope' });
    const unknown = await refresh(String(narrowed.body['refresh_token']), { scope: 'tickets:write' });
    expect(unknown.body).toMatchObject({ error: 'invalid_scope' });
  });

  it('refuses a refresh token of another client with invalid_grant', async () => {
    const { code, verifier } = await getCode();
    const first = (await exchange(code, verifier)).body;
    const res = await token({ grant_type: 'refresh_token', refresh_token: String(first['refresh_token']), client_id: publicClient().id });
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('/oauth/revoke', () => {
  const revoke = (form: Record<string, string>) =>
    fetch(mock.api.oauth.revokeUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic(confidential().id, confidential().secret!) }, body: new URLSearchParams(form) });

  it('answers 200 for a token it does not know (RFC 7009 §2.2)', async () => {
    expect((await revoke({ token: 'omat_never-issued' })).status).toBe(200);
  });

  it('revoking a refresh token ends the grant: its access token gets 401 TOKEN_REVOKED', async () => {
    const { code, verifier } = await getCode();
    const tokens = (await exchange(code, verifier)).body;
    expect((await revoke({ token: String(tokens['refresh_token']), token_type_hint: 'refresh_token' })).status).toBe(200);
    const me = await fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${String(tokens['access_token'])}` } });
    expect(me.status).toBe(401);
    const checked = await validateFetchResponse('auth_me', me);
    expect(checked.errors).toEqual([]);
    expect((checked.body as { error: { code: string } }).error.code).toBe('TOKEN_REVOKED');
  });

  it('revoking an access token leaves the refresh token working, even with a wrong hint', async () => {
    const { code, verifier } = await getCode();
    const tokens = (await exchange(code, verifier)).body;
    expect((await revoke({ token: String(tokens['access_token']), token_type_hint: 'refresh_token' })).status).toBe(200);
    const me = await fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${String(tokens['access_token'])}` } });
    expect(me.status).toBe(401);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: String(tokens['refresh_token']) }, { Authorization: basic(confidential().id, confidential().secret!) });
    expect(refreshed.status).toBe(200);
  });

  it('answers invalid_request without a token, and 401 invalid_client without client authentication', async () => {
    const missing = await revoke({});
    expect(missing.status).toBe(400);
    const anonymous = await fetch(mock.api.oauth.revokeUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'token=omat_x' });
    expect(anonymous.status).toBe(401);
  });
});

describe('access tokens on the API', () => {
  it('work with exactly their scopes: 200 inside them, 403 INSUFFICIENT_SCOPE outside', async () => {
    const { code, verifier } = await getCode('agents:read');
    const accessToken = String((await exchange(code, verifier)).body['access_token']);
    const get = (path: string) => fetch(`${mock.url}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const me = await get('/v1/auth/me');
    const checked = await validateFetchResponse('auth_me', me);
    expect(checked.errors).toEqual([]);
    expect(checked.body).toMatchObject({ data: { key: null, scopes: ['agents:read'], user: { id: mock.api.store.owner().id } } });
    expect((await get('/v1/agents?per_page=1')).status).toBe(200);
    const tickets = await get('/v1/tickets');
    expect(tickets.status).toBe(403);
    expect(await tickets.json()).toMatchObject({ error: { code: 'INSUFFICIENT_SCOPE', details: [{ scope: 'psa_tickets:read' }] } });
  });

  it('expire after expires_in: 401 TOKEN_EXPIRED, documented for every operation', async () => {
    const { code, verifier } = await getCode();
    const accessToken = String((await exchange(code, verifier)).body['access_token']);
    mock.api.advanceTime(121_000);
    const res = await fetch(`${mock.url}/v1/agents`, { headers: { Authorization: `Bearer ${accessToken}` } });
    const checked = await validateFetchResponse('agents_list', res);
    expect(checked.errors).toEqual([]);
    expect(res.status).toBe(401);
    expect((checked.body as { error: { code: string } }).error.code).toBe('TOKEN_EXPIRED');
  });

  it('stop working when the user who authorised them is deactivated', async () => {
    const { code, verifier } = await getCode();
    const accessToken = String((await exchange(code, verifier)).body['access_token']);
    mock.api.store.owner().status = 'deactivated';
    const res = await fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'OWNER_DEACTIVATED' } });
  });
});

describe('the consent page', () => {
  let consenting: RunningMockServer;
  beforeAll(async () => {
    consenting = await startMockServer({ port: 0, seed: 5, oauth: { consent: true } });
  });
  afterAll(() => consenting.close());

  async function consentForm(): Promise<{ html: string; form: URLSearchParams }> {
    const url = new URL(consenting.api.oauth.authorizeUrl);
    for (const [name, value] of Object.entries(authorizeParams({ client_id: consenting.api.oauth.clients[0]!.id, state: '<script>x</script>' }))) url.searchParams.set(name, value);
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(name!, value!.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))));
    }
    return { html, form };
  }

  it('shows the app and the scopes, escapes what the request sent, and approves on Approve', async () => {
    const { html, form } = await consentForm();
    expect(html).toContain('agents:read');
    expect(html).not.toContain('<script>x</script>');
    form.set('decision', 'approve');
    const res = await fetch(consenting.api.oauth.authorizeUrl, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('code')).toMatch(/^omac_/);
    expect(location.searchParams.get('state')).toBe('<script>x</script>');
  });

  it('redirects access_denied on Deny', async () => {
    const { form } = await consentForm();
    form.set('decision', 'deny');
    const res = await fetch(consenting.api.oauth.authorizeUrl, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });
});
