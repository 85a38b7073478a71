import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, ConnectionError, TimeoutError } from '../../src/errors/index.js';
import { OAuthError } from '../../src/oauth/errors.js';
import { OAuthTokenManager, type OAuthTokenManagerOptions } from '../../src/oauth/token-manager.js';
import type { OAuthTokens } from '../../src/oauth/token-endpoint.js';
import { recordingFetch, type FormHandler, type RecordedFormCall } from '../support/recording-fetch.js';
import { exposedText } from '../support/exposed-text.js';

type Handler = FormHandler;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A token response: access token `at_<n>` for the n-th request, expiring in an hour. */
function issue(index: number, extra: Record<string, unknown> = {}): Response {
  return json({ access_token: `at_${index + 1}`, token_type: 'Bearer', expires_in: 3600, ...extra });
}

/** Answers the n-th token request with {@link issue}. */
const issueNth: Handler = (_call, index) => issue(index);

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const T0 = Date.parse('2026-11-22T10:00:00Z');

/** Polls `condition` every millisecond until it holds; fails after a second. */
async function until(condition: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 1000; !condition(); ) {
    if (Date.now() > deadline) throw new Error('condition not met within a second');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** A manager on a hand-driven clock, with tokens that expire `expiresInMs` after T0. */
function setup(
  handler: Handler,
  options: { expiresInMs?: number; tokens?: { [K in keyof OAuthTokens]?: OAuthTokens[K] | undefined } } & Partial<
    Omit<OAuthTokenManagerOptions, 'tokens'>
  > = {},
) {
  const clock = { now: T0 };
  const { fetch, calls } = recordingFetch(handler);
  const received: OAuthTokens[] = [];
  const { expiresInMs = 3_600_000, tokens, ...rest } = options;
  // `undefined` in `tokens` removes that field from the defaults.
  const merged = { accessToken: 'at_0', refreshToken: 'rt_0', tokenType: 'Bearer', expiresAt: T0 + expiresInMs, ...tokens };
  const manager = new OAuthTokenManager({
    clientId: 'cli_8f2k',
    tokens: JSON.parse(JSON.stringify(merged)) as OAuthTokens,
    fetch,
    now: () => clock.now,
    onTokens: (t) => {
      received.push(t);
    },
    ...rest,
  });
  return { manager, calls, clock, received };
}

describe('OAuthTokenManager.getAccessToken', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns the current token without a request while it is far from expiry', async () => {
    const { manager, calls } = setup(issueNth);

    await expect(manager.getAccessToken()).resolves.toBe('at_0');
    expect(calls).toHaveLength(0);
  });

  it('sends exactly one refresh for 100 concurrent calls with an expired token, and all get the new token', async () => {
    const gate = deferred();
    const { manager, calls, received } = setup(
      async (_call, index) => {
        await gate.promise;
        return issue(index);
      },
      { expiresInMs: -1000 },
    );

    const pending = Array.from({ length: 100 }, () => manager.getAccessToken());
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    gate.resolve();
    const tokens = await Promise.all(pending);

    expect(new Set(tokens)).toEqual(new Set(['at_1']));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.form.get('grant_type')).toBe('refresh_token');
    expect(calls[0]?.form.get('refresh_token')).toBe('rt_0');
    expect(received).toHaveLength(1);
  });

  it('refreshes once the token is within the default 60 s skew window, and not a millisecond before', async () => {
    const { manager, calls, clock } = setup(issueNth, { expiresInMs: 120_000 });

    clock.now = T0 + 59_999; // expires in 60.001 s
    await expect(manager.getAccessToken()).resolves.toBe('at_0');
    expect(calls).toHaveLength(0);

    clock.now = T0 + 60_000; // expires in exactly 60 s
    await expect(manager.getAccessToken()).resolves.toBe('at_1');
    expect(calls).toHaveLength(1);
    expect(manager.tokens?.expiresAt).toBe(T0 + 60_000 + 3_600_000);
  });

  it('honours a custom refreshSkewMs', async () => {
    const { manager, calls, clock } = setup(issueNth, { expiresInMs: 120_000, refreshSkewMs: 5_000 });

    clock.now = T0 + 114_999;
    await manager.getAccessToken();
    expect(calls).toHaveLength(0);

    clock.now = T0 + 115_000;
    await expect(manager.getAccessToken()).resolves.toBe('at_1');
  });

  it('never refreshes a token without a known expiry on its own', async () => {
    const { manager, calls, clock } = setup(issueNth, { tokens: { expiresAt: undefined } });
    clock.now = T0 + 365 * 86_400_000;

    await expect(manager.getAccessToken()).resolves.toBe('at_0');
    expect(calls).toHaveLength(0);
  });

  it('hands rotated refresh tokens to onTokens and uses them for the next refresh', async () => {
    const { manager, calls, clock, received } = setup((_call, index) => issue(index, { refresh_token: `rt_${index + 1}` }), {
      expiresInMs: 0,
      tokens: { scope: 'agents:read' },
    });

    await manager.getAccessToken();
    clock.now += 3_600_000;
    await manager.getAccessToken();

    expect(calls.map((c) => c.form.get('refresh_token'))).toEqual(['rt_0', 'rt_1']);
    expect(received.map((t) => t.refreshToken)).toEqual(['rt_1', 'rt_2']);
    expect(received[0]).toEqual({
      accessToken: 'at_1',
      refreshToken: 'rt_1',
      tokenType: 'Bearer',
      expiresAt: T0 + 3_600_000,
      scope: 'agents:read',
    });
    expect(manager.tokens?.refreshToken).toBe('rt_2');
  });

  it('keeps the refresh token when the response carries none', async () => {
    const { manager, received } = setup(issueNth, { expiresInMs: 0 });

    await manager.getAccessToken();

    expect(manager.tokens?.refreshToken).toBe('rt_0');
    expect(received[0]?.refreshToken).toBe('rt_0');
  });

  it('waits for onTokens before handing out the new token', async () => {
    const order: string[] = [];
    const { manager } = setup(issueNth, {
      expiresInMs: 0,
      onTokens: async () => {
        await new Promise((r) => setTimeout(r, 5));
        order.push('stored');
      },
    });

    await manager.getAccessToken();
    order.push('returned');

    expect(order).toEqual(['stored', 'returned']);
  });

  it('authenticates refreshes with HTTP Basic when a client secret is given', async () => {
    const { manager, calls } = setup(issueNth, { expiresInMs: 0, clientSecret: 's3cret-value', tokenUrl: 'https://auth.example.test/t' });

    await manager.getAccessToken();

    expect(calls[0]?.url).toBe('https://auth.example.test/t');
    expect(calls[0]?.headers.get('authorization')).toBe(`Basic ${btoa('cli_8f2k:s3cret-value')}`);
    expect(calls[0]?.form.has('client_id')).toBe(false);
  });

  it('asks for re-authorisation when the token has expired and there is no refresh token', async () => {
    const { manager, calls } = setup(issueNth, { expiresInMs: -1, tokens: { refreshToken: undefined } });

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('reauthorization_required');
    expect(calls).toHaveLength(0);
  });

  it('keeps using a still-valid token when a refresh ahead of expiry fails, and tries again 5 s later', async () => {
    const { manager, calls, clock } = setup(
      (_call, index) => (index === 0 ? new Response('down', { status: 503 }) : issue(index)),
      { expiresInMs: 30_000 },
    );

    await expect(manager.getAccessToken()).resolves.toBe('at_0');
    clock.now += 4_999;
    await expect(manager.getAccessToken()).resolves.toBe('at_0');
    expect(calls).toHaveLength(1);

    clock.now += 1;
    await expect(manager.getAccessToken()).resolves.toBe('at_2');
    expect(calls).toHaveLength(2);
  });

  it('throws the refresh failure when the token has already expired', async () => {
    const { manager } = setup(() => new Response('down', { status: 503 }), { expiresInMs: 0 });

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('invalid_response');
    expect((error as OAuthError).status).toBe(503);
  });

  it('lets one caller abort its wait while the shared refresh carries on for the others', async () => {
    const gate = deferred();
    const { manager, calls } = setup(
      async (_call, index) => {
        await gate.promise;
        return issue(index);
      },
      { expiresInMs: 0 },
    );
    const controller = new AbortController();

    const impatient = manager.getAccessToken(controller.signal);
    const patient = manager.getAccessToken();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    const reason = new Error('request cancelled');
    controller.abort(reason);

    await expect(impatient).rejects.toBe(reason);
    gate.resolve();
    await expect(patient).resolves.toBe('at_1');
    expect(calls).toHaveLength(1);
  });

  it('fails a refresh that takes longer than refreshTimeoutMs with a TimeoutError', async () => {
    vi.useFakeTimers();
    const { manager } = setup(
      (_call, _index, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        }),
      { expiresInMs: 0, refreshTimeoutMs: 1_000 },
    );

    const pending = manager.getAccessToken().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await pending;

    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(1_000);
    expect((error as TimeoutError).path).toBe('/oauth/token');
  });

  it('passes a connection failure through as a ConnectionError', async () => {
    const { manager } = setup(
      () => {
        throw new TypeError('fetch failed');
      },
      { expiresInMs: 0 },
    );

    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe('OAuthTokenManager.handleUnauthorized', () => {
  it('refreshes once for a rejected current token and returns the new one', async () => {
    const { manager, calls, received } = setup(issueNth);

    await expect(manager.handleUnauthorized('at_0')).resolves.toBe('at_1');
    expect(calls).toHaveLength(1);
    expect(received.map((t) => t.accessToken)).toEqual(['at_1']);
    await expect(manager.getAccessToken()).resolves.toBe('at_1');
  });

  it('does not refresh again when the token it just issued is rejected too, so a 401 never loops', async () => {
    const { manager, calls } = setup(issueNth);

    const fresh = await manager.handleUnauthorized('at_0');
    await expect(manager.handleUnauthorized(fresh ?? '')).resolves.toBeUndefined();
    await expect(manager.handleUnauthorized(fresh ?? '')).resolves.toBeUndefined();

    expect(calls).toHaveLength(1);
  });

  it('returns the newer token without a request when the rejected one was already replaced', async () => {
    const { manager, calls } = setup(issueNth);
    await manager.handleUnauthorized('at_0');

    await expect(manager.handleUnauthorized('at_0')).resolves.toBe('at_1');
    expect(calls).toHaveLength(1);
  });

  it('shares one refresh between concurrent 401s for the same token', async () => {
    const gate = deferred();
    const { manager, calls } = setup(async (_call, index) => {
      await gate.promise;
      return issue(index);
    });

    const pending = Array.from({ length: 10 }, () => manager.handleUnauthorized('at_0'));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    gate.resolve();

    expect(await Promise.all(pending)).toEqual(Array(10).fill('at_1'));
    expect(calls).toHaveLength(1);
  });

  it('returns undefined without a request when there is no refresh token', async () => {
    const { manager, calls } = setup(issueNth, { tokens: { refreshToken: undefined } });

    await expect(manager.handleUnauthorized('at_0')).resolves.toBeUndefined();
    expect(calls).toHaveLength(0);
  });

  it('refreshes again on a 401 for a token that came from a refresh ahead of expiry', async () => {
    const { manager, calls } = setup(issueNth, { expiresInMs: 0 });
    await manager.getAccessToken(); // proactive refresh → at_1

    await expect(manager.handleUnauthorized('at_1')).resolves.toBe('at_2');
    expect(calls).toHaveLength(2);
  });
});

describe('OAuthTokenManager after invalid_grant', () => {
  const rejectGrant = (): Response => json({ error: 'invalid_grant', error_description: 'The refresh token has expired' }, 400);

  it('clears the tokens, calls no onTokens and asks for re-authorisation from then on', async () => {
    const { manager, calls, received } = setup(rejectGrant, { expiresInMs: 0 });

    const first: unknown = await manager.getAccessToken().catch((e: unknown) => e);
    const second: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    for (const error of [first, second]) {
      expect(error).toBeInstanceOf(OAuthError);
      expect((error as OAuthError).error).toBe('reauthorization_required');
      expect((error as OAuthError).message).toMatch(/re-authorisation needed.*invalid_grant: The refresh token has expired/);
      expect(((error as OAuthError).cause as OAuthError).error).toBe('invalid_grant');
    }
    expect(manager.tokens).toBeUndefined();
    expect(received).toHaveLength(0);
    expect(calls).toHaveLength(1);
    await expect(manager.handleUnauthorized('at_0')).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('rejects handleUnauthorized with the re-authorisation error when its refresh hits invalid_grant', async () => {
    const { manager, received } = setup(rejectGrant);

    const error: unknown = await manager.handleUnauthorized('at_0').catch((e: unknown) => e);

    expect((error as OAuthError).error).toBe('reauthorization_required');
    expect(manager.tokens).toBeUndefined();
    expect(received).toHaveLength(0);
  });

  it('works again after setTokens with the tokens of a new authorisation', async () => {
    const { manager } = setup(rejectGrant, { expiresInMs: 0 });
    await manager.getAccessToken().catch(() => undefined);

    manager.setTokens({ accessToken: 'at_new', refreshToken: 'rt_new', tokenType: 'Bearer', expiresAt: T0 + 3_600_000 });

    await expect(manager.getAccessToken()).resolves.toBe('at_new');
  });
});

describe('OAuthTokenManager and secrets', () => {
  const ACCESS = 'canary-access-token-11aa22bb';
  const REFRESH = 'canary-refresh-token-33cc44dd';
  const SECRET = 'canary-client-secret-55ee66ff';

  function canaryManager(handler: Handler): OAuthTokenManager {
    return new OAuthTokenManager({
      clientId: 'cli_8f2k',
      clientSecret: SECRET,
      tokens: { accessToken: ACCESS, refreshToken: REFRESH, tokenType: 'Bearer', expiresAt: T0, scope: 'agents:read' },
      fetch: recordingFetch(handler).fetch,
      now: () => T0,
    });
  }

  it('shows neither tokens nor the client secret in JSON.stringify or util.inspect', () => {
    const manager = canaryManager(issueNth);

    const shown = [
      JSON.stringify(manager),
      inspect(manager, { depth: Infinity }),
      inspect(manager, { depth: Infinity, showHidden: true }),
      inspect(manager, { depth: Infinity, customInspect: false, showHidden: true }),
      String(manager),
    ].join('\n');

    for (const secret of [ACCESS, REFRESH, SECRET]) expect(shown).not.toContain(secret);
    expect(JSON.parse(JSON.stringify(manager))).toEqual({
      hasTokens: true,
      hasRefreshToken: true,
      expiresAt: new Date(T0).toISOString(),
    });
    expect(inspect(manager)).toMatch(/^OAuthTokenManager \{.*hasRefreshToken: true/s);
  });

  it.each([
    [
      'invalid_grant whose description echoes the request',
      (call: RecordedFormCall) =>
        json({ error: 'invalid_grant', error_description: `${call.form.get('refresh_token') ?? ''} via ${call.headers.get('authorization') ?? ''} ${SECRET}` }, 400),
    ],
    ['a non-JSON 500 that echoes the body', (call: RecordedFormCall) => new Response(`oops ${call.form.toString()} ${SECRET}`, { status: 500 })],
    [
      'a fetch failure that carries the request',
      (call: RecordedFormCall) => {
        throw Object.assign(new TypeError(`fetch failed: ${call.form.toString()} ${SECRET}`), { request: call });
      },
    ],
  ])('keeps every canary out of the error thrown for %s', async (_, handler) => {
    const manager = canaryManager(handler);

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    const text = exposedText(error);
    for (const secret of [ACCESS, REFRESH, SECRET]) expect(text).not.toContain(secret);
  });

  it('keeps the canaries out of the error a later call gets once the tokens are cleared', async () => {
    const manager = canaryManager((call) =>
      json({ error: 'invalid_grant', error_description: `bad ${call.form.get('refresh_token') ?? ''}` }, 400),
    );
    await manager.getAccessToken().catch(() => undefined);

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    const text = exposedText(error);
    expect(text).toContain('reauthorization_required');
    for (const secret of [ACCESS, REFRESH, SECRET]) expect(text).not.toContain(secret);
    expect(inspect(manager)).toContain('hasTokens: false');
  });
});

describe('OAuthTokenManager.revoke', () => {
  const REVOKE_URL = 'https://auth.example/oauth/revoke';
  /** `token hint` of each revocation request, in order. */
  const revoked = (calls: RecordedFormCall[]): string[] =>
    calls.filter((c) => c.url === REVOKE_URL).map((c) => `${c.form.get('token') ?? ''} ${c.form.get('token_type_hint') ?? ''}`);
  const ok = (): Response => new Response(null, { status: 200 });

  it('revokes the refresh token, then the access token, with the client credentials', async () => {
    const { manager, calls } = setup(ok, { revokeUrl: REVOKE_URL, clientSecret: 'client-secret-value' });

    await manager.revoke();

    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'at_0 access_token']);
    expect(calls.every((c) => c.method === 'POST' && c.headers.get('authorization')?.startsWith('Basic '))).toBe(true);
    expect(manager.tokens).toBeUndefined();
  });

  it('forgets the tokens at once, before the server answered: no call uses them from then on', async () => {
    const gate = deferred();
    const { manager, calls } = setup(async () => {
      await gate.promise;
      return ok();
    }, { revokeUrl: REVOKE_URL });

    const revoking = manager.revoke();

    await expect(manager.getAccessToken()).rejects.toMatchObject({ name: 'OAuthError', error: 'reauthorization_required', message: expect.stringMatching(/revoked/) });
    await expect(manager.handleUnauthorized('at_0')).resolves.toBeUndefined();
    expect(manager.tokens).toBeUndefined();
    gate.resolve();
    await revoking;
    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'at_0 access_token']);
  });

  it('keeps the tokens forgotten when revocation fails, throws, and revokes them on the next revoke()', async () => {
    let down = true;
    const { manager, calls } = setup(() => (down ? new Response('bad gateway', { status: 502 }) : ok()), { revokeUrl: REVOKE_URL });

    const error = await manager.revoke().catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'OAuthError', status: 502 });
    await expect(manager.getAccessToken()).rejects.toMatchObject({ error: 'reauthorization_required' });
    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'at_0 access_token']);

    down = false;
    await manager.revoke();
    expect(revoked(calls).slice(2)).toEqual(['rt_0 refresh_token', 'at_0 access_token']);
    await manager.revoke();
    expect(revoked(calls)).toHaveLength(4);
  });

  it('tries the access token even when the refresh token failed, and throws the first error', async () => {
    const { manager, calls } = setup((call) => (call.form.get('token') === 'rt_0' ? Promise.reject(new TypeError('socket hang up')) : ok()), { revokeUrl: REVOKE_URL });

    await expect(manager.revoke()).rejects.toMatchObject({ name: 'ConnectionError' });
    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'at_0 access_token']);
  });

  it('revokes what a refresh in flight issues too, and hands it to no caller and not to onTokens', async () => {
    const gate = deferred();
    const { manager, calls, received } = setup(
      async (call, index) => {
        if (call.url === REVOKE_URL) return ok();
        await gate.promise;
        return issue(index, { refresh_token: 'rt_1' });
      },
      { expiresInMs: -1000, revokeUrl: REVOKE_URL },
    );
    const waiting = manager.getAccessToken().catch((e: unknown) => e);
    await until(() => calls.length === 1);

    const revoking = manager.revoke();
    gate.resolve();
    await revoking;

    expect(await waiting).toMatchObject({ name: 'OAuthError', error: 'reauthorization_required' });
    expect(received).toEqual([]);
    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'rt_1 refresh_token', 'at_0 access_token', 'at_1 access_token']);
  });

  it('leaves an access token the server cannot revoke to expire', async () => {
    const { manager } = setup((call) => (call.form.get('token_type_hint') === 'access_token' ? json({ error: 'unsupported_token_type' }, 400) : ok()), { revokeUrl: REVOKE_URL });

    await expect(manager.revoke()).resolves.toBeUndefined();
  });

  it('sends one request per token when revoke() is called twice at once, and nothing once all is revoked', async () => {
    const { manager, calls } = setup(ok, { revokeUrl: REVOKE_URL });

    await Promise.all([manager.revoke(), manager.revoke()]);
    await manager.revoke();

    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'at_0 access_token']);
  });

  it('stops at an abort, rejecting with its reason, and keeps the tokens pending', async () => {
    const { manager, calls } = setup((_call, _index, signal) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))), { revokeUrl: REVOKE_URL });
    const controller = new AbortController();

    const revoking = manager.revoke({ signal: controller.signal });
    await until(() => calls.length === 1);
    controller.abort(new Error('logging out took too long'));

    await expect(revoking).rejects.toThrow('logging out took too long');
    expect(revoked(calls)).toEqual(['rt_0 refresh_token']);
  });

  it('works again after setTokens, and revokes only a grant it held', async () => {
    const { manager, calls } = setup(ok, { revokeUrl: REVOKE_URL });
    await manager.revoke();

    manager.setTokens({ accessToken: 'at_new', tokenType: 'Bearer' });

    await expect(manager.getAccessToken()).resolves.toBe('at_new');
    await manager.revoke();
    expect(revoked(calls)).toEqual(['rt_0 refresh_token', 'at_0 access_token', 'at_new access_token']);
  });
});

describe('OAuthTokenManager options', () => {
  it.each([
    ['clientId', { clientId: '' }],
    ['tokens.accessToken', { tokens: { accessToken: '', tokenType: 'Bearer' } }],
    ['refreshSkewMs', { refreshSkewMs: -1 }],
    ['tokenUrl', { tokenUrl: '/oauth/token' }],
    ['revokeUrl', { revokeUrl: 'not a url' }],
  ] as const)('rejects a bad %s with a ConfigurationError that names it', (option, override) => {
    const create = (): OAuthTokenManager =>
      new OAuthTokenManager({ clientId: 'c', tokens: { accessToken: 'at', tokenType: 'Bearer' }, ...override });

    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(option);
  });

  it('copies the tokens it is given, so later changes to the caller’s object do not leak in', async () => {
    const tokens: OAuthTokens = { accessToken: 'at_0', tokenType: 'Bearer' };
    const manager = new OAuthTokenManager({ clientId: 'c', tokens });

    tokens.accessToken = 'changed';

    await expect(manager.getAccessToken()).resolves.toBe('at_0');
    expect(Object.isFrozen(manager.tokens)).toBe(true);
  });
});
