import { describe, expect, it } from 'vitest';
import { SERVERS } from '../../mocks/index.js';
import { call, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 21, planKeyLimit: 4 });

describe('API keys', () => {
  it('shows the full key once, in the create response, and only prefix and last4 afterwards', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'PSA sync', scopes: ['agents:read', 'alerts:write'] } });
    expect(created.status).toBe(201);
    const { key, api_key: apiKey, warning } = created.body.data;
    expect(key).toMatch(/^om_test_[0-9a-zA-Z]{32}$/);
    expect(warning).toMatch(/cannot be shown again/);
    expect(apiKey).toMatchObject({ name: 'PSA sync', key_prefix: 'om_test_', last4: key.slice(-4), scopes: ['agents:read', 'alerts:write'], status: 'active' });
    const list = await call(api, 'apiKeys_list');
    expect(list.body.data.items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(list.body)).not.toContain(key.slice(8));
    const one = await call(api, 'apiKeys_get', { params: { key_id: apiKey.id } });
    expect(JSON.stringify(one.body)).not.toContain(key.slice(8));
  });

  it('makes a key that works at once, with the scopes it was given', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Read only', preset: 'read' } });
    const key = created.body.data.key;
    expect((await call(api, 'agents_list', { key })).status).toBe(200);
    const write = await call(api, 'tickets_create', { key, body: { subject: 'x', description: 'y', client_id: api.store.data.clients[0]!.id } });
    expect(write.body.error.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('counts usage on the key', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Counter' } });
    const { key, api_key: apiKey } = created.body.data;
    await call(api, 'agents_list', { key });
    await call(api, 'alerts_list', { key });
    const seen = await call(api, 'apiKeys_get', { params: { key_id: apiKey.id } });
    expect(seen.body.data).toMatchObject({ requests_today: 2, requests_month: 2, last_used_at: api.store.nowIso() });
  });

  it('creates om_live_ keys on production', async () => {
    const created = await call(api, 'apiKeys_create', { baseUrl: SERVERS.production, key: api.liveKey, body: { name: 'Prod' } });
    expect(created.body.data.key).toMatch(/^om_live_/);
    expect(created.body.data.api_key.key_prefix).toBe('om_live_');
  });

  it('revokes a key: the next request with it gets 401 KEY_REVOKED', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Short-lived' } });
    const { key, api_key: apiKey } = created.body.data;
    expect((await call(api, 'auth_me', { key })).status).toBe(200);
    const revoked = await call(api, 'apiKeys_revoke', { params: { key_id: apiKey.id } });
    expect(revoked.body.data.api_key).toMatchObject({ id: apiKey.id, status: 'revoked', revoked_at: api.store.nowIso() });
    const after = await call(api, 'auth_me', { key });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('KEY_REVOKED');
  });

  it('answers 409 ALREADY_REVOKED when revoking twice', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Twice' } });
    const id = created.body.data.api_key.id;
    expect((await call(api, 'apiKeys_revoke', { params: { key_id: id } })).status).toBe(200);
    const again = await call(api, 'apiKeys_revoke', { params: { key_id: id } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REVOKED');
  });

  it('answers 404 for an unknown key id', async () => {
    expect((await call(api, 'apiKeys_revoke', { params: { key_id: 'key_ZZZZZZZZZZ' } })).status).toBe(404);
  });

  it('answers 403 PLAN_LIMIT_REACHED past the plan key limit, and frees a slot on revoke', async () => {
    // Seeded: 2 active keys (test + live); the limit is 4.
    expect(api.store.activeKeyCount()).toBe(2);
    await call(api, 'apiKeys_create', { body: { name: 'Three' } });
    const four = await call(api, 'apiKeys_create', { body: { name: 'Four' } });
    const five = await call(api, 'apiKeys_create', { body: { name: 'Five' } });
    expect(five.status).toBe(403);
    expect(five.body.error.code).toBe('PLAN_LIMIT_REACHED');
    await call(api, 'apiKeys_revoke', { params: { key_id: four.body.data.api_key.id } });
    expect((await call(api, 'apiKeys_create', { body: { name: 'Five again' } })).status).toBe(201);
  });

  it('refuses preset and scopes together, and expiries in the past', async () => {
    const both = await call(api, 'apiKeys_create', { body: { name: 'x', preset: 'read', scopes: ['agents:read'] } });
    expect(both.body.error.details).toEqual([{ field: '/preset', message: 'give either preset or scopes, not both' }]);
    const past = await call(api, 'apiKeys_create', { body: { name: 'x', expires_at: '2020-01-01T00:00:00Z' } });
    expect(past.body.error.details).toEqual([{ field: '/expires_at', message: 'must be in the future' }]);
  });

  it('does not let a key grant scopes it does not hold', async () => {
    const { key } = api.addApiKey({ scopes: ['api_keys:write', 'agents:read'] });
    expect((await call(api, 'apiKeys_create', { key, body: { name: 'ok', scopes: ['agents:read'] } })).status).toBe(201);
    const res = await call(api, 'apiKeys_create', { key, body: { name: 'more', scopes: ['agents:read', 'agents:execute'] } });
    expect(res.status).toBe(403);
    expect(res.body.error.details).toEqual([{ scope: 'agents:execute', message: expect.any(String) }]);
  });

  it('rotates a key: the new one works, the old one is revoked at once by default', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Rotating', scopes: ['agents:read'] } });
    const old = created.body.data;
    const rotated = await call(api, 'apiKeys_rotate', { params: { key_id: old.api_key.id } });
    expect(rotated.status).toBe(201);
    expect(rotated.body.data.api_key).toMatchObject({ name: 'Rotating', scopes: ['agents:read'] });
    expect(rotated.body.data.key).not.toBe(old.key);
    expect((await call(api, 'agents_list', { key: rotated.body.data.key })).status).toBe(200);
    expect((await call(api, 'agents_list', { key: old.key })).body.error.code).toBe('KEY_REVOKED');
  });

  it('keeps the old key working for grace_seconds after a rotation', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Graceful' } });
    const old = created.body.data;
    await call(api, 'apiKeys_rotate', { params: { key_id: old.api_key.id }, body: { grace_seconds: 600 } });
    expect((await call(api, 'auth_me', { key: old.key })).status).toBe(200);
    api.advanceTime(600_000);
    expect((await call(api, 'auth_me', { key: old.key })).body.error.code).toBe('KEY_REVOKED');
  });

  it('lists keys newest first and filters by status', async () => {
    const revoked = await call(api, 'apiKeys_list', { query: { status: 'revoked' } });
    expect(revoked.body.data.items.every((k: { status: string }) => k.status === 'revoked')).toBe(true);
    expect(revoked.body.data.total).toBe(1);
  });
});
