import { describe, expect, it } from 'vitest';
import { operations, type OperationId, type OperationInfo } from '../../generated/operations.js';
import { call, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 3 });

const all = Object.values(operations) as OperationInfo[];
const served = all.filter((op) => op.stability !== 'internal');
const lists = served.filter((op) => op.paginated);
const gets = all.filter((op) => op.name === 'get');

/** Path params that name real resources of the seeded store. */
function realParams(op: OperationInfo): Record<string, string> {
  const d = api.store.data;
  const byName: Record<string, string> = {
    key_id: d.apiKeys[0]!.id,
    user_id: d.users[0]!.id,
    client_id: d.clients[0]!.id,
    site_id: d.sites[0]!.id,
    agent_id: d.agents.find((a) => a.status === 'online')!.id,
    check_id: d.checks[0]!.id,
    alert_id: d.alerts.find((a) => a.status === 'active')!.id,
    script_id: d.scripts[0]!.id,
    run_id: d.scriptRuns[0]!.id,
    ticket_id: d.tickets[0]!.id,
    contact_id: d.contacts[0]!.id,
    invoice_id: d.invoices[0]!.id,
    incident_id: d.incidents[0]!.id,
    service_id: d.services[0]!.id,
    schedule_id: d.schedules[0]!.id,
    tenant_id: d.m365Tenants[0]!.id,
    assignment_id: d.licenses[0]!.id,
    panel: 'general',
  };
  return Object.fromEntries(op.pathParams.map((p) => [p, byName[p]!]));
}

describe('every operation', () => {
  it.each(all.map((op) => [op.operationId, op] as const))('%s has a handler that answers per the spec', async (id, op) => {
    const res = await call<{ error?: { message: string } }>(api, id as OperationId, { params: realParams(op) });
    expect(res.body.error?.message ?? '').not.toMatch(/^No such operation/);
    if (op.body === 'required') expect(res.status).toBe(422);
    else expect(res.status).toBeLessThan(300);
  });

  it('answers unknown routes with 404 NOT_FOUND in the error envelope', async () => {
    const res = await fetch(`${api.baseUrl}/v1/no-such-thing`, { headers: { Authorization: `Bearer ${api.testKey}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('lists', () => {
  it.each(lists.map((op) => [op.operationId, op] as const))('%s pages with a correct total', async (id, op) => {
    const params = realParams(op);
    const first = await call(api, id as OperationId, { params });
    const { total, per_page: perPage, page } = first.body.data;
    expect(page).toBe(1);
    expect(perPage).toBe(50);
    expect(total).toBeGreaterThan(0);
    const seen: unknown[] = [];
    for (let p = 1; p <= Math.ceil(total / 7); p++) {
      const res = await call(api, id as OperationId, { params, query: { page: p, per_page: 7 } });
      expect(res.body.data).toMatchObject({ total, page: p, per_page: 7 });
      seen.push(...res.body.data.items);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((x) => JSON.stringify(x))).size).toBe(total);
    const beyond = await call(api, id as OperationId, { params, query: { page: Math.ceil(total / 7) + 1, per_page: 7 } });
    expect(beyond.body.data.items).toEqual([]);
    expect(beyond.body.data.total).toBe(total);
  });

  it('caps per_page at 100', async () => {
    const ok = await call(api, 'tickets_list', { query: { per_page: 100 } });
    expect(ok.body.data.items).toHaveLength(100);
    const tooMany = await call(api, 'tickets_list', { query: { per_page: 101 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details).toEqual([{ field: 'per_page', message: 'must be <= 100' }]);
  });

  it('filters agents by status and os, and the total counts the filtered set', async () => {
    const online = api.store.data.agents.filter((a) => a.status === 'online' && a.os === 'windows');
    const res = await call(api, 'agents_list', { query: { status: 'online', os: 'windows', per_page: 100 } });
    expect(res.body.data.total).toBe(online.length);
    expect(res.body.data.items.map((a: { id: string }) => a.id).sort()).toEqual(online.map((a) => a.id).sort());
  });

  it('orders agents by hostname and tickets by last update', async () => {
    const agents = (await call(api, 'agents_list', { query: { per_page: 100 } })).body.data.items as Array<{ hostname: string }>;
    expect(agents.map((a) => a.hostname)).toEqual([...agents.map((a) => a.hostname)].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    const tickets = (await call(api, 'tickets_list', { query: { per_page: 100 } })).body.data.items as Array<{ updated_at: string }>;
    const times = tickets.map((t) => Date.parse(t.updated_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters tickets by client and by since', async () => {
    const client = api.store.data.clients[1]!;
    const res = await call(api, 'tickets_list', { query: { client_id: client.id, per_page: 100 } });
    expect(res.body.data.total).toBe(api.store.data.tickets.filter((t) => t.client_id === client.id).length);
    const since = '2026-11-15T00:00:00Z';
    const recent = await call(api, 'tickets_list', { query: { since, per_page: 100 } });
    for (const t of recent.body.data.items) expect(Date.parse(t.updated_at)).toBeGreaterThanOrEqual(Date.parse(since));
    expect(recent.body.data.total).toBeLessThan(120);
  });

  it('filters CSAT reviews by minimum stars and site', async () => {
    const res = await call(api, 'csatReviews_list', { query: { min_stars: 4, per_page: 100 } });
    expect(res.body.data.items.every((r: { stars: number }) => r.stars >= 4)).toBe(true);
    expect(res.body.data.total).toBe(api.store.data.csatReviews.filter((r) => r.stars >= 4).length);
    const site = api.store.data.csatReviews[0]!.site_id;
    const bySite = await call(api, 'csatReviews_list', { query: { site_id: site } });
    expect(bySite.body.data.items.every((r: { site_id: string }) => r.site_id === site)).toBe(true);
  });

  it('finds contacts by email case-insensitively and by free text', async () => {
    const contact = api.store.data.contacts[4]!;
    const res = await call(api, 'contacts_list', { query: { email: contact.email.toUpperCase() } });
    expect(res.body.data.items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    const q = await call(api, 'contacts_list', { query: { q: contact.last_name.toLowerCase() } });
    expect(q.body.data.items.map((c: { id: string }) => c.id)).toContain(contact.id);
  });

  it('lists weekly ops scores by default and monthly ones on request', async () => {
    const weekly = await call(api, 'opsScores_list', { query: { per_page: 100 } });
    expect(new Set(weekly.body.data.items.map((s: { period: string }) => s.period))).toEqual(new Set(['week']));
    const monthly = await call(api, 'opsScores_list', { query: { period: 'month', site_id: api.store.data.sites[0]!.id } });
    expect(monthly.body.data.items.every((s: { period: string; site_id: string }) => s.period === 'month' && s.site_id === api.store.data.sites[0]!.id)).toBe(true);
  });

  it('derives client and site counts from the store', async () => {
    const client = api.store.data.clients[0]!;
    const res = await call(api, 'clients_get', { params: { client_id: client.id } });
    expect(res.body.data.site_count).toBe(api.store.data.sites.filter((s) => s.client_id === client.id).length);
    expect(res.body.data.agent_count).toBe(api.store.data.agents.filter((a) => a.client_id === client.id).length);
  });
});

describe('gets', () => {
  const fetchable = gets.filter((op) => op.operationId !== 'internalSettings_get');

  it.each(fetchable.map((op) => [op.operationId, op] as const))('%s fetches what the list shows and 404s an unknown id', async (id, op) => {
    const params = realParams(op);
    const res = await call(api, id as OperationId, { params });
    expect(res.status).toBe(200);
    const idParam = op.pathParams[op.pathParams.length - 1]!;
    expect(res.body.data.id).toBe(params[idParam]);
    const unknown = `${params[idParam]!.split('_')[0]}_ZZZZZZZZZZ`;
    const missing = await call(api, id as OperationId, { params: { ...params, [idParam]: unknown } });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', message: `No such resource: ${unknown}` });
  });

  it('answers 422, not 404, for an id of the wrong shape', async () => {
    const res = await call(api, 'agents_get', { params: { agent_id: 'not-an-id' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].field).toBe('agent_id');
  });
});
