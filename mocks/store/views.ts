/**
 * Records → API shapes: internal fields are dropped and derived fields (counts, who is on
 * call now) computed at read time, so every response matches the spec's closed schemas.
 */
import type { AgentAction, Client, InstallerToken, M365Tenant, OnCallShift, Schedule, Service, Site, Ticket } from '@opsmerge/sdk';
import { toTimestamp } from '../clock.js';
import type { AgentActionRecord, ClientRecord, InstallerTokenRecord, M365TenantRecord, ScheduleRecord, ServiceRecord, SiteRecord, StoreData, TicketRecord } from './types.js';

/** A client with its site and agent counts. */
export function clientView(data: StoreData, record: ClientRecord): Client {
  return {
    ...record,
    site_count: data.sites.filter((s) => s.client_id === record.id).length,
    agent_count: data.agents.filter((a) => a.client_id === record.id).length,
  };
}

/** A site with its agent count. */
export function siteView(data: StoreData, record: SiteRecord): Site {
  return { ...record, agent_count: data.agents.filter((a) => a.site_id === record.id).length };
}

/** A ticket without its internal site. */
export function ticketView(record: TicketRecord): Ticket {
  const { site_id: _site, ...ticket } = record;
  return ticket;
}

/** A service with the number of its open incidents. */
export function serviceView(data: StoreData, record: ServiceRecord): Service {
  return {
    ...record,
    open_incident_count: data.incidents.filter((i) => i.service_id === record.id && i.status !== 'resolved').length,
  };
}

/** Who is on call in each layer at `now`: users take turns of `rotation_seconds` from `rotation_start`. */
export function onCallNow(record: ScheduleRecord, now: Date): OnCallShift[] {
  const start = Date.parse(record.rotation_start);
  const shifts: OnCallShift[] = [];
  for (const layer of record.layers) {
    const elapsed = now.getTime() - start;
    if (elapsed < 0 || layer.user_ids.length === 0) continue;
    const rotationMs = layer.rotation_seconds * 1000;
    const turn = Math.floor(elapsed / rotationMs);
    const from = start + turn * rotationMs;
    shifts.push({ user_id: layer.user_ids[turn % layer.user_ids.length]!, from: toTimestamp(new Date(from)), until: toTimestamp(new Date(from + rotationMs)) });
  }
  return shifts;
}

/** A schedule with `on_call_now` at `now`. */
export function scheduleView(record: ScheduleRecord, now: Date): Schedule {
  const { rotation_start: _start, ...schedule } = record;
  return { ...schedule, layers: schedule.layers.map((l) => ({ ...l, user_ids: [...l.user_ids] })), on_call_now: onCallNow(record, now) };
}

/** A tenant without its directory. */
export function tenantView(record: M365TenantRecord): M365Tenant {
  const { directory: _directory, ...tenant } = record;
  return tenant;
}

/** An agent action without the request details. */
export function agentActionView(record: AgentActionRecord): AgentAction {
  const { delay_seconds: _delay, reason: _reason, ...action } = record;
  return action;
}

/** An installer token as returned once. */
export function installerTokenView(record: InstallerTokenRecord): InstallerToken {
  const { created_at: _created, ...token } = record;
  return token;
}
