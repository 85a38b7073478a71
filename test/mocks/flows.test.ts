import { describe, expect, it } from 'vitest';
import { call, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 81 });

describe('stateful flows', () => {
  it('create key → call with it → revoke → 401 KEY_REVOKED', async () => {
    const created = await call(api, 'apiKeys_create', { body: { name: 'Flow key', preset: 'read' } });
    const { key, api_key: apiKey } = created.body.data;
    expect((await call(api, 'agents_list', { key })).status).toBe(200);
    await call(api, 'apiKeys_revoke', { params: { key_id: apiKey.id } });
    const after = await call(api, 'agents_list', { key });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('KEY_REVOKED');
  });

  it('create ticket → list shows it first → paginate', async () => {
    const client = api.store.data.clients[0]!;
    const contact = api.store.data.contacts.find((c) => c.client_id === client.id)!;
    const created = await call(api, 'tickets_create', { body: { subject: 'VPN drops', description: 'Every 5 minutes', client_id: client.id, contact_id: contact.id, priority: 'high' } });
    expect(created.status).toBe(201);
    const ticket = created.body.data;
    expect(ticket).toMatchObject({ status: 'new', priority: 'high', assignee_id: null, contact_id: contact.id, created_at: api.store.nowIso() });
    expect(ticket.number).toBe(Math.max(...api.store.data.tickets.filter((t) => t.id !== ticket.id).map((t) => t.number)) + 1);
    expect(created.headers.get('location')).toBe(`/v1/tickets/${ticket.id}`);
    const first = await call(api, 'tickets_list', { query: { per_page: 10 } });
    expect(first.body.data.total).toBe(121);
    expect(first.body.data.items[0].id).toBe(ticket.id);
    const last = await call(api, 'tickets_list', { query: { per_page: 10, page: 13 } });
    expect(last.body.data.items).toHaveLength(1);
    const mine = await call(api, 'tickets_list', { query: { contact_id: contact.id, priority: 'high' } });
    expect(mine.body.data.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
  });

  it('ticket update stamps resolved_at, reopening clears it, delete removes it', async () => {
    const ticket = api.store.data.tickets.find((t) => t.status === 'open')!;
    const user = api.store.data.users.find((u) => u.role_id === 'role_technician')!;
    api.advanceTime(60_000);
    const resolved = await call(api, 'tickets_update', { params: { ticket_id: ticket.id }, body: { status: 'resolved', assignee_id: user.id } });
    expect(resolved.body.data).toMatchObject({ status: 'resolved', resolved_at: api.store.nowIso(), updated_at: api.store.nowIso(), assignee_id: user.id });
    const reopened = await call(api, 'tickets_update', { params: { ticket_id: ticket.id }, body: { status: 'open', assignee_id: null } });
    expect(reopened.body.data).toMatchObject({ status: 'open', resolved_at: null, assignee_id: null });
    const empty = await call(api, 'tickets_update', { params: { ticket_id: ticket.id }, body: {} });
    expect(empty.status).toBe(422);
    const deleted = await call(api, 'tickets_delete', { params: { ticket_id: ticket.id } });
    expect(deleted.body.data).toEqual({ id: ticket.id, deleted: true });
    expect((await call(api, 'tickets_get', { params: { ticket_id: ticket.id } })).status).toBe(404);
    expect((await call(api, 'tickets_list')).body.data.total).toBe(119);
  });

  it('trigger event → incident opens triggered → same dedup_key joins it → acknowledge → resolve', async () => {
    const service = api.store.data.services.find((s) => s.status === 'active')!;
    const event = { service_id: service.id, dedup_key: 'nw-sql01/disk/C', summary: 'Disk C: on NW-SQL01 is 96% full', severity: 'critical', source: 'NW-SQL01' };
    const opened = await call(api, 'events_trigger', { body: event });
    expect(opened.status).toBe(202);
    expect(opened.body.data).toMatchObject({ status: 'accepted', dedup_key: 'nw-sql01/disk/C' });
    const incidentId = opened.body.data.incident_id;
    const incident = await call(api, 'incidents_get', { params: { incident_id: incidentId } });
    expect(incident.body.data).toMatchObject({ status: 'triggered', urgency: 'high', title: event.summary, alert_count: 1, service_id: service.id });
    const joined = await call(api, 'events_trigger', { body: { ...event, severity: 'warning' } });
    expect(joined.body.data.incident_id).toBe(incidentId);
    expect((await call(api, 'incidents_get', { params: { incident_id: incidentId } })).body.data.alert_count).toBe(2);
    expect((await call(api, 'services_get', { params: { service_id: service.id } })).body.data.open_incident_count).toBeGreaterThanOrEqual(1);

    const ack = await call(api, 'events_acknowledge', { body: { dedup_key: 'nw-sql01/disk/C' } });
    expect(ack.body.data.incident_id).toBe(incidentId);
    expect((await call(api, 'incidents_get', { params: { incident_id: incidentId } })).body.data).toMatchObject({ status: 'acknowledged', acknowledged_at: api.store.nowIso() });
    expect((await call(api, 'events_acknowledge', { body: { dedup_key: 'nw-sql01/disk/C' } })).status).toBe(202);

    await call(api, 'events_resolve', { body: { dedup_key: 'nw-sql01/disk/C' } });
    expect((await call(api, 'incidents_get', { params: { incident_id: incidentId } })).body.data.status).toBe('resolved');
    expect((await call(api, 'events_resolve', { body: { dedup_key: 'nw-sql01/disk/C' } })).status).toBe(202);
    expect((await call(api, 'events_acknowledge', { body: { dedup_key: 'nw-sql01/disk/C' } })).status).toBe(409);

    const reopened = await call(api, 'events_trigger', { body: event });
    expect(reopened.body.data.incident_id).not.toBe(incidentId);
    const listed = await call(api, 'incidents_list', { query: { status: 'triggered', service_id: service.id } });
    expect(listed.body.data.items.map((i: { id: string }) => i.id)).toContain(reopened.body.data.incident_id);
  });

  it('makes a dedup_key when the event has none, and 409s unknown keys', async () => {
    const service = api.store.data.services.find((s) => s.status === 'active')!;
    const res = await call(api, 'events_trigger', { body: { service_id: service.id, summary: 'CPU high', severity: 'info', source: 'web01' } });
    expect(res.body.data.dedup_key.length).toBeGreaterThan(0);
    expect((await call(api, 'incidents_get', { params: { incident_id: res.body.data.incident_id } })).body.data.urgency).toBe('low');
    expect((await call(api, 'events_resolve', { body: { dedup_key: 'never-seen' } })).status).toBe(409);
  });

  it('alerts: acknowledge then resolve change the status; resolving twice is 409', async () => {
    const alert = api.store.data.alerts.find((a) => a.status === 'active')!;
    const ack = await call(api, 'alerts_acknowledge', { params: { alert_id: alert.id }, body: { note: 'On it' } });
    expect(ack.body.data).toMatchObject({ status: 'acknowledged', note: 'On it', acknowledged_at: api.store.nowIso(), acknowledged_by: expect.stringMatching(/^key_/) });
    const active = await call(api, 'alerts_list', { query: { status: 'active', per_page: 100 } });
    expect(active.body.data.items.map((a: { id: string }) => a.id)).not.toContain(alert.id);
    const resolved = await call(api, 'alerts_resolve', { params: { alert_id: alert.id } });
    expect(resolved.body.data).toMatchObject({ status: 'resolved', resolved_by: expect.stringMatching(/^key_/) });
    expect((await call(api, 'alerts_resolve', { params: { alert_id: alert.id } })).status).toBe(409);
    expect((await call(api, 'alerts_acknowledge', { params: { alert_id: alert.id } })).status).toBe(409);
  });

  it('agents_reboot queues an action that completes as time passes', async () => {
    const agent = api.store.data.agents.find((a) => a.status === 'online')!;
    const bootBefore = agent.last_boot_at;
    const res = await call(api, 'agents_reboot', { params: { agent_id: agent.id }, body: { delay_seconds: 60, reason: 'Patch Tuesday' } });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ agent_id: agent.id, type: 'reboot', status: 'queued', requested_at: api.store.nowIso(), completed_at: null });
    expect((await call(api, 'agents_reboot', { params: { agent_id: agent.id } })).status).toBe(409);
    api.advanceTime(200_000);
    const after = await call(api, 'agents_get', { params: { agent_id: agent.id } });
    expect(after.body.data.last_boot_at).not.toBe(bootBefore);
    expect(api.store.data.agentActions[0]!.status).toBe('succeeded');
    const offline = api.store.data.agents.find((a) => a.status === 'offline')!;
    expect((await call(api, 'agents_reboot', { params: { agent_id: offline.id } })).body.error.code).toBe('CONFLICT');
  });

  it('scripts_run creates a run that shows in the list and finishes as time passes', async () => {
    const script = api.store.data.scripts[0]!;
    const agents = api.store.data.agents.filter((a) => a.status === 'online').slice(0, 2);
    const res = await call(api, 'scripts_run', { params: { script_id: script.id }, body: { agent_ids: agents.map((a) => a.id), arguments: ['-DaysOld', '7'] } });
    expect(res.status).toBe(202);
    const run = res.body.data;
    expect(run).toMatchObject({ script_id: script.id, status: 'queued', timeout_seconds: 300, exit_code: null, output: null });
    const listed = await call(api, 'scriptRuns_list', { query: { script_id: script.id, agent_id: agents[0]!.id } });
    expect(listed.body.data.items[0].id).toBe(run.id);
    api.advanceTime(60_000);
    const done = await call(api, 'scriptRuns_get', { params: { run_id: run.id } });
    expect(done.body.data).toMatchObject({ status: 'succeeded', exit_code: 0 });
    expect(done.body.data.output).toContain(`[${agents[0]!.hostname}]`);
    const unknown = await call(api, 'scripts_run', { params: { script_id: script.id }, body: { agent_ids: ['agt_ZZZZZZZZZZ'] } });
    expect(unknown.body.error.details).toEqual([{ field: '/agent_ids/0', message: 'no such agent: agt_ZZZZZZZZZZ' }]);
  });

  it('m365: assign a license, refuse a duplicate, unassign it', async () => {
    const tenant = api.store.data.m365Tenants[0]!;
    const assigned = new Set(api.store.data.licenses.filter((l) => l.tenant_id === tenant.id).map((l) => `${l.user_principal_name} ${l.sku}`));
    const user = tenant.directory.users.find((u) => !assigned.has(`${u} SPE_E3`))!;
    const res = await call(api, 'm365Licenses_assign', { params: { tenant_id: tenant.id }, body: { user_principal_name: user, sku: 'SPE_E3' } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ tenant_id: tenant.id, user_principal_name: user, sku: 'SPE_E3', sku_name: 'Microsoft 365 E3' });
    const listed = await call(api, 'm365Licenses_list', { params: { tenant_id: tenant.id }, query: { user_principal_name: user } });
    expect(listed.body.data.items.map((l: { id: string }) => l.id)).toContain(res.body.data.id);
    expect((await call(api, 'm365Licenses_assign', { params: { tenant_id: tenant.id }, body: { user_principal_name: user, sku: 'SPE_E3' } })).status).toBe(409);
    const stranger = await call(api, 'm365Licenses_assign', { params: { tenant_id: tenant.id }, body: { user_principal_name: 'nobody@elsewhere.example', sku: 'SPE_E3' } });
    expect(stranger.body.error.details[0].field).toBe('/user_principal_name');
    const removed = await call(api, 'm365Licenses_unassign', { params: { tenant_id: tenant.id, assignment_id: res.body.data.id } });
    expect(removed.body.data).toEqual({ id: res.body.data.id, unassigned: true });
    expect((await call(api, 'm365Licenses_unassign', { params: { tenant_id: tenant.id, assignment_id: res.body.data.id } })).status).toBe(404);
  });

  it('clients, sites and contacts can be created and found', async () => {
    const client = await call(api, 'clients_create', { body: { name: 'Harbor Point Legal LLP', domain: 'harborpointlegal.example' } });
    expect(client.body.data).toMatchObject({ status: 'active', site_count: 0, agent_count: 0 });
    const site = await call(api, 'sites_create', { body: { client_id: client.body.data.id, name: 'Harrogate Clinic' } });
    expect(site.body.data).toMatchObject({ timezone: 'UTC', address: null, agent_count: 0 });
    expect((await call(api, 'clients_get', { params: { client_id: client.body.data.id } })).body.data.site_count).toBe(1);
    const updated = await call(api, 'clients_update', { params: { client_id: client.body.data.id }, body: { domain: null, status: 'inactive' } });
    expect(updated.body.data).toMatchObject({ domain: null, status: 'inactive' });
    expect((await call(api, 'clients_list', { query: { q: 'harbor point' } })).body.data.total).toBe(1);
    const contact = { first_name: 'Sanne', last_name: 'de Vries', email: 'sanne@harborpointlegal.example', client_id: client.body.data.id };
    expect((await call(api, 'contacts_create', { body: contact })).status).toBe(201);
    const duplicate = await call(api, 'contacts_create', { body: { ...contact, email: 'SANNE@harborpointlegal.example' } });
    expect(duplicate.body.error.details).toEqual([{ field: '/email', message: 'a contact with this email already exists for this client' }]);
  });

  it('time entries are logged against tickets and default to billable', async () => {
    const ticket = api.store.data.tickets[0]!;
    const user = api.store.data.users[2]!;
    const res = await call(api, 'timeEntries_create', { body: { ticket_id: ticket.id, user_id: user.id, started_at: '2026-11-21T09:05:00Z', minutes: 45 } });
    expect(res.body.data).toMatchObject({ billable: true, note: null, minutes: 45 });
    const listed = await call(api, 'timeEntries_list', { query: { ticket_id: ticket.id, user_id: user.id } });
    expect(listed.body.data.items.map((e: { id: string }) => e.id)).toContain(res.body.data.id);
  });

  it('writes done with a key show in the audit log', async () => {
    const alert = api.store.data.alerts.find((a) => a.status === 'active')!;
    await call(api, 'alerts_acknowledge', { params: { alert_id: alert.id } });
    const log = await call(api, 'auditLog_list', { query: { per_page: 1 } });
    const key = api.store.findKeyBySecret(api.testKey)!;
    expect(log.body.data.items[0]).toMatchObject({ action: 'alert.acknowledge', target_id: alert.id, source: 'api', actor: { type: 'api_key', id: key.id } });
  });

  it('schedules say who is on call now, and it moves with the clock', async () => {
    const schedule = api.store.data.schedules[0]!;
    const now = await call(api, 'schedules_get', { params: { schedule_id: schedule.id } });
    const shift = now.body.data.on_call_now[0];
    expect(Date.parse(shift.from)).toBeLessThanOrEqual(api.store.now().getTime());
    expect(Date.parse(shift.until)).toBeGreaterThan(api.store.now().getTime());
    api.advanceTime(Date.parse(shift.until) - api.store.now().getTime());
    const next = await call(api, 'schedules_get', { params: { schedule_id: schedule.id } });
    expect(next.body.data.on_call_now[0].from).toBe(shift.until);
  });
});
