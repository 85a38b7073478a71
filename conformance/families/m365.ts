/** M365 family (beta): tenants and license assignment. */
import { expect } from '../assert.js';
import type { LicenseAssignment, M365Tenant } from '@opsmerge/sdk';
import { contract, family, type ContractContext } from '../contract.js';
import { expectEvery, expectFirstPage, firstOf } from '../helpers.js';

/** A connected tenant and one of its license assignments. */
async function assignedLicense(t: ContractContext): Promise<{ tenant: M365Tenant; license: LicenseAssignment }> {
  const tenants = await t.client.m365Tenants.list({ status: 'connected', per_page: 10 });
  let found: { tenant: M365Tenant; license: LicenseAssignment } | undefined;
  for (const tenant of tenants.items) {
    const license = (await t.client.m365Licenses.list(tenant.id, { per_page: 5 })).items[0];
    if (license) {
      found = { tenant, license };
      break;
    }
  }
  return t.need(found, 'a connected M365 tenant with an assigned license');
}

/**
 * Unassigns a license and assigns the same SKU to the same user again: the only write pair that
 * needs no knowledge of the tenant's directory or free seats, and leaves the tenant as it was.
 */
export async function unassignAndReassign(t: ContractContext): Promise<{ license: LicenseAssignment; unassigned: { id: string; unassigned: true }; reassigned: LicenseAssignment }> {
  const { tenant, license } = await assignedLicense(t);
  const unassigned = await t.client.m365Licenses.unassign(tenant.id, license.id);
  const reassigned = await t.client.m365Licenses.assign(tenant.id, { user_principal_name: license.user_principal_name, sku: license.sku });
  return { license, unassigned, reassigned };
}

/** The contracts of the m365 family. */
export const m365 = family('M365', [
  contract('m365Tenants_list', 'lists only connected tenants when filtered by status', async (t) => {
    const page = await t.client.m365Tenants.list({ status: 'connected', per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (x) => x.status === 'connected', 'status=connected');
  }),

  contract('m365Tenants_get', 'fetches a listed tenant', async (t) => {
    const listed = await firstOf(t, t.client.m365Tenants.list({ per_page: 5 }), 'an M365 tenant');
    const tenant = await t.client.m365Tenants.get(listed.id);
    if (t.stateful) expect(tenant).toMatchObject({ id: listed.id, primary_domain: listed.primary_domain, azure_tenant_id: listed.azure_tenant_id });
  }),

  contract('m365Licenses_list', "lists only one SKU's assignments of a tenant when filtered by sku", async (t) => {
    const { tenant, license } = await assignedLicense(t);
    const page = await t.client.m365Licenses.list(tenant.id, { sku: license.sku, per_page: 10 });
    expectFirstPage(t, page, 10);
    expectEvery(t, page.items, (l) => l.sku === license.sku && l.tenant_id === tenant.id, `sku=${license.sku}`);
  }),

  contract('m365Licenses_assign', 'assigns a SKU to a user of the tenant (after freeing that seat)', async (t) => {
    const { license, reassigned } = await unassignAndReassign(t);
    if (!t.stateful) return;
    expect(reassigned).toMatchObject({ tenant_id: license.tenant_id, user_principal_name: license.user_principal_name, sku: license.sku, sku_name: license.sku_name });
    const listed = await t.client.m365Licenses.list(license.tenant_id, { user_principal_name: license.user_principal_name, per_page: 100 });
    expect(listed.items.map((l) => l.id)).toContain(reassigned.id);
  }),

  contract('m365Licenses_unassign', 'unassigns a license, which then leaves the list (and is assigned back)', async (t) => {
    const { tenant, license } = await assignedLicense(t);
    const unassigned = await t.client.m365Licenses.unassign(tenant.id, license.id);
    try {
      if (!t.stateful) return;
      expect(unassigned).toEqual({ id: license.id, unassigned: true });
      const listed = await t.client.m365Licenses.list(tenant.id, { user_principal_name: license.user_principal_name, per_page: 100 });
      expect(listed.items.map((l) => l.id)).not.toContain(license.id);
    } finally {
      await t.client.m365Licenses.assign(tenant.id, { user_principal_name: license.user_principal_name, sku: license.sku });
    }
  }),
]);
