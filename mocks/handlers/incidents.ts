/** Incidents family: events (trigger, acknowledge, resolve by dedup key), incidents, services, schedules. */
import type { Incident } from '@opsmerge/sdk';
import { MockApiError, invalidField, notFound } from '../pipeline/errors.js';
import { onCallNow, scheduleView, serviceView } from '../store/views.js';
import type { HandlerContext } from './context.js';
import { byText, changedSince, newestFirst, paginate, where } from './list.js';
import type { Route } from './typed-http.js';

/** Routes of the incidents family: one per operation. */
export function incidentRoutes({ http, run, store }: HandlerContext): Route[] {
  const data = () => store.data;
  const latestWithKey = (dedupKey: string, open: boolean): Incident | undefined =>
    newestFirst(data().incidents, (i) => i.created_at).find((i) => i.dedup_key === dedupKey && (i.status !== 'resolved') === open);
  const accepted = (incident: Incident, message: string) => ({ status: 'accepted' as const, dedup_key: incident.dedup_key, incident_id: incident.id, message });

  return [
    http.post('/v1/events/trigger', (info) =>
      run(info, 'events_trigger', (call) => {
        const body = call.body;
        const service = data().services.find((s) => s.id === body.service_id);
        if (!service) throw invalidField('/service_id', `no such service: ${body.service_id}`);
        if (service.status === 'disabled') throw new MockApiError('CONFLICT', `Service ${service.id} is disabled and rejects events`);
        const dedupKey = body.dedup_key ?? store.ids.next('evt').toLowerCase();
        const open = data().incidents.find((i) => i.service_id === service.id && i.dedup_key === dedupKey && i.status !== 'resolved');
        if (open) {
          open.alert_count += 1;
          call.audit('event.trigger', 'incident', open.id);
          return info.response(202).json({ data: accepted(open, `Event processed; joined incident #${open.number}`) });
        }
        // A service in maintenance accepts the event but opens no incident (incident_id null).
        if (service.status === 'maintenance') {
          call.audit('event.trigger', 'service', service.id);
          return info.response(202).json({
            data: { status: 'accepted' as const, dedup_key: dedupKey, incident_id: null, message: 'Event recorded; the service is in maintenance, so no incident was opened' },
          });
        }
        const now = store.nowIso();
        const schedule = data().schedules.find((s) => s.id === service.schedule_id);
        const onCall = schedule ? onCallNow(schedule, store.now())[0]?.user_id : undefined;
        const incident: Incident = {
          id: store.ids.next('inc'),
          number: Math.max(1000, ...data().incidents.map((i) => i.number)) + 1,
          title: body.summary,
          status: 'triggered',
          urgency: body.severity === 'error' || body.severity === 'critical' ? 'high' : 'low',
          service_id: service.id,
          dedup_key: dedupKey,
          created_at: now,
          acknowledged_at: null,
          resolved_at: null,
          assignee_ids: onCall ? [onCall] : [],
          alert_count: 1,
        };
        data().incidents.push(incident);
        call.audit('event.trigger', 'incident', incident.id);
        return info.response(202).json({
          data: accepted(incident, 'Event processed; incident opened'),
        });
      }),
    ),

    http.post('/v1/events/acknowledge', (info) =>
      run(info, 'events_acknowledge', (call) => {
        const open = latestWithKey(call.body.dedup_key, true);
        if (!open) throw new MockApiError('CONFLICT', `No open incident has dedup_key ${call.body.dedup_key}`);
        if (open.status === 'triggered') {
          open.status = 'acknowledged';
          open.acknowledged_at = store.nowIso();
          call.audit('event.acknowledge', 'incident', open.id);
        }
        return info.response(202).json({ data: accepted(open, `Incident #${open.number} acknowledged`) });
      }),
    ),

    http.post('/v1/events/resolve', (info) =>
      run(info, 'events_resolve', (call) => {
        const open = latestWithKey(call.body.dedup_key, true);
        if (open) {
          open.status = 'resolved';
          open.resolved_at = store.nowIso();
          call.audit('event.resolve', 'incident', open.id);
          return info.response(202).json({ data: accepted(open, `Incident #${open.number} resolved`) });
        }
        const done = latestWithKey(call.body.dedup_key, false);
        if (!done) throw new MockApiError('CONFLICT', `No incident has dedup_key ${call.body.dedup_key}`);
        return info.response(202).json({ data: accepted(done, `Incident #${done.number} was already resolved`) });
      }),
    ),

    http.get('/v1/incidents', (info) =>
      run(info, 'incidents_list', (call) => {
        const q = call.query;
        let incidents = newestFirst(data().incidents, (i) => i.created_at);
        incidents = where(incidents, q.status, (i) => i.status);
        incidents = where(incidents, q.service_id, (i) => i.service_id);
        incidents = where(incidents, q.urgency, (i) => i.urgency);
        incidents = incidents.filter((i) => changedSince(q.since, i.created_at, i.acknowledged_at, i.resolved_at));
        return info.response(200).json({ data: paginate(incidents, q) });
      }),
    ),

    http.get('/v1/incidents/{incident_id}', (info) =>
      run(info, 'incidents_get', (call) => {
        const found = data().incidents.find((i) => i.id === call.params.incident_id);
        if (!found) throw notFound(call.params.incident_id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.get('/v1/services', (info) =>
      run(info, 'services_list', (call) => {
        const services = where(byText(data().services, (s) => s.name), call.query.status, (s) => s.status);
        return info.response(200).json({ data: paginate(services.map((s) => serviceView(data(), s)), call.query) });
      }),
    ),

    http.get('/v1/services/{service_id}', (info) =>
      run(info, 'services_get', (call) => {
        const found = data().services.find((s) => s.id === call.params.service_id);
        if (!found) throw notFound(call.params.service_id);
        return info.response(200).json({ data: serviceView(data(), found) });
      }),
    ),

    http.get('/v1/schedules', (info) =>
      run(info, 'schedules_list', (call) => {
        const schedules = byText(data().schedules, (s) => s.name).map((s) => scheduleView(s, store.now()));
        return info.response(200).json({ data: paginate(schedules, call.query) });
      }),
    ),

    http.get('/v1/schedules/{schedule_id}', (info) =>
      run(info, 'schedules_get', (call) => {
        const found = data().schedules.find((s) => s.id === call.params.schedule_id);
        if (!found) throw notFound(call.params.schedule_id);
        return info.response(200).json({ data: scheduleView(found, store.now()) });
      }),
    ),
  ];
}
