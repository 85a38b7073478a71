/** Incidents family: events (trigger, acknowledge, resolve by dedup key), incidents, services, schedules. */
import { expect } from '../assert.js';
import type { EventAccepted, Service } from '@opsmerge/sdk';
import { contract, family, flow, type ContractContext } from '../contract.js';
import { expectEvery, expectFirstPage, firstOf } from '../helpers.js';

/** An active service to route events to. */
function activeService(t: ContractContext): Promise<Service> {
  return firstOf(t, t.client.services.list({ status: 'active', per_page: 10 }), 'an active service', (s) => s.status === 'active');
}

/** Triggers a low-urgency event with a dedup key of its own; resolved again after the test. */
async function trigger(t: ContractContext, service: Service): Promise<{ dedupKey: string; accepted: EventAccepted; summary: string }> {
  const dedupKey = `contract-suite/${t.runId}`;
  const summary = `Contract suite event ${t.runId}`;
  const accepted = await t.client.events.trigger({ service_id: service.id, dedup_key: dedupKey, summary, severity: 'warning', source: 'opsmerge-contract-suite', custom_details: { run: t.runId } });
  t.cleanup(() => t.client.events.resolve({ dedup_key: dedupKey }));
  return { dedupKey, accepted, summary };
}

/** The incident an event opened; an active service always opens one (null only in maintenance). */
function openedBy(accepted: { incident_id: string | null }): string {
  expect(accepted.incident_id).toMatch(/^inc_/);
  return accepted.incident_id as string;
}

/** The contracts of the incidents family. */
export const incidents = family('Incidents', [
  contract('events_trigger', 'accepts an event and names the incident it opened under its dedup key', async (t) => {
    const service = await activeService(t);
    const { dedupKey, accepted, summary } = await trigger(t, service);
    if (!t.stateful) return;
    expect(accepted).toMatchObject({ status: 'accepted', dedup_key: dedupKey });
    expect(await t.client.incidents.get(openedBy(accepted))).toMatchObject({ title: summary, dedup_key: dedupKey, service_id: service.id, urgency: 'low' });
  }),

  contract('events_acknowledge', "acknowledges the open incident of a dedup key", async (t) => {
    const { dedupKey, accepted } = await trigger(t, await activeService(t));
    const ack = await t.client.events.acknowledge({ dedup_key: dedupKey });
    if (!t.stateful) return;
    expect(ack).toMatchObject({ status: 'accepted', dedup_key: dedupKey, incident_id: accepted.incident_id });
    const incident = await t.client.incidents.get(openedBy(accepted));
    expect(incident.status).toBe('acknowledged');
    expect(incident.acknowledged_at).not.toBeNull();
  }),

  contract('events_resolve', 'resolves the open incident of a dedup key', async (t) => {
    const { dedupKey, accepted } = await trigger(t, await activeService(t));
    const resolved = await t.client.events.resolve({ dedup_key: dedupKey });
    if (!t.stateful) return;
    expect(resolved).toMatchObject({ status: 'accepted', dedup_key: dedupKey, incident_id: accepted.incident_id });
    expect((await t.client.incidents.get(openedBy(accepted))).status).toBe('resolved');
  }),

  contract('incidents_list', 'lists only resolved incidents, newest first, when filtered by status', async (t) => {
    const page = await t.client.incidents.list({ status: 'resolved', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (i) => i.status === 'resolved', 'status=resolved');
    if (!t.stateful) return;
    const times = page.items.map((i) => Date.parse(i.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  }),

  contract('incidents_get', 'fetches a listed incident', async (t) => {
    const listed = await firstOf(t, t.client.incidents.list({ per_page: 5 }), 'an incident');
    const incident = await t.client.incidents.get(listed.id);
    if (t.stateful) expect(incident).toMatchObject({ id: listed.id, number: listed.number, dedup_key: listed.dedup_key });
  }),

  contract('services_list', 'lists only active services when filtered by status', async (t) => {
    const page = await t.client.services.list({ status: 'active', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (s) => s.status === 'active', 'status=active');
  }),

  contract('services_get', 'fetches a listed service with its open incident count', async (t) => {
    const listed = await firstOf(t, t.client.services.list({ per_page: 5 }), 'a service');
    const service = await t.client.services.get(listed.id);
    if (t.stateful) expect(service).toMatchObject({ id: listed.id, name: listed.name, schedule_id: listed.schedule_id });
  }),

  contract('schedules_list', 'lists on-call schedules with who is on call now', async (t) => {
    const page = await t.client.schedules.list({ per_page: 10 });
    expectFirstPage(t, page, 10);
    if (t.stateful) expect(page.items.length).toBeGreaterThan(0);
  }),

  contract('schedules_get', 'fetches a listed schedule', async (t) => {
    const listed = await firstOf(t, t.client.schedules.list({ per_page: 5 }), 'a schedule');
    const schedule = await t.client.schedules.get(listed.id);
    if (t.stateful) expect(schedule).toMatchObject({ id: listed.id, name: listed.name, time_zone: listed.time_zone });
  }),

  flow('trigger an event → an incident opens → resolve it by dedup key → the incident is resolved', ['events_trigger', 'incidents_get', 'incidents_list', 'events_resolve'], async (t) => {
    const service = await activeService(t);
    const { dedupKey, accepted, summary } = await trigger(t, service);
    const opened = await t.client.incidents.get(openedBy(accepted));
    expect(opened).toMatchObject({ status: 'triggered', title: summary, service_id: service.id, dedup_key: dedupKey, resolved_at: null });
    const triggered = await t.client.incidents.list({ status: 'triggered', service_id: service.id, per_page: 100 });
    expect(triggered.items.map((i) => i.id)).toContain(opened.id);
    const resolved = await t.client.events.resolve({ dedup_key: dedupKey });
    expect(resolved.incident_id).toBe(opened.id);
    const closed = await t.client.incidents.get(opened.id);
    expect(closed.status).toBe('resolved');
    expect(closed.resolved_at).not.toBeNull();
  }),
]);
