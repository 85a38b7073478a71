import { describe, expect, it } from 'vitest';
import { createMockApi, SERVERS } from '../../mocks/index.js';
import { validateFetchResponse } from '../../mocks/validate.js';
import { call, useMockApi } from './helpers.js';

const { api, server } = useMockApi({ seed: 11 });

async function me(init: RequestInit & { url?: string } = {}) {
  const res = await fetch(init.url ?? `${api.baseUrl}/v1/auth/me`, init);
  const checked = await validateFetchResponse('auth_me', res);
  expect(checked.errors).toEqual([]);
  return { status: res.status, body: checked.body as any };
}

describe('authentication', () => {
  it('accepts the key as Authorization: Bearer', async () => {
    expect((await me({ headers: { Authorization: `Bearer ${api.testKey}` } })).status).toBe(200);
  });

  it('accepts the key as Authorization: Api-Key', async () => {
    expect((await me({ headers: { Authorization: `Api-Key ${api.testKey}` } })).status).toBe(200);
  });

  it('accepts the key as X-API-Key', async () => {
    expect((await me({ headers: { 'X-API-Key': api.testKey } })).status).toBe(200);
  });

  it('accepts the key as ?api_key=', async () => {
    expect((await me({ url: `${api.baseUrl}/v1/auth/me?api_key=${api.testKey}` })).status).toBe(200);
  });

  it('answers 401 UNAUTHORIZED without a key', async () => {
    const res = await me();
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('answers 401 UNAUTHORIZED for an unknown key or an unknown scheme', async () => {
    expect((await me({ headers: { Authorization: `Bearer om_test_${'x'.repeat(32)}` } })).body.error.code).toBe('UNAUTHORIZED');
    expect((await me({ headers: { Authorization: `Basic ${api.testKey}` } })).body.error.code).toBe('UNAUTHORIZED');
  });

  it('answers 401 KEY_REVOKED for a revoked key', async () => {
    const { key } = api.addApiKey({ status: 'revoked' });
    const res = await me({ headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('KEY_REVOKED');
  });

  it('answers 401 KEY_EXPIRED for an expired key', async () => {
    const { key } = api.addApiKey({ status: 'expired' });
    const res = await me({ headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('KEY_EXPIRED');
  });

  it('expires a key once the clock passes its expires_at', async () => {
    const { key, apiKey } = api.addApiKey({ expiresAt: new Date(api.store.now().getTime() + 3_600_000) });
    expect((await me({ headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    api.advanceTime(3_600_000);
    const res = await me({ headers: { Authorization: `Bearer ${key}` } });
    expect(res.body.error.code).toBe('KEY_EXPIRED');
    const listed = await call(api, 'apiKeys_get', { params: { key_id: apiKey.id } });
    expect(listed.body.data.status).toBe('expired');
  });

  it('answers 401 KEY_ENVIRONMENT_MISMATCH for an om_live_ key on the sandbox', async () => {
    const { key } = api.addApiKey({ environment: 'production' });
    const res = await me({ headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('KEY_ENVIRONMENT_MISMATCH');
  });

  it('answers 401 KEY_ENVIRONMENT_MISMATCH for an om_test_ key on production, and serves om_live_ keys there', async () => {
    const test = await me({ url: `${SERVERS.production}/v1/auth/me`, headers: { Authorization: `Bearer ${api.testKey}` } });
    expect(test.body.error.code).toBe('KEY_ENVIRONMENT_MISMATCH');
    const live = await me({ url: `${SERVERS.production}/v1/auth/me`, headers: { Authorization: `Bearer ${api.liveKey}` } });
    expect(live.status).toBe(200);
    expect(live.body.data.environment).toBe('production');
  });

  it('answers 401 OWNER_DEACTIVATED when the key owner is deactivated', async () => {
    const user = api.store.data.users.find((u) => u.status === 'active' && u.role_id === 'role_admin')!;
    const { key } = api.addApiKey({ userId: user.id });
    user.status = 'deactivated';
    expect((await me({ headers: { Authorization: `Bearer ${key}` } })).body.error.code).toBe('OWNER_DEACTIVATED');
  });

  it('answers 403 API_ACCESS_DISABLED when the organisation has no API access', async () => {
    api.store.data.organisation.api_access_enabled = false;
    const res = await me({ headers: { Authorization: `Bearer ${api.testKey}` } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('API_ACCESS_DISABLED');
  });

  it('tells who is calling on auth/me', async () => {
    const res = await me({ headers: { Authorization: `Bearer ${api.testKey}` } });
    expect(res.body.data).toMatchObject({
      organisation: { id: api.store.data.organisation.id, plan: 'growth' },
      key: { key_prefix: 'om_test_', last4: api.testKey.slice(-4) },
      scopes: ['admin'],
      environment: 'sandbox',
      rate_limit: { limit: 300, remaining: 299, daily_quota: null },
    });
    expect(JSON.stringify(res.body)).not.toContain(api.testKey);
  });
});

describe('a custom base URL', () => {
  it('uses the configured environment to accept or refuse keys', async () => {
    const local = createMockApi({ seed: 11, baseUrl: 'http://127.0.0.1:4999', environment: 'production' });
    server.use(...local.handlers);
    const live = await fetch('http://127.0.0.1:4999/v1/auth/me', { headers: { Authorization: `Bearer ${local.liveKey}` } });
    expect(live.status).toBe(200);
    const test = await fetch('http://127.0.0.1:4999/v1/auth/me', { headers: { Authorization: `Bearer ${local.testKey}` } });
    expect(((await test.json()) as any).error.code).toBe('KEY_ENVIRONMENT_MISMATCH');
  });
});

describe('any origin', () => {
  it("answers on every origin with baseUrl '*', in the configured environment", async () => {
    const anywhere = createMockApi({ seed: 11, baseUrl: '*' });
    server.use(...anywhere.handlers);
    for (const origin of ['http://localhost:8080', 'https://staging.example.com/api']) {
      const res = await call(anywhere, 'auth_me', { baseUrl: origin });
      expect(res.status).toBe(200);
      expect(res.body.data.environment).toBe('sandbox');
    }
  });
});

describe('scopes', () => {
  it('needs no scope for auth/me', async () => {
    const { key } = api.addApiKey({ scopes: ['agents:read'] });
    expect((await call(api, 'auth_me', { key })).status).toBe(200);
  });

  it('answers 403 INSUFFICIENT_SCOPE naming the missing scope', async () => {
    const { key } = api.addApiKey({ scopes: ['agents:read'] });
    expect((await call(api, 'agents_list', { key })).status).toBe(200);
    const res = await call(api, 'tickets_list', { key });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: [{ scope: 'psa_tickets:read', message: expect.any(String) }] });
  });

  it('does not let a write scope imply read', async () => {
    const { key } = api.addApiKey({ scopes: ['psa_tickets:write'] });
    const res = await call(api, 'tickets_list', { key });
    expect(res.body.error.details).toEqual([{ scope: 'psa_tickets:read', message: 'required scope is missing' }]);
    const created = await call(api, 'tickets_create', { key, body: { subject: 'Printer', description: 'Offline', client_id: api.store.data.clients[0]!.id } });
    expect(created.status).toBe(201);
  });

  it('needs the execute scope for reboots, and admin covers everything', async () => {
    const agent = api.store.data.agents.find((a) => a.status === 'online')!;
    const { key } = api.addApiKey({ preset: 'write' });
    const denied = await call(api, 'agents_reboot', { key, params: { agent_id: agent.id } });
    expect(denied.body.error.details).toEqual([{ scope: 'agents:execute', message: 'required scope is missing' }]);
    expect((await call(api, 'agents_reboot', { params: { agent_id: agent.id } })).status).toBe(202);
  });

  it('checks the owner role before the key scopes: 403 FORBIDDEN', async () => {
    const billing = api.store.data.users.find((u) => u.role_id === 'role_billing')!;
    billing.status = 'active';
    const { key } = api.addApiKey({ userId: billing.id, scopes: ['admin'] });
    expect((await call(api, 'invoices_list', { key })).status).toBe(200);
    const res = await call(api, 'agents_list', { key });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});
