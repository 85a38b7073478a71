/** Seeds Microsoft 365 tenants (one per client, for the first clients) and license assignments. @internal */
import type { Contact, LicenseAssignment } from '@opsmerge/sdk';
import { slugify, type SeedContext } from './seed-context.js';
import type { ClientRecord, M365Subscription, M365TenantRecord } from './types.js';

const SKUS: readonly Omit<M365Subscription, 'seats'>[] = [
  { sku: 'O365_BUSINESS_PREMIUM', sku_name: 'Microsoft 365 Business Premium' },
  { sku: 'SPE_E3', sku_name: 'Microsoft 365 E3' },
  { sku: 'EXCHANGESTANDARD', sku_name: 'Exchange Online (Plan 1)' },
];

/** Tenants with a directory of users (the client's contacts plus staff accounts) and subscriptions. */
export function seedTenants(ctx: SeedContext, clients: readonly ClientRecord[], contacts: readonly Contact[]): M365TenantRecord[] {
  const tenants: M365TenantRecord[] = [];
  for (const client of clients.slice(0, ctx.sizes.m365Tenants)) {
    const slug = slugify(client.name).replace(/-/g, '').slice(0, 40) || 'tenant';
    const mailDomain = client.domain ?? `${slug}.example`;
    const users = contacts.filter((c) => c.client_id === client.id).map((c) => c.email);
    const extra = ctx.int(4, 12);
    for (let i = 0; i < extra; i++) users.push(`${slugify(ctx.faker.person.firstName()).replace(/-/g, '')}.${i}@${mailDomain}`);
    const connectedAt = ctx.betweenIso(client.created_at);
    const status = tenants.length === 2 ? 'error' : 'connected';
    tenants.push({
      id: ctx.ids.next('mst'),
      client_id: client.id,
      display_name: client.name,
      primary_domain: `${slug}.onmicrosoft.com`,
      azure_tenant_id: ctx.faker.string.uuid(),
      status,
      user_count: users.length,
      connected_at: connectedAt,
      last_sync_at: ctx.pastIso(status === 'error' ? 3 : 0, status === 'error' ? 10 : 0.05),
      directory: {
        users,
        subscriptions: SKUS.map((s) => ({ ...s, seats: ctx.int(Math.ceil(users.length / 2), users.length + 5) })),
      },
    });
  }
  return tenants;
}

/** `licensesPerTenant` assignments per tenant, never more than a subscription's seats. */
export function seedLicenses(ctx: SeedContext, tenants: readonly M365TenantRecord[]): LicenseAssignment[] {
  const out: LicenseAssignment[] = [];
  for (const tenant of tenants) {
    const used = new Map<string, number>();
    const pairs = new Set<string>();
    for (let i = 0; i < ctx.sizes.licensesPerTenant * 3; i++) {
      if (out.filter((l) => l.tenant_id === tenant.id).length >= ctx.sizes.licensesPerTenant) break;
      const user = ctx.pick(tenant.directory.users);
      const sub = ctx.pick(tenant.directory.subscriptions);
      const pair = `${user} ${sub.sku}`;
      if (pairs.has(pair) || (used.get(sub.sku) ?? 0) >= sub.seats) continue;
      pairs.add(pair);
      used.set(sub.sku, (used.get(sub.sku) ?? 0) + 1);
      out.push({
        id: ctx.ids.next('lic'),
        tenant_id: tenant.id,
        user_principal_name: user,
        sku: sub.sku,
        sku_name: sub.sku_name,
        assigned_at: ctx.betweenIso(tenant.connected_at),
      });
    }
  }
  return out;
}
