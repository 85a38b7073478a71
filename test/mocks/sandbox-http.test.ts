/**
 * The HTTP mock as a sandbox for partners without JavaScript: every 401/403/429 code of the
 * catalogue produced with plain HTTP requests (the control API, the plan, IP allow-lists,
 * the daily quota), and consistent rate-limit headers. Every API answer is checked against
 * the spec.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode, OperationId } from '../../src/index.js';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { validateFetchResponse } from '../../mocks/validate.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 12, clock: 'frozen', now: new Date('2026-11-22T09:00:00Z') });
});
afterAll(() => mock.close());
afterEach(() => mock.api.reset());

/** A request to the control API with its token. */
async function control(method: string, path: string, body?: unknown, token = mock.api.control!.token): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${mock.url}/_mock${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** An API request, checked against the spec's answer for `operationId`. */
async function api(operationId: OperationId, path: string, key: string, init: RequestInit = {}): Promise<{ status: number; code: ErrorCode | undefined; headers: Headers; body: any }> {
  const res = await fetch(`${mock.url}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers as Record<string, string>) } });
  const checked = await validateFetchResponse(operationId, res);
  expect(checked.errors, `${operationId} ${path}`).toEqual([]);
  const body = checked.body as { error?: { code: ErrorCode } };
  return { status: res.status, code: body.error?.code, headers: res.headers, body };
}

const createKey = (key: string, body: unknown) => api('apiKeys_create', '/v1/api-keys', key, { method: 'POST', body: JSON.stringify(body) });

describe('the control API', () => {
  it('refuses requests without its token, or with the API key, in the error envelope', async () => {
    for (const token of ['', 'wrong-token-wrong-token', mock.api.testKey]) {
      const res = await control('GET', '/state', undefined, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String), request_id: res.headers.get('x-request-id') } });
    }
  });

  it('reports the state: now, clock, plan, limits, rate limits, owner, scenarios', async () => {
    const res = await control('GET', '/state');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      now: '2026-11-22T09:00:00Z',
      clock: { mode: 'frozen', follows_real_time: false },
      plan: 'growth',
      limits: { key_limit: 20, daily_quota: null, ip_allow_lists: false },
      rate_limits: { default: { limit: 300, window_seconds: 60 }, events: { limit: 100, window_seconds: 60 } },
      api_access_enabled: true,
      owner: { status: 'active' },
      scenarios: [],
    });
  });

  it.each([
    ['an unknown field', { plan: 'free', colour: 'red' }, '/colour'],
    ['an unknown plan', { plan: 'platinum' }, '/plan'],
    ['a negative quota', { daily_quota: -1 }, '/daily_quota'],
    ['a fractional key limit', { key_limit: 2.5 }, '/key_limit'],
    ['a string for a boolean', { api_access_enabled: 'false' }, '/api_access_enabled'],
    ['an unknown owner status', { owner_status: 'gone' }, '/owner_status'],
  ])('answers 422 naming the field for %s, and changes nothing', async (_what, body, field) => {
    const res = await control('PATCH', '/account', body);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })] });
    expect((await control('GET', '/state')).body.data.plan).toBe('growth');
  });

  it.each([
    ['broken JSON', '{', 400],
    ['a JSON array', '[]', 422],
    ['a JSON string', '"free"', 422],
  ])('answers %s with the error envelope', async (_what, body, status) => {
    const res = await control('PATCH', '/account', body);
    expect(res.status).toBe(status);
    expect(res.body.error.request_id).toMatch(/^req_/);
  });

  it('answers 404 for an unknown endpoint and 405 with Allow for a wrong method, in the envelope', async () => {
    const missing = await control('GET', '/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const wrong = await control('GET', '/reset');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('OPTIONS, POST');
    expect(wrong.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrong.headers.get('x-request-id')).toBe(wrong.body.error.request_id);
  });

  it('reads a body as JSON whatever its Content-Type, as curl -d sends it', async () => {
    const res = await fetch(`${mock.url}/_mock/account`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${mock.api.control!.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '{"plan":"starter"}',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { plan: string } }).data.plan).toBe('starter');
    await control('POST', '/reset');
  });

  it('holds its bodies to the API rules: invalid UTF-8 is 400, over 1 MiB is 413', async () => {
    const bad = await control('PATCH', '/account', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    const huge = await control('PATCH', '/account', JSON.stringify({ plan: 'x'.repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('makes a key with the secret a curl script names, once; a malformed or taken one is refused', async () => {
    const chosen = `om_test_${'curlcurl'.repeat(4)}`;
    const made = await control('POST', '/keys', { key: chosen, scopes: ['agents:read'] });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ key: chosen, api_key: { scopes: ['agents:read'], last4: 'curl' } });
    expect((await api('agents_list', '/v1/agents?per_page=1', chosen)).status).toBe(200);
    expect((await control('POST', '/keys', { key: chosen })).status).toBe(409);
    expect((await control('POST', '/keys', { key: 'om_test_short' })).status).toBe(422);
    expect((await control('POST', '/keys', { key: `om_live_${'x'.repeat(32)}`, environment: 'sandbox' })).status).toBe(422);
  });

  it('moves the clock, switches scenarios, and resets it all', async () => {
    expect((await control('POST', '/clock/advance', { seconds: 3600 })).body.data.now).toBe('2026-11-22T10:00:00Z');
    expect((await control('POST', '/clock/advance', { seconds: 0 })).status).toBe(422);
    expect((await control('POST', '/scenarios', { name: 'maintenance', retry_after_seconds: 120, operations: ['agents_list'] })).body.data.scenarios).toEqual(['maintenance']);
    expect((await control('POST', '/scenarios', { name: 'maintenance', operations: ['no_such_operation'] })).status).toBe(422);
    const listed = await api('agents_list', '/v1/agents', mock.api.testKey);
    expect([listed.status, listed.code, listed.headers.get('retry-after')]).toEqual([503, 'MAINTENANCE', '120']);
    expect((await api('auth_me', '/v1/auth/me', mock.api.testKey)).status).toBe(200);
    expect((await control('DELETE', '/scenarios/maintenance')).body.data.scenarios).toEqual([]);
    await control('POST', '/scenarios', { name: 'outage' });
    const reset = await control('POST', '/reset');
    expect(reset.body.data).toMatchObject({ now: '2026-11-22T09:00:00Z', scenarios: [] });
  });
});

describe('every 401, 403 and 429 of the catalogue over plain HTTP', () => {
  const key = () => mock.api.testKey;

  it('UNAUTHORIZED: no key, or an unknown one', async () => {
    expect((await api('auth_me', '/v1/auth/me', '')).code).toBe('UNAUTHORIZED');
    expect((await api('auth_me', '/v1/auth/me', `om_test_${'x'.repeat(32)}`)).code).toBe('UNAUTHORIZED');
  });

  it('KEY_ENVIRONMENT_MISMATCH: an om_live_ key on the sandbox mock', async () => {
    expect((await api('auth_me', '/v1/auth/me', `om_live_${'x'.repeat(32)}`)).code).toBe('KEY_ENVIRONMENT_MISMATCH');
  });

  it('KEY_REVOKED and KEY_EXPIRED: keys made in that state by the control API', async () => {
    for (const [status, code] of [['revoked', 'KEY_REVOKED'], ['expired', 'KEY_EXPIRED']] as const) {
      const made = await control('POST', '/keys', { status });
      expect(made.status).toBe(201);
      expect((await api('auth_me', '/v1/auth/me', made.body.data.key)).code).toBe(code);
    }
  });

  it('OWNER_DEACTIVATED, then back to work when the owner is active again', async () => {
    await control('PATCH', '/account', { owner_status: 'deactivated' });
    expect((await api('auth_me', '/v1/auth/me', key())).code).toBe('OWNER_DEACTIVATED');
    await control('PATCH', '/account', { owner_status: 'active' });
    expect((await api('auth_me', '/v1/auth/me', key())).status).toBe(200);
  });

  it('API_ACCESS_DISABLED', async () => {
    await control('PATCH', '/account', { api_access_enabled: false });
    expect((await api('auth_me', '/v1/auth/me', key())).code).toBe('API_ACCESS_DISABLED');
  });

  it('FORBIDDEN: a key of a user whose role does not allow the operation', async () => {
    const made = await control('POST', '/keys', { role_id: 'role_dispatcher' });
    expect((await api('agents_list', '/v1/agents', made.body.data.key)).code).toBe('FORBIDDEN');
    expect((await control('POST', '/keys', { role_id: 'role_nobody' })).status).toBe(422);
  });

  it('INSUFFICIENT_SCOPE: a key made through the API with narrow scopes', async () => {
    const made = await createKey(key(), { name: 'narrow', scopes: ['agents:read'] });
    expect(made.status).toBe(201);
    const reboot = await api('agents_reboot', `/v1/agents/${mock.api.store.data.agents[0]!.id}/reboot`, made.body.data.key, { method: 'POST', body: '{}' });
    expect(reboot.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('VALIDATION_FAILED (not a useless key) for a scope outside the closed set, such as tickets:write', async () => {
    const res = await createKey(key(), { name: 'typo', scopes: ['agents:read', 'tickets:write'] });
    expect([res.status, res.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: '/scopes/1' })]);
  });

  it('PLAN_LIMIT_REACHED: the free plan allows two active keys, and the seeded ones already count', async () => {
    await control('PATCH', '/account', { plan: 'free' });
    const res = await createKey(key(), { name: 'third', preset: 'read' });
    expect([res.status, res.code]).toEqual([403, 'PLAN_LIMIT_REACHED']);
    expect((await api('auth_me', '/v1/auth/me', key())).body.data.organisation.plan).toBe('free');
  });

  it.each([
    ['starter', 5],
    ['growth', 20],
  ] as const)('the %s plan allows %i active keys', async (plan, limit) => {
    await control('PATCH', '/account', { plan });
    const active = mock.api.store.activeKeyCount();
    for (let i = active; i < limit; i++) expect((await createKey(key(), { name: `key ${i}`, preset: 'read' })).status).toBe(201);
    expect((await createKey(key(), { name: 'one too many', preset: 'read' })).code).toBe('PLAN_LIMIT_REACHED');
  });

  it('the enterprise plan has no key limit', async () => {
    await control('PATCH', '/account', { plan: 'enterprise' });
    for (let i = 0; i < 25; i++) expect((await createKey(key(), { name: `key ${i}`, preset: 'read' })).status).toBe(201);
  });

  it('IP allow-lists: only on enterprise (403 PLAN_LIMIT_REACHED), malformed CIDRs are 422', async () => {
    expect((await createKey(key(), { name: 'fenced', ip_allow_list: ['203.0.113.0/24'] })).code).toBe('PLAN_LIMIT_REACHED');
    await control('PATCH', '/account', { plan: 'enterprise' });
    const bad = await createKey(key(), { name: 'fenced', ip_allow_list: ['203.0.113.0/24', '300.1.1.1/8'] });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: '/ip_allow_list/1' })]);
  });

  it('IP_NOT_ALLOWED from outside the allow-list; inside it the key works', async () => {
    await control('PATCH', '/account', { plan: 'enterprise' });
    const outside = await createKey(key(), { name: 'office only', ip_allow_list: ['203.0.113.0/24', '2001:db8::/32'] });
    const denied = await api('auth_me', '/v1/auth/me', outside.body.data.key);
    expect([denied.status, denied.code]).toEqual([403, 'IP_NOT_ALLOWED']);
    expect(denied.body.error.message).toContain('127.0.0.1');
    const inside = await createKey(key(), { name: 'loopback', ip_allow_list: ['127.0.0.0/8'] });
    expect((await api('auth_me', '/v1/auth/me', inside.body.data.key)).status).toBe(200);
  });

  it('RATE_LIMITED with Retry-After equal to the seconds until X-RateLimit-Reset (the rate-limited scenario)', async () => {
    await control('POST', '/scenarios', { name: 'rate-limited', retry_after_seconds: 7 });
    const res = await api('agents_list', '/v1/agents', key());
    expect(res.code).toBe('RATE_LIMITED');
    const date = Math.floor(Date.parse(res.headers.get('date')!) / 1000);
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(Number(res.headers.get('retry-after'))).toBe(7);
    expect(reset - date).toBe(7);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('QUOTA_EXCEEDED past the daily quota, with a Retry-After of at least 60 s, also near midnight', async () => {
    await control('PATCH', '/account', { daily_quota: 2 });
    expect((await api('auth_me', '/v1/auth/me', key())).body.data.rate_limit.daily_quota).toBe(2);
    await api('auth_me', '/v1/auth/me', key());
    const spent = await api('auth_me', '/v1/auth/me', key());
    expect(spent.code).toBe('QUOTA_EXCEEDED');
    expect(Number(spent.headers.get('retry-after'))).toBeGreaterThanOrEqual(60);
    // Ten seconds before the next UTC day (by the mock's rate-limit clock).
    const now = Date.now();
    mock.api.advanceTime(86_400_000 - (now % 86_400_000) - 10_000 + 86_400_000);
    await api('auth_me', '/v1/auth/me', key());
    await api('auth_me', '/v1/auth/me', key());
    const late = await api('auth_me', '/v1/auth/me', key());
    expect(late.code).toBe('QUOTA_EXCEEDED');
    expect(Number(late.headers.get('retry-after'))).toBe(60);
  });

  it('the free and starter plans carry the 10,000-request daily quota; growth and enterprise none', async () => {
    for (const [plan, quota] of [['free', 10_000], ['starter', 10_000], ['growth', null], ['enterprise', null]] as const) {
      await control('PATCH', '/account', { plan });
      expect((await api('auth_me', '/v1/auth/me', key())).body.data.rate_limit.daily_quota).toBe(quota);
    }
  });
});

describe('IP allow-lists on a dual-stack socket', () => {
  let dual: RunningMockServer | undefined;
  beforeAll(async () => {
    dual = await startMockServer({ port: 0, host: '::', plan: 'enterprise' });
  });
  afterAll(() => dual?.close());

  it('match an IPv4 client, which the socket reports as ::ffff:127.0.0.1, against IPv4 and mapped CIDRs', async () => {
    const port = new URL(dual!.url).port;
    const check = async (list: string[]) => {
      const { key } = dual!.api.addApiKey({ ipAllowList: list });
      const res = await fetch(`http://127.0.0.1:${port}/v1/auth/me`, { headers: { Authorization: `Bearer ${key}` } });
      return res.status;
    };
    expect(await check(['127.0.0.1/32'])).toBe(200);
    expect(await check(['::ffff:127.0.0.0/104'])).toBe(200);
    expect(await check(['10.0.0.0/8'])).toBe(403);
    expect(await check(['::1/128'])).toBe(403);
  });

  it('match an IPv6 client against IPv6 CIDRs only', async () => {
    const port = new URL(dual!.url).port;
    const { key } = dual!.api.addApiKey({ ipAllowList: ['::1/128'] });
    expect((await fetch(`http://[::1]:${port}/v1/auth/me`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    const { key: v4only } = dual!.api.addApiKey({ ipAllowList: ['127.0.0.0/8'] });
    expect((await fetch(`http://[::1]:${port}/v1/auth/me`, { headers: { Authorization: `Bearer ${v4only}` } })).status).toBe(403);
  });
});
