import { describe, expect, it } from 'vitest';
import { call, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 61 });

const ticket = () => ({ subject: 'Printer offline', description: 'Second floor', client_id: api.store.data.clients[0]!.id });

describe('Idempotency-Key', () => {
  it('replays the first result of a repeat, with Idempotent-Replayed, and does not create twice', async () => {
    const before = api.store.data.tickets.length;
    const headers = { 'Idempotency-Key': 'idem-ticket-0001' };
    const first = await call(api, 'tickets_create', { headers, body: ticket() });
    const second = await call(api, 'tickets_create', { headers, body: ticket() });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(api.store.data.tickets.length).toBe(before + 1);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const headers = { 'Idempotency-Key': 'idem-order-0001' };
    const { subject, description, client_id } = ticket();
    await call(api, 'tickets_create', { headers, body: { subject, description, client_id } });
    const again = await call(api, 'tickets_create', { headers, body: { client_id, description, subject } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 409 CONFLICT for the same key with a different body', async () => {
    const headers = { 'Idempotency-Key': 'idem-ticket-0002' };
    await call(api, 'tickets_create', { headers, body: ticket() });
    const res = await call(api, 'tickets_create', { headers, body: { ...ticket(), subject: 'Something else' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toContain('idem-ticket-0002');
  });

  it('scopes keys to the API key that sent them', async () => {
    const headers = { 'Idempotency-Key': 'idem-shared-0001' };
    const { key } = api.addApiKey();
    const a = await call(api, 'tickets_create', { headers, body: ticket() });
    const b = await call(api, 'tickets_create', { key, headers, body: ticket() });
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.data.id).not.toBe(a.body.data.id);
  });

  it('does not store failures, so a corrected request can reuse the key', async () => {
    const headers = { 'Idempotency-Key': 'idem-retry-0001' };
    const bad = await call(api, 'tickets_create', { headers, body: { ...ticket(), client_id: 'cli_ZZZZZZZZZZ' } });
    expect(bad.status).toBe(422);
    const good = await call(api, 'tickets_create', { headers, body: ticket() });
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('creates twice without a key', async () => {
    const before = api.store.data.tickets.length;
    await call(api, 'tickets_create', { body: ticket() });
    await call(api, 'tickets_create', { body: ticket() });
    expect(api.store.data.tickets.length).toBe(before + 2);
  });

  it('replays state-changing actions without doing them twice', async () => {
    const agent = api.store.data.agents.find((a) => a.status === 'online')!;
    const headers = { 'Idempotency-Key': 'idem-reboot-0001' };
    const first = await call(api, 'agents_reboot', { headers, params: { agent_id: agent.id } });
    const replay = await call(api, 'agents_reboot', { headers, params: { agent_id: agent.id } });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual(first.body);
    expect(api.store.data.agentActions.filter((a) => a.agent_id === agent.id)).toHaveLength(1);
    const fresh = await call(api, 'agents_reboot', { headers: { 'Idempotency-Key': 'idem-reboot-0002' }, params: { agent_id: agent.id } });
    expect(fresh.status).toBe(409);
  });
});
