/** RMM family: clients, sites, agents, checks, alerts, scripts, script runs. */
import { expect } from '../assert.js';
import { ConflictError, type Agent, type AgentAction } from '@opsmerge/sdk';
import { contract, family } from '../contract.js';
import { apiErrorOf, expectEvery, expectFirstPage, firstOf } from '../helpers.js';

const newestFirst = (times: readonly string[]): void => {
  const ms = times.map((t) => Date.parse(t));
  expect(ms).toEqual([...ms].sort((a, b) => b - a));
};

/** The contracts of the rmm family. */
export const rmm = family('RMM', [
  // Clients
  contract('clients_list', 'lists only active clients when filtered by status', async (t) => {
    const page = await t.client.clients.list({ status: 'active', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (c) => c.status === 'active', 'status=active');
  }),

  contract('clients_get', 'fetches a listed client', async (t) => {
    const listed = await firstOf(t, t.client.clients.list({ per_page: 5 }), 'a client');
    const client = await t.client.clients.get(listed.id);
    if (t.stateful) expect(client).toMatchObject({ id: listed.id, name: listed.name });
  }),

  contract('clients_create', 'creates an active client that can then be fetched', async (t) => {
    const name = `Contract client ${t.runId}`;
    const created = await t.client.clients.create({ name, domain: `${t.runId}.example.com` });
    // Clients cannot be deleted: leave the test's client inactive.
    t.cleanup(() => t.client.clients.update(created.id, { status: 'inactive' }));
    if (!t.stateful) return;
    expect(created).toMatchObject({ name, domain: `${t.runId}.example.com`, status: 'active' });
    expect((await t.client.clients.get(created.id)).name).toBe(name);
  }),

  contract('clients_update', 'changes only the fields given', async (t) => {
    const created = await t.client.clients.create({ name: `Contract client ${t.runId}`, domain: `${t.runId}.example.com` });
    const updated = await t.client.clients.update(created.id, { name: `Contract client ${t.runId} (renamed)`, status: 'inactive' });
    if (!t.stateful) return;
    expect(updated).toMatchObject({ id: created.id, name: `Contract client ${t.runId} (renamed)`, status: 'inactive', domain: created.domain });
  }),

  // Sites
  contract('sites_list', 'lists only the sites of one client when filtered by client_id', async (t) => {
    const client = await firstOf(t, t.client.clients.list({ per_page: 5 }), 'a client');
    const page = await t.client.sites.list({ client_id: client.id, per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (s) => s.client_id === client.id, `client_id=${client.id}`);
  }),

  contract('sites_get', 'fetches a listed site', async (t) => {
    const listed = await firstOf(t, t.client.sites.list({ per_page: 5 }), 'a site');
    const site = await t.client.sites.get(listed.id);
    if (t.stateful) expect(site).toMatchObject({ id: listed.id, client_id: listed.client_id, name: listed.name });
  }),

  contract('sites_create', 'creates a site under a client with the given time zone', async (t) => {
    const client = await firstOf(t, t.client.clients.list({ status: 'active', per_page: 5 }), 'an active client');
    const name = `Contract site ${t.runId}`;
    const site = await t.client.sites.create({ client_id: client.id, name, timezone: 'Europe/London' });
    if (!t.stateful) return;
    expect(site).toMatchObject({ client_id: client.id, name, timezone: 'Europe/London' });
    expect((await t.client.sites.get(site.id)).name).toBe(name);
  }),

  // Agents
  contract('agents_list', 'lists only online agents when filtered by status', async (t) => {
    const page = await t.client.agents.list({ status: 'online', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (a) => a.status === 'online', 'status=online');
  }),

  contract('agents_get', 'fetches a listed agent', async (t) => {
    const listed = await firstOf(t, t.client.agents.list({ per_page: 5 }), 'an agent');
    const agent = await t.client.agents.get(listed.id);
    if (t.stateful) expect(agent).toMatchObject({ id: listed.id, hostname: listed.hostname, site_id: listed.site_id });
  }),

  contract('agents_reboot', 'queues a reboot of an online agent and answers 202 with the action', async (t) => {
    const online = await t.client.agents.list({ status: 'online', per_page: 20 });
    let action: AgentAction | undefined;
    let agent: Agent | undefined;
    // An agent may still have a reboot queued from an earlier run (409 CONFLICT): try the next.
    for (const candidate of online.items.slice(0, 10)) {
      try {
        action = await t.client.agents.reboot(candidate.id, { delay_seconds: 0, reason: `OpsMerge contract suite ${t.runId}` });
        agent = candidate;
        break;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    action = t.need(action, 'an online agent without a queued reboot');
    if (t.stateful) expect(action).toMatchObject({ agent_id: agent?.id, type: 'reboot' });
  }),

  // Checks
  contract('checks_list', 'lists only failing checks when filtered by status', async (t) => {
    const page = await t.client.checks.list({ status: 'failing', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (c) => c.status === 'failing', 'status=failing');
  }),

  contract('checks_get', 'fetches a listed check', async (t) => {
    const listed = await firstOf(t, t.client.checks.list({ per_page: 5 }), 'a check');
    const check = await t.client.checks.get(listed.id);
    if (t.stateful) expect(check).toMatchObject({ id: listed.id, agent_id: listed.agent_id, type: listed.type });
  }),

  // Alerts
  contract('alerts_list', 'lists only active alerts, newest first, when filtered by status', async (t) => {
    const page = await t.client.alerts.list({ status: 'active', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (a) => a.status === 'active', 'status=active');
    if (t.stateful) newestFirst(page.items.map((a) => a.raised_at));
  }),

  contract('alerts_get', 'fetches a listed alert', async (t) => {
    const listed = await firstOf(t, t.client.alerts.list({ per_page: 5 }), 'an alert');
    const alert = await t.client.alerts.get(listed.id);
    if (t.stateful) expect(alert).toMatchObject({ id: listed.id, status: listed.status, severity: listed.severity });
  }),

  contract('alerts_listActive', 'still answers like alerts_list?status=active, with Deprecation and Sunset headers the SDK reports', async (t) => {
    const { data: page, response } = await t.client.alerts.listActive({ per_page: 10 }).withResponse();
    expect(t.deprecations.map((n) => n.operationId)).toEqual(['alerts_listActive']);
    const notice = t.deprecations[0]!;
    expect(notice.successor).toBe('alerts_list');
    expect(notice.sunsetAt?.toISOString().slice(0, 10)).toBe('2027-06-30');
    expect(response.headers.get('sunset')).not.toBeNull();
    if (!t.stateful) return; // Prism sends the old draft's `Deprecation: true`.
    expect(response.headers.get('deprecation')).toMatch(/^@-?\d+$/);
    expect(response.headers.get('link') ?? '').toMatch(/rel="?deprecation"?/);
    expectEvery(t, page.items, (a) => a.status === 'active', 'status=active');
    const successor = await t.client.alerts.list({ status: 'active', per_page: 10 });
    expect(page.total).toBe(successor.total);
    expect(page.items.map((a) => a.id)).toEqual(successor.items.map((a) => a.id));
  }),

  contract('alerts_acknowledge', 'marks an active alert acknowledged with a timestamp', async (t) => {
    const active = await firstOf(t, t.client.alerts.list({ status: 'active', per_page: 5 }), 'an active alert');
    const alert = await t.client.alerts.acknowledge(active.id, { note: `Acknowledged by the contract suite (${t.runId})` });
    if (!t.stateful) return;
    expect(alert).toMatchObject({ id: active.id, status: 'acknowledged' });
    expect(alert.acknowledged_at).not.toBeNull();
  }),

  contract('alerts_resolve', 'resolves an open alert, and resolving it again answers 409 CONFLICT', async (t) => {
    const acknowledged = (await t.client.alerts.list({ status: 'acknowledged', per_page: 5 })).items[0];
    const open = acknowledged ?? (await firstOf(t, t.client.alerts.list({ status: 'active', per_page: 5 }), 'an open alert'));
    const alert = await t.client.alerts.resolve(open.id, { note: `Resolved by the contract suite (${t.runId})` });
    if (!t.stateful) return;
    expect(alert).toMatchObject({ id: open.id, status: 'resolved' });
    expect(alert.resolved_at).not.toBeNull();
    const again = await apiErrorOf(t.client.alerts.resolve(open.id));
    expect(again).toBeInstanceOf(ConflictError);
  }),

  // Scripts and runs
  contract('scripts_list', 'lists only scripts of one language when filtered by language', async (t) => {
    const first = await firstOf(t, t.client.scripts.list({ per_page: 5 }), 'a script');
    const page = await t.client.scripts.list({ language: first.language, per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (s) => s.language === first.language, `language=${first.language}`);
  }),

  contract('scripts_get', 'fetches a listed script', async (t) => {
    const listed = await firstOf(t, t.client.scripts.list({ per_page: 5 }), 'a script');
    const script = await t.client.scripts.get(listed.id);
    if (t.stateful) expect(script).toMatchObject({ id: listed.id, name: listed.name, language: listed.language });
  }),

  contract('scripts_run', 'queues a run on an online agent that can then be fetched', async (t) => {
    const script = await firstOf(t, t.client.scripts.list({ per_page: 20 }), 'a script');
    // Prism's examples do not line up (a Linux script, Windows agents); stateful targets must.
    const agent = await firstOf(t, t.client.agents.list({ status: 'online', per_page: 50 }), `an online agent running ${script.supported_os.join(' or ')}`, (a) =>
      t.stateful ? script.supported_os.includes(a.os) : true,
    );
    const run = await t.client.scripts.run(script.id, { agent_ids: [agent.id], arguments: [], timeout_seconds: 120 });
    if (!t.stateful) return;
    expect(run).toMatchObject({ script_id: script.id, agent_ids: [agent.id], timeout_seconds: 120 });
    expect((await t.client.scriptRuns.get(run.id)).id).toBe(run.id);
  }),

  contract('scriptRuns_list', 'lists runs newest first, and only succeeded ones when filtered by status', async (t) => {
    const page = await t.client.scriptRuns.list({ per_page: 10 });
    expectFirstPage(t, page, 10);
    if (t.stateful) newestFirst(page.items.map((r) => r.requested_at));
    const succeeded = await t.client.scriptRuns.list({ status: 'succeeded', per_page: 10 });
    expectEvery(t, succeeded.items, (r) => r.status === 'succeeded', 'status=succeeded');
  }),

  contract('scriptRuns_get', 'fetches a listed run with its status', async (t) => {
    const listed = await firstOf(t, t.client.scriptRuns.list({ per_page: 5 }), 'a script run');
    const run = await t.client.scriptRuns.get(listed.id);
    if (t.stateful) expect(run).toMatchObject({ id: listed.id, script_id: listed.script_id });
  }),
]);
