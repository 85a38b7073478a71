/** Account family: auth/me, API keys, users, roles, audit log. */
import { expect } from '../assert.js';
import { AuthenticationError, ConflictError, PermissionDeniedError } from '@opsmerge/sdk';
import { contract, family, flow } from '../contract.js';
import { apiErrorOf, expectEvery, expectFirstPage, firstOf } from '../helpers.js';
import { unassignAndReassign } from './m365.js';
import { createTicket } from './psa.js';

/** The contracts of the account family. */
export const account = family('Account', [
  contract('auth_me', "describes the key in use, its environment and a consistent rate-limit budget", async (t) => {
    const me = await t.client.auth.me();
    expect(me.rate_limit.remaining).toBeLessThanOrEqual(me.rate_limit.limit);
    if (!t.stateful) return;
    expect(me.key?.key_prefix).toBe(t.apiKey.slice(0, 8));
    expect(me.key?.last4).toBe(t.apiKey.slice(-4));
    expect(me.environment).toBe(t.apiKey.startsWith('om_live_') ? 'production' : 'sandbox');
  }),

  contract('apiKeys_list', 'lists only active keys, by prefix and last four characters, when filtered by status', async (t) => {
    const page = await t.client.apiKeys.list({ status: 'active', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (k) => k.status === 'active', 'status=active');
    for (const key of page.items) expect(key).not.toHaveProperty('key');
  }),

  contract('apiKeys_get', 'fetches a listed key without its secret', async (t) => {
    const listed = await firstOf(t, t.client.apiKeys.list({ per_page: 5 }), 'an API key');
    const key = await t.client.apiKeys.get(listed.id);
    expect(key).not.toHaveProperty('key');
    if (t.stateful) expect({ id: key.id, name: key.name, key_prefix: key.key_prefix, last4: key.last4 }).toEqual({ id: listed.id, name: listed.name, key_prefix: listed.key_prefix, last4: listed.last4 });
  }),

  contract('apiKeys_create', 'returns the full key once, matching the prefix and last four it is listed by', async (t) => {
    const name = `Contract ${t.runId}`;
    const created = await t.client.apiKeys.create({ name, preset: 'read' });
    t.cleanup(() => t.client.apiKeys.revoke(created.api_key.id));
    expect(created.key.startsWith(created.api_key.key_prefix)).toBe(true);
    expect(created.key.slice(-4)).toBe(created.api_key.last4);
    if (!t.stateful) return;
    expect(created.api_key).toMatchObject({ name, status: 'active', key_prefix: t.apiKey.slice(0, 8) });
    const fetched = await t.client.apiKeys.get(created.api_key.id);
    expect(fetched).not.toHaveProperty('key');
    expect(fetched.last4).toBe(created.key.slice(-4));
  }),

  contract('apiKeys_revoke', 'revokes a key, and a second revocation answers 409 ALREADY_REVOKED', async (t) => {
    const created = await t.client.apiKeys.create({ name: `Contract revoke ${t.runId}`, preset: 'read' });
    const revoked = await t.client.apiKeys.revoke(created.api_key.id);
    if (!t.stateful) return;
    expect(revoked.api_key).toMatchObject({ id: created.api_key.id, status: 'revoked' });
    expect(revoked.api_key.revoked_at).not.toBeNull();
    const again = await apiErrorOf(t.client.apiKeys.revoke(created.api_key.id));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.code).toBe('ALREADY_REVOKED');
  }),

  contract('apiKeys_rotate', 'issues a new secret and, without a grace period, revokes the old key', async (t) => {
    const created = await t.client.apiKeys.create({ name: `Contract rotate ${t.runId}`, preset: 'read' });
    t.cleanup(() => t.client.apiKeys.revoke(created.api_key.id));
    const rotated = await t.client.apiKeys.rotate(created.api_key.id, { grace_seconds: 0 });
    t.cleanup(() => t.client.apiKeys.revoke(rotated.api_key.id));
    expect(rotated.key.startsWith(rotated.api_key.key_prefix)).toBe(true);
    if (!t.stateful) return;
    expect(rotated.key).not.toBe(created.key);
    expect(rotated.api_key.id).not.toBe(created.api_key.id);
    expect((await t.client.apiKeys.get(created.api_key.id)).status).toBe('revoked');
    expect((await t.clientWithKey(rotated.key).auth.me()).key?.id).toBe(rotated.api_key.id);
  }),

  contract('users_list', 'lists only active users when filtered by status', async (t) => {
    const page = await t.client.users.list({ status: 'active', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (u) => u.status === 'active', 'status=active');
  }),

  contract('users_get', 'fetches a listed user', async (t) => {
    const listed = await firstOf(t, t.client.users.list({ per_page: 5 }), 'a user');
    const user = await t.client.users.get(listed.id);
    if (t.stateful) expect(user).toMatchObject({ id: listed.id, email: listed.email, role_id: listed.role_id });
  }),

  contract('roles_list', 'lists the roles users can hold', async (t) => {
    const page = await t.client.roles.list({ per_page: 20 });
    expectFirstPage(t, page, 20);
    if (t.stateful) expect(page.items.length).toBeGreaterThan(0);
  }),

  contract('auditLog_list', 'lists audit events newest first, and `since` keeps only later ones', async (t) => {
    const page = await t.client.auditLog.list({ per_page: 10 });
    expectFirstPage(t, page, 10);
    const times = page.items.map((e) => Date.parse(e.occurred_at));
    if (t.stateful) expect(times).toEqual([...times].sort((a, b) => b - a));
    const middle = t.need(page.items[Math.floor(page.items.length / 2)], 'an audit event');
    const since = await t.client.auditLog.list({ since: middle.occurred_at, per_page: 10 });
    expectEvery(t, since.items, (e) => Date.parse(e.occurred_at) >= Date.parse(middle.occurred_at), `since=${middle.occurred_at}`);
  }),

  flow('create a key → call with it → revoke it → 401 KEY_REVOKED', ['apiKeys_create', 'auth_me', 'apiKeys_revoke'], async (t) => {
    const created = await t.client.apiKeys.create({ name: `Contract flow ${t.runId}`, preset: 'read' });
    t.cleanup(() => t.client.apiKeys.revoke(created.api_key.id));
    const own = t.clientWithKey(created.key);
    expect((await own.auth.me()).key?.id).toBe(created.api_key.id);
    await own.agents.list({ per_page: 1 });
    await t.client.apiKeys.revoke(created.api_key.id);
    const error = await apiErrorOf(own.auth.me());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('KEY_REVOKED');
    const listed = await t.client.apiKeys.get(created.api_key.id);
    expect(listed.status).toBe('revoked');
    expect(listed).not.toHaveProperty('key');
  }),

  flow('reassign an M365 license and create a ticket → both writes are in the audit log, newest first', ['m365Licenses_assign', 'tickets_create', 'auditLog_list'], async (t) => {
    const { reassigned } = await unassignAndReassign(t);
    const ticket = await createTicket(t);
    // The audit log's answers are validated like every other: the actions these writes record must match the spec too.
    // Timestamps have second precision, so walk everything since the first write rather than trusting page 1.
    const events = await t.client.auditLog.list({ since: reassigned.assigned_at, per_page: 50 }).toArray({ limit: 1000 });
    const times = events.map((e) => Date.parse(e.occurred_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const licenseEvent = events.find((e) => e.target_id === reassigned.id);
    const ticketEvent = events.find((e) => e.target_id === ticket.id);
    if (!licenseEvent || !ticketEvent) throw new Error(`the audit log since ${reassigned.assigned_at} lacks ${[!licenseEvent && `the assignment ${reassigned.id}`, !ticketEvent && `the ticket ${ticket.id}`].filter(Boolean).join(' and ')}`);
    expect(Date.parse(ticketEvent.occurred_at)).toBeGreaterThanOrEqual(Date.parse(licenseEvent.occurred_at));
    expect([licenseEvent.source, ticketEvent.source]).toEqual(['api', 'api']);
  }),

  flow('a key scoped to agents:read → 403 INSUFFICIENT_SCOPE naming psa_tickets:read', ['apiKeys_create', 'agents_list', 'tickets_list'], async (t) => {
    const created = await t.client.apiKeys.create({ name: `Contract scopes ${t.runId}`, scopes: ['agents:read'] });
    t.cleanup(() => t.client.apiKeys.revoke(created.api_key.id));
    const narrow = t.clientWithKey(created.key);
    await narrow.agents.list({ per_page: 1 });
    const error = await apiErrorOf(narrow.tickets.list({ per_page: 1 }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.code).toBe('INSUFFICIENT_SCOPE');
    expect(JSON.stringify(error.details) + error.message).toContain('psa_tickets:read');
  }),
]);
