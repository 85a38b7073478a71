/** M365 family (beta): tenants, and license assignment through the tenant's subscriptions. */
import type { LicenseAssignment } from '@opsmerge/sdk';
import { MockApiError, invalidField, notFound } from '../pipeline/errors.js';
import type { M365TenantRecord } from '../store/types.js';
import { tenantView } from '../store/views.js';
import type { HandlerContext } from './context.js';
import { byText, newestFirst, paginate, where } from './list.js';
import type { Route } from './typed-http.js';

/** Routes of the M365 family: one per operation. */
export function m365Routes({ http, run, store }: HandlerContext): Route[] {
  const tenant = (id: string): M365TenantRecord => {
    const found = store.data.m365Tenants.find((t) => t.id === id);
    if (!found) throw notFound(id);
    return found;
  };

  return [
    http.get('/v1/m365/tenants', (info) =>
      run(info, 'm365Tenants_list', (call) => {
        let tenants = byText(store.data.m365Tenants, (t) => t.display_name);
        tenants = where(tenants, call.query.client_id, (t) => t.client_id);
        tenants = where(tenants, call.query.status, (t) => t.status);
        return info.response(200).json({ data: paginate(tenants.map(tenantView), call.query) });
      }),
    ),

    http.get('/v1/m365/tenants/{tenant_id}', (info) =>
      run(info, 'm365Tenants_get', (call) => info.response(200).json({ data: tenantView(tenant(call.params.tenant_id)) })),
    ),

    http.get('/v1/m365/tenants/{tenant_id}/licenses', (info) =>
      run(info, 'm365Licenses_list', (call) => {
        const found = tenant(call.params.tenant_id);
        const upn = call.query.user_principal_name?.toLowerCase();
        let licenses = newestFirst(
          store.data.licenses.filter((l) => l.tenant_id === found.id),
          (l) => l.assigned_at,
        );
        licenses = where(licenses, call.query.sku, (l) => l.sku);
        if (upn !== undefined) licenses = licenses.filter((l) => l.user_principal_name.toLowerCase() === upn);
        return info.response(200).json({ data: paginate(licenses, call.query) });
      }),
    ),

    http.post('/v1/m365/tenants/{tenant_id}/licenses', (info) =>
      run(info, 'm365Licenses_assign', (call) => {
        const found = tenant(call.params.tenant_id);
        const { user_principal_name: upn, sku } = call.body;
        const user = found.directory.users.find((u) => u.toLowerCase() === upn.toLowerCase());
        if (!user) throw invalidField('/user_principal_name', `${upn} is not a user of tenant ${found.primary_domain}`);
        const subscription = found.directory.subscriptions.find((s) => s.sku === sku);
        if (!subscription) throw invalidField('/sku', `tenant ${found.primary_domain} has no subscription to ${sku}`);
        const assigned = store.data.licenses.filter((l) => l.tenant_id === found.id && l.sku === sku);
        if (assigned.some((l) => l.user_principal_name.toLowerCase() === user.toLowerCase())) {
          throw new MockApiError('CONFLICT', `${user} already has ${sku}`);
        }
        if (assigned.length >= subscription.seats) throw invalidField('/sku', `no free seat: all ${subscription.seats} ${sku} licenses are assigned`);
        const license: LicenseAssignment = {
          id: store.ids.next('lic'),
          tenant_id: found.id,
          user_principal_name: user,
          sku,
          sku_name: subscription.sku_name,
          assigned_at: store.nowIso(),
        };
        store.data.licenses.push(license);
        call.audit('license.assign', 'm365_license', license.id);
        return info.response(201).json({ data: license });
      }),
    ),

    http.delete('/v1/m365/tenants/{tenant_id}/licenses/{assignment_id}', (info) =>
      run(info, 'm365Licenses_unassign', (call) => {
        const found = tenant(call.params.tenant_id);
        const index = store.data.licenses.findIndex((l) => l.id === call.params.assignment_id && l.tenant_id === found.id);
        if (index < 0) throw notFound(call.params.assignment_id);
        store.data.licenses.splice(index, 1);
        call.audit('license.unassign', 'm365_license', call.params.assignment_id);
        return info.response(200).json({ data: { id: call.params.assignment_id, unassigned: true } });
      }),
    ),
  ];
}
