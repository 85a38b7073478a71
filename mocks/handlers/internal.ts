/** Internal family (UI plumbing, no guarantees): settings panels and agent installer tokens. */
import { MockApiError, invalidField, notFound } from '../pipeline/errors.js';
import type { InstallerTokenRecord } from '../store/types.js';
import { installerTokenView } from '../store/views.js';
import type { HandlerContext } from './context.js';
import type { Route } from './typed-http.js';

/** Routes of the internal family: one per operation. */
export function internalRoutes({ http, run, store }: HandlerContext): Route[] {
  const panel = (name: string) => {
    const found = store.data.settings.find((p) => p.panel === name);
    if (!found) throw notFound(name);
    return found;
  };

  return [
    http.get('/v1/internal/settings/{panel}', (info) =>
      run(info, 'internalSettings_get', (call) => info.response(200).json({ data: panel(call.params.panel) })),
    ),

    http.patch('/v1/internal/settings/{panel}', (info) =>
      run(info, 'internalSettings_update', (call) => {
        const found = panel(call.params.panel);
        const problems = Object.entries(call.body.values).flatMap(([key, value]) => {
          if (!(key in found.values)) return [{ field: `/values/${key}`, message: `the ${found.panel} panel has no setting ${key}` }];
          if (typeof found.values[key] !== typeof value) return [{ field: `/values/${key}`, message: `must be a ${typeof found.values[key]}` }];
          return [];
        });
        if (problems.length > 0) throw new MockApiError('VALIDATION_FAILED', 'The request is invalid', { details: problems });
        Object.assign(found.values, call.body.values);
        found.updated_at = store.nowIso();
        found.updated_by = call.principal.user.id;
        call.audit('settings.update', 'settings_panel', found.panel);
        return info.response(200).json({ data: found });
      }),
    ),

    http.post('/v1/internal/installer-tokens', (info) =>
      run(info, 'installerTokens_create', (call) => {
        if (!store.data.sites.some((s) => s.id === call.body.site_id)) throw invalidField('/site_id', `no such site: ${call.body.site_id}`);
        const token = `omi_${store.ids.secret(32)}`;
        const record: InstallerTokenRecord = {
          token,
          site_id: call.body.site_id,
          expires_at: new Date(store.now().getTime() + (call.body.expires_in_seconds ?? 86_400) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          download_url: `https://downloads.opsmerge.cloud/agent/OpsMergeAgentSetup.exe?token=${token}`,
          created_at: store.nowIso(),
        };
        store.data.installerTokens.push(record);
        call.audit('installer_token.create', 'site', record.site_id);
        return info.response(201).json({ data: installerTokenView(record) });
      }),
    ),
  ];
}
