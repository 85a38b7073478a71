/** Seeds the organisation, roles, users, API keys, settings panels and audit log. @internal */
import type { AuditEvent, Role, Scope, SettingsPanel, User } from '@opsmerge/sdk';
import { presetScopes } from '../scopes.js';
import { makeApiKey } from './keys.js';
import { slugify, type SeedContext } from './seed-context.js';
import type { OrganisationRecord, StoredApiKey } from './types.js';

const TECHNICIAN: Scope[] = [
  'clients:read', 'sites:read', 'agents:read', 'agents:execute', 'checks:read', 'alerts:read', 'alerts:write',
  'scripts:read', 'scripts:execute', 'psa_tickets:read', 'psa_tickets:write', 'psa_contacts:read',
  'psa_time_entries:read', 'psa_time_entries:write', 'events:write', 'incidents:read', 'services:read', 'schedules:read',
];

/** The built-in roles. */
export function seedRoles(): Role[] {
  return [
    { id: 'role_owner', name: 'Owner', description: 'Everything, including billing and deleting the organisation.', permissions: ['admin'], built_in: true },
    { id: 'role_admin', name: 'Administrator', description: 'Everything except billing.', permissions: ['admin'], built_in: true },
    { id: 'role_technician', name: 'Technician', description: 'Works tickets and runs scripts on assigned clients.', permissions: TECHNICIAN, built_in: true },
    {
      id: 'role_dispatcher',
      name: 'Dispatcher',
      description: 'Triages and assigns tickets; manages contacts.',
      permissions: ['clients:read', 'sites:read', 'users:read', 'psa_tickets:read', 'psa_tickets:write', 'psa_contacts:read', 'psa_contacts:write', 'psa_time_entries:read'],
      built_in: true,
    },
    {
      id: 'role_billing',
      name: 'Billing',
      description: 'Reads invoices, time and satisfaction reports.',
      permissions: ['clients:read', 'psa_invoices:read', 'psa_time_entries:read', 'psa_csat:read'],
      built_in: true,
    },
    { id: 'role_read_only', name: 'Read only', description: 'Reads everything, changes nothing.', permissions: presetScopes('read'), built_in: true },
  ];
}

/** The organisation. */
export function seedOrganisation(ctx: SeedContext): OrganisationRecord {
  return { id: ctx.ids.next('org'), name: `${ctx.faker.company.name()} IT Services`, plan: 'growth', api_access_enabled: true };
}

/** Users: an owner first, then admins, technicians, a dispatcher, billing; one invited, one deactivated. */
export function seedUsers(ctx: SeedContext, organisation: OrganisationRecord): User[] {
  const domain = `${slugify(organisation.name.replace(/ IT Services$/, ''))}.example`;
  const roles = ['role_owner', 'role_admin', 'role_technician', 'role_technician', 'role_technician', 'role_dispatcher', 'role_billing', 'role_read_only'];
  const users: User[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < Math.max(1, ctx.sizes.users); i++) {
    const first = ctx.faker.person.firstName();
    const last = ctx.faker.person.lastName();
    let email = `${slugify(first)}.${slugify(last)}@${domain}`.replace(/-/g, '');
    if (emails.has(email)) email = email.replace('@', `${i}@`);
    emails.add(email);
    const status = i === 0 ? 'active' : i === 6 ? 'invited' : i === 7 ? 'deactivated' : 'active';
    const createdAt = ctx.pastIso(60, 900);
    users.push({
      id: ctx.ids.next('usr'),
      email,
      name: `${first} ${last}`,
      role_id: roles[i % roles.length] ?? 'role_technician',
      status,
      last_login_at: status === 'invited' ? null : ctx.betweenIso(createdAt),
      created_at: createdAt,
    });
  }
  return users;
}

/** Seeded keys: the ready sandbox test key first, a live admin key, a revoked and an expired one. */
export function seedApiKeys(ctx: SeedContext, owner: User): { testKey: string; liveKey: string; keys: StoredApiKey[] } {
  const test = makeApiKey(ctx.ids, {
    name: 'Sandbox test key',
    userId: owner.id,
    scopes: ['admin'],
    environment: 'sandbox',
    createdAt: ctx.pastIso(30, 90),
  });
  const live = makeApiKey(ctx.ids, {
    name: 'PSA sync (production)',
    userId: owner.id,
    scopes: ['admin'],
    environment: 'production',
    createdAt: ctx.pastIso(100, 300),
  });
  live.record.last_used_at = ctx.pastIso(0, 1);
  live.record.requests_today = ctx.int(20, 400);
  live.record.requests_month = live.record.requests_today + ctx.int(1000, 9000);
  const revoked = makeApiKey(ctx.ids, {
    name: 'Old RMM dashboard',
    userId: owner.id,
    scopes: ['agents:read', 'alerts:read'],
    environment: 'sandbox',
    createdAt: ctx.pastIso(200, 400),
  });
  revoked.record.status = 'revoked';
  revoked.record.revoked_at = ctx.pastIso(10, 60);
  const expired = makeApiKey(ctx.ids, {
    name: 'Contractor access (expired)',
    userId: owner.id,
    scopes: ['psa_tickets:read'],
    environment: 'sandbox',
    createdAt: ctx.pastIso(120, 180),
    expiresAt: ctx.pastIso(5, 30),
  });
  expired.record.status = 'expired';
  return { testKey: test.key, liveKey: live.key, keys: [test.record, live.record, revoked.record, expired.record] };
}

/** The UI's settings panels. */
export function seedSettings(ctx: SeedContext, owner: User): SettingsPanel[] {
  const at = ctx.pastIso(5, 60);
  return [
    { panel: 'general', values: { organisation_display_name: 'OpsMerge', default_timezone: 'Europe/London', week_starts_on: 'monday' }, updated_at: at, updated_by: owner.id },
    { panel: 'notifications', values: { email_digest: 'daily', alert_sound: true, quiet_hours_start: '22:00', quiet_hours_end: '07:00' }, updated_at: at, updated_by: owner.id },
    { panel: 'branding', values: { primary_color: '#1f6feb', portal_title: 'Service desk', show_logo: true }, updated_at: at, updated_by: null },
    { panel: 'integrations', values: { m365_sync_minutes: 60, psa_webhooks_enabled: false }, updated_at: at, updated_by: null },
  ];
}

const AUDIT_ACTIONS: ReadonlyArray<readonly [string, string, string]> = [
  ['agent.reboot', 'agent', 'agt'],
  ['ticket.create', 'ticket', 'tkt'],
  ['ticket.update', 'ticket', 'tkt'],
  ['alert.acknowledge', 'alert', 'alr'],
  ['script.run', 'script', 'scr'],
  ['api_key.create', 'api_key', 'key'],
  ['user.login', 'user', 'usr'],
];

/** Past audit events, newest last. */
export function seedAuditEvents(ctx: SeedContext, users: readonly User[], keys: readonly StoredApiKey[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (let i = 0; i < ctx.sizes.auditEvents; i++) {
    const [action, targetType, prefix] = ctx.pick(AUDIT_ACTIONS);
    const byKey = ctx.chance(0.4) && keys.length > 0;
    const key = ctx.pick(keys);
    const user = ctx.pick(users);
    events.push({
      id: ctx.ids.next('aud'),
      occurred_at: ctx.pastIso(0, 30),
      actor: byKey ? { type: 'api_key', id: key.id, name: key.name } : { type: 'user', id: user.id, name: user.name },
      action,
      target_type: targetType,
      target_id: action === 'user.login' ? user.id : `${prefix}_${ctx.faker.string.fromCharacters('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 10)}`,
      source: byKey ? 'api' : 'ui',
      ip: ctx.faker.internet.ipv4(),
    });
  }
  return events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
}
