import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError } from '../../src/errors/index.js';
import { OAuthError, isOAuthError } from '../../src/oauth/errors.js';
import { exchangeCode, refreshTokens } from '../../src/oauth/grants.js';
import { revokeToken } from '../../src/oauth/revocation.js';
import { recordingFetch, type FormHandler } from '../support/recording-fetch.js';
import { exposedText } from '../support/exposed-text.js';

type Handler = FormHandler;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const NOW = Date.parse('2026-11-22T10:00:00Z');
const now = (): number => NOW;

describe('exchangeCode', () => {
  it('posts the code, redirect URI and PKCE verifier with client_id in the body for a public client', async () => {
    const { fetch, calls } = recordingFetch(() =>
      json({ access_token: 'at_1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt_1', scope: 'agents:read' }),
    );

    const tokens = await exchangeCode({
      clientId: 'cli_8f2k',
      code: 'code_abc',
      redirectUri: 'https://app.example.com/cb',
      codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      fetch,
      now,
    });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe('https://auth.opsmerge.cloud/oauth/token');
    expect(call?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call?.headers.get('accept')).toBe('application/json');
    expect(call?.headers.has('authorization')).toBe(false);
    expect(Object.fromEntries(call?.form ?? [])).toEqual({
      grant_type: 'authorization_code',
      code: 'code_abc',
      redirect_uri: 'https://app.example.com/cb',
      code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      client_id: 'cli_8f2k',
    });
    expect(tokens).toEqual({
      accessToken: 'at_1',
      refreshToken: 'rt_1',
      tokenType: 'Bearer',
      scope: 'agents:read',
      expiresAt: NOW + 3_600_000,
    });
  });

  it('authenticates a confidential client with HTTP Basic over the form-urlencoded id and secret', async () => {
    const { fetch, calls } = recordingFetch(() => json({ access_token: 'at_1', token_type: 'Bearer' }));

    await exchangeCode({
      clientId: 'cli:8f2k',
      clientSecret: 'p@ss w:rd/é',
      code: 'code_abc',
      redirectUri: 'https://app.example.com/cb',
      codeVerifier: 'v'.repeat(43),
      tokenUrl: 'https://auth.example.test/token',
      fetch,
    });

    const call = calls[0];
    expect(call?.url).toBe('https://auth.example.test/token');
    const authorization = call?.headers.get('authorization') ?? '';
    expect(authorization).toMatch(/^Basic /);
    // RFC 6749 §2.3.1: each half is form-urlencoded before base64.
    expect(atob(authorization.slice('Basic '.length))).toBe('cli%3A8f2k:p%40ss+w%3Ard%2F%C3%A9');
    expect(call?.form.has('client_id')).toBe(false);
    expect(call?.form.has('client_secret')).toBe(false);
    expect(call?.form.get('code_verifier')).toBe('v'.repeat(43));
  });

  it('leaves refreshToken and expiresAt out when the response has none', async () => {
    const { fetch } = recordingFetch(() => json({ access_token: 'at_1', token_type: 'bearer' }));

    const tokens = await exchangeCode({ clientId: 'c', code: 'x', redirectUri: 'https://a.test/cb', codeVerifier: 'v', fetch });

    expect(tokens).toEqual({ accessToken: 'at_1', tokenType: 'bearer' });
    expect('refreshToken' in tokens).toBe(false);
  });

  it('turns an RFC 6749 §5.2 error response into an OAuthError with the code and description', async () => {
    const { fetch } = recordingFetch(() =>
      json({ error: 'invalid_grant', error_description: 'The authorization code has expired' }, 400),
    );

    const error: unknown = await exchangeCode({ clientId: 'c', code: 'x', redirectUri: 'https://a.test/cb', codeVerifier: 'v', fetch }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(OAuthError);
    expect(isOAuthError(error)).toBe(true);
    const oauth = error as OAuthError;
    expect(oauth.error).toBe('invalid_grant');
    expect(oauth.status).toBe(400);
    expect(oauth.errorDescription).toBe('The authorization code has expired');
    expect(oauth.message).toBe('OAuth token request failed: 400 invalid_grant (The authorization code has expired)');
    expect(oauth.toJSON()).toMatchObject({ name: 'OAuthError', error: 'invalid_grant', status: 400 });
  });

  it('reports a non-JSON error body as invalid_response', async () => {
    const { fetch } = recordingFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );

    const error: unknown = await exchangeCode({ clientId: 'c', code: 'x', redirectUri: 'https://a.test/cb', codeVerifier: 'v', fetch }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_response');
    expect((error as OAuthError).status).toBe(502);
    expect((error as OAuthError).message).toMatch(/^OAuth token request failed: 502 invalid_response \(.*text\/html\)$/);
  });

  it.each([
    ['a body that is not JSON', () => new Response('ok', { status: 200 })],
    ['a body without access_token', () => json({ token_type: 'Bearer' })],
    ['a redirect', () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } })],
    ['an error body without an error code', () => json({ message: 'nope' }, 400)],
  ])('reports %s as invalid_response', async (_, respond) => {
    const { fetch } = recordingFetch(respond);

    const error: unknown = await exchangeCode({ clientId: 'c', code: 'x', redirectUri: 'https://a.test/cb', codeVerifier: 'v', fetch }).catch(
      (e: unknown) => e,
    );

    expect((error as OAuthError).error).toBe('invalid_response');
  });

  it('rejects with the signal reason when the caller aborts', async () => {
    const controller = new AbortController();
    const { fetch } = recordingFetch(
      (_call, _i, signal) =>
        new Promise<Response>((_resolve, reject) => {
          if (signal.aborted) reject(signal.reason as Error);
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        }),
    );
    const reason = new Error('user cancelled');

    const pending = exchangeCode({ clientId: 'c', code: 'x', redirectUri: 'https://a.test/cb', codeVerifier: 'v', fetch, signal: controller.signal });
    await Promise.resolve();
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });
});

/** A 200 (or `status`) whose body never ends; `pulled()` says how many 64 KiB chunks were asked for. */
function endlessResponse(status = 200): { response: Response; pulled: () => number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode(`{"access_token":"${'a'.repeat(64 * 1024)}`);
  const body = new ReadableStream<Uint8Array>({ pull: (c) => (pulled++, c.enqueue(chunk)) }, { highWaterMark: 0 });
  return { response: new Response(body, { status, headers: { 'content-type': 'application/json' } }), pulled: () => pulled };
}

describe('a token or revocation endpoint that sends an endless body', () => {
  const calls = {
    exchangeCode: (fetch: typeof globalThis.fetch) => exchangeCode({ clientId: 'c', code: 'x', redirectUri: 'https://a.test/cb', codeVerifier: 'v', fetch }),
    refreshTokens: (fetch: typeof globalThis.fetch) => refreshTokens({ clientId: 'c', refreshToken: 'rt_secret_1', fetch }),
    revokeToken: (fetch: typeof globalThis.fetch) => revokeToken({ clientId: 'c', token: 'at_secret_1', fetch, maxRetries: 0 }),
  };

  it.each([
    ['exchangeCode', 200],
    ['refreshTokens', 200],
    ['refreshTokens', 400],
    ['revokeToken', 200],
    ['revokeToken', 503],
  ] as const)('%s stops reading a %i body at 1 MiB and fails with invalid_response', async (name, status) => {
    const { response, pulled } = endlessResponse(status);
    const { fetch } = recordingFetch(() => response);
    const error: unknown = await calls[name](fetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_response');
    expect((error as OAuthError).message).toMatch(/\(the body goes on past 1048576 bytes; the SDK read no more of it\)$/);
    expect(pulled()).toBeLessThanOrEqual(17);
  });

  it('reads a body of exactly 1 MiB whole', async () => {
    const token = 'a'.repeat(1024 * 1024 - '{"access_token":"","token_type":"Bearer"}'.length);
    const { fetch } = recordingFetch(() => json({ access_token: token, token_type: 'Bearer' }));
    expect((await refreshTokens({ clientId: 'c', refreshToken: 'rt', fetch })).accessToken).toBe(token);
  });

  it('reports a body that breaks off mid-read as a ConnectionError that may have reached the server', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (c) => (sent ? c.error(new TypeError('terminated')) : ((sent = true), c.enqueue(new TextEncoder().encode('{"access_')))),
    });
    const { fetch } = recordingFetch(() => new Response(body, { status: 200 }));
    const error: unknown = await refreshTokens({ clientId: 'c', refreshToken: 'rt', fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
  });
});

describe('refreshTokens', () => {
  it('keeps the old refresh token when the response carries none (RFC 6749 §6)', async () => {
    const { fetch, calls } = recordingFetch(() => json({ access_token: 'at_2', token_type: 'Bearer', expires_in: 600 }));

    const tokens = await refreshTokens({ clientId: 'cli_8f2k', refreshToken: 'rt_old', fetch, now });

    expect(Object.fromEntries(calls[0]?.form ?? [])).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt_old', client_id: 'cli_8f2k' });
    expect(tokens).toEqual({ accessToken: 'at_2', refreshToken: 'rt_old', tokenType: 'Bearer', expiresAt: NOW + 600_000 });
  });

  it('rotates to the new refresh token when the response carries one', async () => {
    const { fetch } = recordingFetch(() => json({ access_token: 'at_2', token_type: 'Bearer', refresh_token: 'rt_new' }));

    const tokens = await refreshTokens({ clientId: 'cli_8f2k', refreshToken: 'rt_old', fetch });

    expect(tokens.refreshToken).toBe('rt_new');
  });

  it('asks for narrower scopes and records them as granted when the response does not say', async () => {
    const { fetch, calls } = recordingFetch(() => json({ access_token: 'at_2', token_type: 'Bearer' }));

    const tokens = await refreshTokens({ clientId: 'c', clientSecret: 's3cret', refreshToken: 'rt', scopes: ['agents:read', 'alerts:read'], fetch });

    expect(calls[0]?.form.get('scope')).toBe('agents:read alerts:read');
    expect(calls[0]?.headers.get('authorization')).toBe(`Basic ${btoa('c:s3cret')}`);
    expect(tokens.scope).toBe('agents:read alerts:read');
  });

  it('accepts expires_in sent as a numeric string', async () => {
    const { fetch } = recordingFetch(() => json({ access_token: 'at_2', token_type: 'Bearer', expires_in: '120' }));

    const tokens = await refreshTokens({ clientId: 'c', refreshToken: 'rt', fetch, now });

    expect(tokens.expiresAt).toBe(NOW + 120_000);
  });

  it('reads an expired refresh token as invalid_grant with the server message', async () => {
    const { fetch } = recordingFetch(() =>
      json({ error: 'invalid_grant', error_description: 'The refresh token has expired' }, 400),
    );

    await expect(refreshTokens({ clientId: 'c', refreshToken: 'rt', fetch })).rejects.toThrow(
      'OAuth token request failed: 400 invalid_grant (The refresh token has expired)',
    );
  });

  it('wraps a network failure in a ConnectionError that may have reached the server', async () => {
    const { fetch } = recordingFetch(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) });
    });

    const error: unknown = await refreshTokens({ clientId: 'c', refreshToken: 'rt', fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).mayHaveSucceeded).toBe(true);
    expect((error as ConnectionError).message).toContain('POST /oauth/token');
    expect((error as ConnectionError).message).toContain('ECONNREFUSED');
  });
});

describe('secrets in token errors', () => {
  const SECRET = 'canary-client-secret-7d1e0c9b';
  const REFRESH = 'canary-refresh-token-4f2a8b6c';

  it('keeps the client secret and refresh token out of an error whose server description echoes them', async () => {
    const { fetch } = recordingFetch((call) =>
      json(
        {
          error: 'invalid_grant',
          error_description: `Token ${call.form.get('refresh_token') ?? ''} rejected for ${call.headers.get('authorization') ?? ''} / ${SECRET}`,
        },
        400,
      ),
    );

    const error: unknown = await refreshTokens({ clientId: 'c', clientSecret: SECRET, refreshToken: REFRESH, fetch }).catch((e: unknown) => e);

    expect(isOAuthError(error)).toBe(true);
    const text = exposedText(error);
    expect(text).toContain('invalid_grant');
    expect(text).toContain('REDACTED');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(REFRESH);
    expect(text).not.toContain(btoa(`c:${SECRET}`));
  });

  it('keeps them out of a ConnectionError whose fetch failure carries the request and its body', async () => {
    const { fetch } = recordingFetch((call) => {
      const failure = new TypeError(`fetch failed for body ${call.form.toString()}`, {
        cause: Object.assign(new Error(`socket hang up (${SECRET})`), { code: 'ECONNRESET', request: call }),
      });
      throw Object.assign(failure, { request: new Request(call.url, { method: 'POST', body: call.form.toString() }) });
    });

    const error: unknown = await refreshTokens({ clientId: 'c', clientSecret: SECRET, refreshToken: REFRESH, fetch }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    const text = exposedText(error);
    expect(text).toContain('ECONNRESET');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(REFRESH);
  });
});

describe('revokeToken', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('posts the token and its type hint and resolves on 200, even for a token the server does not know', async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 200 }));

    await expect(
      revokeToken({ token: 'rt_unknown', tokenTypeHint: 'refresh_token', clientId: 'cli_8f2k', clientSecret: 's3cret', fetch }),
    ).resolves.toBeUndefined();

    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://auth.opsmerge.cloud/oauth/revoke');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(calls[0]?.headers.get('authorization')).toBe(`Basic ${btoa('cli_8f2k:s3cret')}`);
    expect(calls[0]?.form.toString()).toBe('token=rt_unknown&token_type_hint=refresh_token');
  });

  it('sends client_id in the body for a public client', async () => {
    const { fetch, calls } = recordingFetch(() => new Response('{}', { status: 200 }));

    await revokeToken({ token: 'at_1', clientId: 'cli_8f2k', fetch });

    expect(Object.fromEntries(calls[0]?.form ?? [])).toEqual({ token: 'at_1', client_id: 'cli_8f2k' });
    expect(calls[0]?.headers.has('authorization')).toBe(false);
  });

  it('retries a 503 with Retry-After: 1 once, after exactly one second', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = recordingFetch((_call, index) =>
      index === 0 ? new Response('busy', { status: 503, headers: { 'retry-after': '1' } }) : new Response(null, { status: 200 }),
    );

    const pending = revokeToken({ token: 'rt', clientId: 'c', fetch });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('measures an HTTP-date Retry-After against the injected clock', async () => {
    vi.useFakeTimers();
    const retryAt = new Date(NOW + 2000).toUTCString();
    const { fetch, calls } = recordingFetch((_call, index) =>
      index === 0 ? new Response(null, { status: 503, headers: { 'retry-after': retryAt } }) : new Response(null, { status: 200 }),
    );

    const pending = revokeToken({ token: 'rt', clientId: 'c', fetch, now });
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(calls).toHaveLength(2);
  });

  it('throws the 503 as an OAuthError once maxRetries are spent', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = recordingFetch(() =>
      json({ error: 'temporarily_unavailable', error_description: 'Try later' }, 503, { 'retry-after': '1' }),
    );

    const pending = revokeToken({ token: 'rt', clientId: 'c', fetch }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await pending;

    expect(calls).toHaveLength(3);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).status).toBe(503);
    expect((error as OAuthError).message).toBe('OAuth revocation request failed: 503 temporarily_unavailable (Try later)');
  });

  it('fails at once instead of sleeping through a Retry-After longer than maxRetryAfterMs', async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 503, headers: { 'retry-after': '3600' } }));

    const error: unknown = await revokeToken({ token: 'rt', clientId: 'c', fetch }).catch((e: unknown) => e);

    expect(calls).toHaveLength(1);
    expect((error as OAuthError).status).toBe(503);
  });

  it('ends the wait between attempts as soon as the signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 503, headers: { 'retry-after': '30' } }));

    const pending = revokeToken({ token: 'rt', clientId: 'c', fetch, signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error('shutting down');
    controller.abort(reason);

    expect(await pending).toBe(reason);
    expect(calls).toHaveLength(1);
  });

  it('throws a 400 as an OAuthError without retrying', async () => {
    const { fetch, calls } = recordingFetch(() =>
      json({ error: 'unsupported_token_type', error_description: 'Cannot revoke this token type' }, 400),
    );

    const error: unknown = await revokeToken({ token: 'rt', clientId: 'c', fetch }).catch((e: unknown) => e);

    expect(calls).toHaveLength(1);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('unsupported_token_type');
    expect((error as OAuthError).message).toBe('OAuth revocation request failed: 400 unsupported_token_type (Cannot revoke this token type)');
  });

  it('keeps the revoked token out of the error when the server echoes it', async () => {
    const TOKEN = 'canary-access-token-0b9e2f';
    const { fetch } = recordingFetch(() => json({ error: 'invalid_request', error_description: `bad token ${TOKEN}` }, 400));

    const error: unknown = await revokeToken({ token: TOKEN, clientId: 'c', fetch }).catch((e: unknown) => e);

    expect(exposedText(error)).not.toContain(TOKEN);
  });
});
