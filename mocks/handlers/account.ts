/** Account family: auth/me, API keys (list, get, create, revoke, rotate), users, roles, audit log. */
import { toTimestamp } from '../clock.js';
import { MockApiError, invalidField, notFound } from '../pipeline/errors.js';
import { missingScopes, presetScopes } from '../scopes.js';
import { apiKeyView, environmentOfPrefix, makeApiKey, revokeKey } from '../store/keys.js';
import type { MockStore } from '../store/store.js';
import type { StoredApiKey } from '../store/types.js';
import type { HandlerContext } from './context.js';
import { byText, changedSince, newestFirst, paginate, where } from './list.js';
import type { Route } from './typed-http.js';

const WARNING = 'Store this key now. It cannot be shown again.';

function findKey(store: MockStore, id: string): StoredApiKey {
  const key = store.data.apiKeys.find((k) => k.id === id);
  if (!key) throw notFound(id);
  return key;
}

function assertPlanAllowsAnotherKey(store: MockStore, limit: number): void {
  if (store.activeKeyCount() >= limit) {
    throw new MockApiError('PLAN_LIMIT_REACHED', `Your plan (${store.data.organisation.plan}) allows ${limit} active API keys; revoke one first`);
  }
}

/** Routes of the account family: one per operation. */
export function accountRoutes({ http, run, store, settings }: HandlerContext): Route[] {
  return [
    http.get('/v1/auth/me', (info) =>
      run(info, 'auth_me', (call) => {
        const { key, user, environment } = call.principal;
        const org = store.data.organisation;
        return info.response(200).json({
          data: {
            organisation: { id: org.id, name: org.name, plan: org.plan },
            user,
            key: { id: key.id, name: key.name, key_prefix: key.key_prefix, last4: key.last4 },
            scopes: [...key.scopes],
            environment,
            rate_limit: { limit: call.rate.limit, remaining: call.rate.remaining, reset: call.rate.resetEpochSeconds, daily_quota: call.dailyQuota },
          },
        });
      }),
    ),

    http.get('/v1/api-keys', (info) =>
      run(info, 'apiKeys_list', (call) => {
        const keys = where(newestFirst(store.data.apiKeys, (k) => k.created_at), call.query.status, (k) => k.status);
        return info.response(200).json({ data: paginate(keys.map(apiKeyView), call.query) });
      }),
    ),

    http.post('/v1/api-keys', (info) =>
      run(info, 'apiKeys_create', (call) => {
        const body = call.body;
        if (body.preset !== undefined && body.scopes !== undefined) throw invalidField('/preset', 'give either preset or scopes, not both');
        if (body.expires_at !== undefined && Date.parse(body.expires_at) <= store.now().getTime()) throw invalidField('/expires_at', 'must be in the future');
        const scopes = body.scopes ?? presetScopes(body.preset ?? 'read');
        // A key cannot hand out more than it holds itself.
        const beyond = missingScopes(call.principal.key.scopes, scopes);
        if (beyond.length > 0) {
          throw new MockApiError('INSUFFICIENT_SCOPE', `This API key cannot grant ${beyond.join(', ')}`, {
            details: beyond.map((scope) => ({ scope, message: 'the creating key does not hold this scope' })),
          });
        }
        assertPlanAllowsAnotherKey(store, settings.planKeyLimit);
        const { key, record } = makeApiKey(store.ids, {
          name: body.name,
          userId: call.principal.user.id,
          scopes,
          environment: call.environment,
          createdAt: store.nowIso(),
          expiresAt: body.expires_at === undefined ? null : toTimestamp(new Date(body.expires_at)),
          ipAllowList: body.ip_allow_list ?? [],
        });
        store.data.apiKeys.push(record);
        call.audit('api_key.create', 'api_key', record.id);
        return info.response(201).json({ data: { api_key: apiKeyView(record), key, warning: WARNING } });
      }),
    ),

    http.get('/v1/api-keys/{key_id}', (info) =>
      run(info, 'apiKeys_get', (call) => info.response(200).json({ data: apiKeyView(findKey(store, call.params.key_id)) })),
    ),

    http.delete('/v1/api-keys/{key_id}', (info) =>
      run(info, 'apiKeys_revoke', (call) => {
        const key = findKey(store, call.params.key_id);
        if (key.status === 'revoked') throw new MockApiError('ALREADY_REVOKED', `API key ${key.id} is already revoked`);
        revokeKey(key, store.now());
        call.audit('api_key.revoke', 'api_key', key.id);
        return info.response(200).json({ data: { api_key: apiKeyView(key), message: 'API key has been revoked and is no longer usable' } });
      }),
    ),

    http.post('/v1/api-keys/{key_id}/rotate', (info) =>
      run(info, 'apiKeys_rotate', (call) => {
        const old = findKey(store, call.params.key_id);
        if (old.status === 'revoked') throw new MockApiError('ALREADY_REVOKED', `API key ${old.id} is revoked; create a new key instead`);
        const grace = call.body?.grace_seconds ?? 0;
        if (grace > 0) assertPlanAllowsAnotherKey(store, settings.planKeyLimit);
        const { key, record } = makeApiKey(store.ids, {
          name: old.name,
          userId: old.user_id,
          scopes: old.scopes,
          environment: environmentOfPrefix(old.key_prefix),
          createdAt: store.nowIso(),
          expiresAt: old.status === 'expired' ? null : old.expires_at,
          ipAllowList: old.ip_allow_list ?? [],
        });
        store.data.apiKeys.push(record);
        if (grace === 0) revokeKey(old, store.now());
        else old.revoke_at = toTimestamp(new Date(store.now().getTime() + grace * 1000));
        call.audit('api_key.rotate', 'api_key', old.id);
        return info.response(201).json({ data: { api_key: apiKeyView(record), key, warning: WARNING } });
      }),
    ),

    http.get('/v1/users', (info) =>
      run(info, 'users_list', (call) => {
        let users = byText(store.data.users, (u) => u.name);
        users = where(users, call.query.role_id, (u) => u.role_id);
        users = where(users, call.query.status, (u) => u.status);
        return info.response(200).json({ data: paginate(users, call.query) });
      }),
    ),

    http.get('/v1/users/{user_id}', (info) =>
      run(info, 'users_get', (call) => {
        const user = store.user(call.params.user_id);
        if (!user) throw notFound(call.params.user_id);
        return info.response(200).json({ data: user });
      }),
    ),

    http.get('/v1/roles', (info) => run(info, 'roles_list', (call) => info.response(200).json({ data: paginate(store.data.roles, call.query) }))),

    http.get('/v1/audit-log', (info) =>
      run(info, 'auditLog_list', (call) => {
        const events = newestFirst(store.data.auditEvents, (e) => e.occurred_at).filter(
          (e) => changedSince(call.query.since, e.occurred_at) && (call.query.actor_id === undefined || e.actor.id === call.query.actor_id),
        );
        return info.response(200).json({ data: paginate(events, call.query) });
      }),
    ),
  ];
}
