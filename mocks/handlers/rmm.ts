/** RMM family: clients, sites, agents (+ reboot), checks, alerts (+ acknowledge, resolve), scripts (+ run), script runs. */
import type { Alert, Check } from '@opsmerge/sdk';
import { MockApiError, invalidField, notFound } from '../pipeline/errors.js';
import type { AgentActionRecord } from '../store/types.js';
import { agentActionView, clientView, siteView } from '../store/views.js';
import type { HandlerContext } from './context.js';
import { byText, changedSince, matchesText, newestFirst, paginate, where } from './list.js';
import type { Route } from './typed-http.js';

const CHECK_ORDER: Readonly<Record<Check['status'], number>> = { failing: 0, warning: 1, passing: 2 };

/** Routes of the RMM family: one per operation. */
export function rmmRoutes({ http, run, store }: HandlerContext): Route[] {
  const data = () => store.data;
  const client = (id: string) => data().clients.find((c) => c.id === id);
  const site = (id: string) => data().sites.find((s) => s.id === id);
  const agent = (id: string) => data().agents.find((a) => a.id === id);
  const alert = (id: string): Alert => {
    const found = data().alerts.find((a) => a.id === id);
    if (!found) throw notFound(id);
    return found;
  };

  const listAlerts = (query: { status?: Alert['status']; severity?: Alert['severity']; agent_id?: string; client_id?: string; since?: string }) => {
    let alerts = newestFirst(data().alerts, (a) => a.raised_at);
    alerts = where(alerts, query.status, (a) => a.status);
    alerts = where(alerts, query.severity, (a) => a.severity);
    alerts = where(alerts, query.agent_id, (a) => a.agent_id);
    alerts = where(alerts, query.client_id, (a) => a.client_id);
    return alerts.filter((a) => changedSince(query.since, a.raised_at, a.acknowledged_at, a.resolved_at));
  };

  return [
    http.get('/v1/clients', (info) =>
      run(info, 'clients_list', (call) => {
        let clients = byText(data().clients, (c) => c.name).filter((c) => matchesText(call.query.q, c.name));
        clients = where(clients, call.query.status, (c) => c.status);
        return info.response(200).json({ data: paginate(clients.map((c) => clientView(data(), c)), call.query) });
      }),
    ),

    http.post('/v1/clients', (info) =>
      run(info, 'clients_create', (call) => {
        const now = store.nowIso();
        const record = { id: store.ids.next('cli'), name: call.body.name, domain: call.body.domain ?? null, status: call.body.status ?? 'active', created_at: now, updated_at: now };
        data().clients.push(record);
        call.audit('client.create', 'client', record.id);
        return info.response(201).json({ data: clientView(data(), record) });
      }),
    ),

    http.get('/v1/clients/{client_id}', (info) =>
      run(info, 'clients_get', (call) => {
        const found = client(call.params.client_id);
        if (!found) throw notFound(call.params.client_id);
        return info.response(200).json({ data: clientView(data(), found) });
      }),
    ),

    http.patch('/v1/clients/{client_id}', (info) =>
      run(info, 'clients_update', (call) => {
        const found = client(call.params.client_id);
        if (!found) throw notFound(call.params.client_id);
        const { name, domain, status } = call.body;
        if (name !== undefined) found.name = name;
        if (domain !== undefined) found.domain = domain;
        if (status !== undefined) found.status = status;
        found.updated_at = store.nowIso();
        call.audit('client.update', 'client', found.id);
        return info.response(200).json({ data: clientView(data(), found) });
      }),
    ),

    http.get('/v1/sites', (info) =>
      run(info, 'sites_list', (call) => {
        const sites = where(byText(data().sites, (s) => s.name), call.query.client_id, (s) => s.client_id);
        return info.response(200).json({ data: paginate(sites.map((s) => siteView(data(), s)), call.query) });
      }),
    ),

    http.post('/v1/sites', (info) =>
      run(info, 'sites_create', (call) => {
        if (!client(call.body.client_id)) throw invalidField('/client_id', `no such client: ${call.body.client_id}`);
        const now = store.nowIso();
        const record = {
          id: store.ids.next('site'),
          client_id: call.body.client_id,
          name: call.body.name,
          address: call.body.address ?? null,
          timezone: call.body.timezone ?? 'UTC',
          created_at: now,
          updated_at: now,
        };
        data().sites.push(record);
        call.audit('site.create', 'site', record.id);
        return info.response(201).json({ data: siteView(data(), record) });
      }),
    ),

    http.get('/v1/sites/{site_id}', (info) =>
      run(info, 'sites_get', (call) => {
        const found = site(call.params.site_id);
        if (!found) throw notFound(call.params.site_id);
        return info.response(200).json({ data: siteView(data(), found) });
      }),
    ),

    http.get('/v1/agents', (info) =>
      run(info, 'agents_list', (call) => {
        const q = call.query;
        let agents = byText(data().agents, (a) => a.hostname);
        agents = where(agents, q.client_id, (a) => a.client_id);
        agents = where(agents, q.site_id, (a) => a.site_id);
        agents = where(agents, q.status, (a) => a.status);
        agents = where(agents, q.os, (a) => a.os);
        agents = agents.filter((a) => changedSince(q.since, a.created_at, a.updated_at));
        return info.response(200).json({ data: paginate(agents, q) });
      }),
    ),

    http.get('/v1/agents/{agent_id}', (info) =>
      run(info, 'agents_get', (call) => {
        const found = agent(call.params.agent_id);
        if (!found) throw notFound(call.params.agent_id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.post('/v1/agents/{agent_id}/reboot', (info) =>
      run(info, 'agents_reboot', (call) => {
        const found = agent(call.params.agent_id);
        if (!found) throw notFound(call.params.agent_id);
        if (found.status === 'offline') throw new MockApiError('CONFLICT', `Agent ${found.hostname} is offline and cannot be rebooted`);
        if (data().agentActions.some((a) => a.agent_id === found.id && (a.status === 'queued' || a.status === 'running'))) {
          throw new MockApiError('CONFLICT', `Agent ${found.hostname} already has a reboot queued`);
        }
        const action: AgentActionRecord = {
          id: store.ids.next('act'),
          agent_id: found.id,
          type: 'reboot',
          status: 'queued',
          requested_at: store.nowIso(),
          completed_at: null,
          delay_seconds: call.body?.delay_seconds ?? 0,
          reason: call.body?.reason ?? null,
        };
        data().agentActions.push(action);
        call.audit('agent.reboot', 'agent', found.id);
        return info.response(202).json({ data: agentActionView(action) });
      }),
    ),

    http.get('/v1/checks', (info) =>
      run(info, 'checks_list', (call) => {
        let checks = [...data().checks].sort((a, b) => CHECK_ORDER[a.status] - CHECK_ORDER[b.status] || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
        checks = where(checks, call.query.agent_id, (c) => c.agent_id);
        checks = where(checks, call.query.status, (c) => c.status);
        checks = where(checks, call.query.type, (c) => c.type);
        return info.response(200).json({ data: paginate(checks, call.query) });
      }),
    ),

    http.get('/v1/checks/{check_id}', (info) =>
      run(info, 'checks_get', (call) => {
        const found = data().checks.find((c) => c.id === call.params.check_id);
        if (!found) throw notFound(call.params.check_id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.get('/v1/alerts', (info) => run(info, 'alerts_list', (call) => info.response(200).json({ data: paginate(listAlerts(call.query), call.query) }))),

    http.get('/v1/active-alerts', (info) =>
      run(info, 'alerts_listActive', (call) => info.response(200).json({ data: paginate(listAlerts({ ...call.query, status: 'active' }), call.query) })),
    ),

    http.get('/v1/alerts/{alert_id}', (info) => run(info, 'alerts_get', (call) => info.response(200).json({ data: alert(call.params.alert_id) }))),

    http.post('/v1/alerts/{alert_id}/acknowledge', (info) =>
      run(info, 'alerts_acknowledge', (call) => {
        const found = alert(call.params.alert_id);
        if (found.status === 'resolved') throw new MockApiError('CONFLICT', `Alert ${found.id} is resolved and cannot be acknowledged`);
        if (found.status === 'active') {
          found.status = 'acknowledged';
          found.acknowledged_at = store.nowIso();
          found.acknowledged_by = call.actor.id;
          if (call.body?.note !== undefined) found.note = call.body.note;
          call.audit('alert.acknowledge', 'alert', found.id);
        }
        return info.response(200).json({ data: found });
      }),
    ),

    http.post('/v1/alerts/{alert_id}/resolve', (info) =>
      run(info, 'alerts_resolve', (call) => {
        const found = alert(call.params.alert_id);
        if (found.status === 'resolved') throw new MockApiError('CONFLICT', `Alert ${found.id} is already resolved`);
        found.status = 'resolved';
        found.resolved_at = store.nowIso();
        found.resolved_by = call.actor.id;
        if (call.body?.note !== undefined) found.note = call.body.note;
        call.audit('alert.resolve', 'alert', found.id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.get('/v1/scripts', (info) =>
      run(info, 'scripts_list', (call) => {
        let scripts = byText(data().scripts, (s) => s.name).filter((s) => matchesText(call.query.q, s.name, s.description));
        scripts = where(scripts, call.query.language, (s) => s.language);
        return info.response(200).json({ data: paginate(scripts, call.query) });
      }),
    ),

    http.get('/v1/scripts/{script_id}', (info) =>
      run(info, 'scripts_get', (call) => {
        const found = data().scripts.find((s) => s.id === call.params.script_id);
        if (!found) throw notFound(call.params.script_id);
        return info.response(200).json({ data: found });
      }),
    ),

    http.post('/v1/scripts/{script_id}/runs', (info) =>
      run(info, 'scripts_run', (call) => {
        const script = data().scripts.find((s) => s.id === call.params.script_id);
        if (!script) throw notFound(call.params.script_id);
        const unknown = call.body.agent_ids.flatMap((id, i) => (agent(id) ? [] : [{ field: `/agent_ids/${i}`, message: `no such agent: ${id}` }]));
        if (unknown.length > 0) throw new MockApiError('VALIDATION_FAILED', 'The request is invalid', { details: unknown });
        const runRecord = {
          id: store.ids.next('run'),
          script_id: script.id,
          agent_ids: [...call.body.agent_ids],
          status: 'queued' as const,
          arguments: [...(call.body.arguments ?? [])],
          timeout_seconds: call.body.timeout_seconds ?? 300,
          requested_at: store.nowIso(),
          started_at: null,
          finished_at: null,
          exit_code: null,
          output: null,
        };
        data().scriptRuns.push(runRecord);
        call.audit('script.run', 'script', script.id);
        return info.response(202).json({ data: { ...runRecord } });
      }),
    ),

    http.get('/v1/script-runs', (info) =>
      run(info, 'scriptRuns_list', (call) => {
        let runs = newestFirst(data().scriptRuns, (r) => r.requested_at);
        runs = where(runs, call.query.script_id, (r) => r.script_id);
        runs = where(runs, call.query.status, (r) => r.status);
        if (call.query.agent_id !== undefined) runs = runs.filter((r) => r.agent_ids.includes(call.query.agent_id!));
        return info.response(200).json({ data: paginate(runs, call.query) });
      }),
    ),

    http.get('/v1/script-runs/{run_id}', (info) =>
      run(info, 'scriptRuns_get', (call) => {
        const found = data().scriptRuns.find((r) => r.id === call.params.run_id);
        if (!found) throw notFound(call.params.run_id);
        return info.response(200).json({ data: found });
      }),
    ),
  ];
}
