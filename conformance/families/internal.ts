/**
 * Internal family (web UI plumbing, `x-stability: internal`): settings panels and installer
 * tokens. Covered on Prism and the MSW mock with an internal-stability client; excluded from the
 * partner conformance run (SKIP with the reason), since internal operations carry no guarantees.
 */
import { expect } from '../assert.js';
import { contract, family } from '../contract.js';
import { firstOf } from '../helpers.js';

/** The contracts of the internal family. */
export const internal = family('Internal', [
  contract('internalSettings_get', 'returns the values of a settings panel', async (t) => {
    const panel = await t.client.internalSettings.get('notifications');
    if (t.stateful) expect(panel.panel).toBe('notifications');
  }),

  contract('internalSettings_update', 'changes the settings given and keeps the others', async (t) => {
    const before = await t.client.internalSettings.get('notifications');
    const [key, value] = t.need(
      Object.entries(before.values).find(([, v]) => typeof v === 'boolean'),
      'a boolean setting on the notifications panel',
    );
    const updated = await t.client.internalSettings.update('notifications', { values: { [key]: !value } });
    t.cleanup(() => t.client.internalSettings.update('notifications', { values: { [key]: value } }));
    if (!t.stateful) return;
    expect(updated.values).toEqual({ ...before.values, [key]: !value });
    expect(updated.updated_by).not.toBeNull();
  }),

  contract('installerTokens_create', 'issues an installer token and download link for a site', async (t) => {
    const site = await firstOf(t, t.client.sites.list({ per_page: 5 }), 'a site');
    const token = await t.client.installerTokens.create({ site_id: site.id, expires_in_seconds: 3600 });
    if (!t.stateful) return;
    expect(token.site_id).toBe(site.id);
    expect(token.download_url).toContain(token.token);
  }),
]);
