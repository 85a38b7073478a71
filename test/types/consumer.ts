/**
 * An integrator's file using 20 facade methods, type-checked in strict mode by `npm test`
 * (tsc over the whole project) — it is compiled, never run.
 */
import { createClient, isRateLimitError, type Agent } from '../../src/index.js';

export async function nightlySync(): Promise<void> {
  const client = createClient({ apiKey: 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a' });
  const me = await client.auth.me();
  console.log(me.organisation.name, me.environment);
  const key = await client.apiKeys.create({ name: 'Nightly sync', preset: 'read' });
  console.log(key.key.slice(0, 8), key.warning);
  for await (const apiKey of client.apiKeys.list({ status: 'active' })) console.log(apiKey.last4);
  await client.apiKeys.revoke(key.api_key.id);
  const clients = await client.clients.list({ per_page: 100 });
  for (const c of clients.items) await client.clients.get(c.id);
  await client.sites.list({ client_id: 'cli_01HZX2A7K3' }).toArray({ limit: 200 });
  const online: Agent[] = [];
  for await (const agent of client.agents.list({ status: 'online', os: 'windows' }, { concurrency: 4 })) online.push(agent);
  const first = online[0];
  if (first) {
    await client.agents.get(first.id);
    await client.agents.reboot(first.id, { delay_seconds: 300, reason: 'Patch Tuesday' }, { idempotencyKey: 'reboot-2026-11-22-nw-dc01' });
  }
  await client.checks.list({ status: 'failing' });
  const alerts = await client.alerts.list({ status: 'active', severity: 'critical' });
  for (const alert of alerts.items) await client.alerts.acknowledge(alert.id, { note: 'On it' });
  await client.scripts.run('scr_01HZX5D3E4', { agent_ids: ['agt_01HZX4C9P2'] });
  await client.scriptRuns.get('run_01HZX6F5G6');
  const ticket = await client.tickets.create({ subject: 'Printer offline', description: 'Since 9:00', client_id: 'cli_01HZX2A7K3' });
  await client.tickets.update(ticket.id, { status: 'resolved' });
  await client.timeEntries.create({ ticket_id: ticket.id, user_id: 'usr_01HZX0C5E6', started_at: '2026-11-22T09:00:00Z', minutes: 15 });
  await client.invoices.list({ status: 'overdue' });
  await client.csatReviews.list({ min_stars: 4 });
  try {
    const event = await client.events.trigger({ service_id: 'svc_01HZX7K2M3', summary: 'Disk full', severity: 'critical', source: 'NW-DC01' });
    if (event.incident_id) await client.incidents.get(event.incident_id);
  } catch (error) {
    if (isRateLimitError(error)) console.log(error.retryAfterMs);
    else throw error;
  }
  const withResponse = await client.services.list().withResponse();
  console.log(withResponse.requestId);
}
