/**
 * The mock's control API, for partners who do not write JavaScript: under `/_mock/` (outside
 * `/v1`), with its own bearer token, it switches the account state that produces the
 * catalogue's 401/403/429 codes, moves the clock, switches scenarios and resets.
 *
 * | method and path                  | body (JSON)                                              |
 * |----------------------------------|----------------------------------------------------------|
 * | `GET /_mock/state`               | —                                                        |
 * | `PATCH /_mock/account`           | `plan`, `key_limit`, `daily_quota` (null: none), `api_access_enabled`, `owner_status` |
 * | `POST /_mock/keys`               | `key`, `name`, `scopes` or `preset`, `status`, `expires_at`, `environment`, `ip_allow_list`, `user_id` or `role_id` |
 * | `POST /_mock/clock/advance`      | `seconds`                                                |
 * | `POST /_mock/scenarios`          | `name`, `operations`, `retry_after_seconds`, `failures`, `latency_ms` |
 * | `DELETE /_mock/scenarios[/NAME]` | —                                                        |
 * | `POST /_mock/reset`              | —                                                        |
 *
 * Answers use the API's envelopes: `{"data": …}`, and errors `{"error": {code, message,
 * request_id, details}}` with `X-Request-Id`; the HTTP layer's rules are the API's (404, 405
 * with `Allow`, `OPTIONS`, 413). It is a {@link ServerRoute}: the HTTP mock mounts it, MSW
 * serves it in-process. @internal
 */
import { toTimestamp } from '../clock.js';
import { MockApiError, errorResponse } from '../pipeline/errors.js';
import { parseJsonBody } from '../pipeline/json-body.js';
import { jsonResponse } from '../pipeline/json-response.js';
import type { ProtocolDeps } from '../pipeline/protocol.js';
import type { RateLimits } from '../pipeline/rate-limit.js';
import { SCENARIO_NAMES, type ScenarioName, type Scenarios } from '../scenarios.js';
import { endpointRoute, type EndpointHandler, type ServerRoute } from '../server-route.js';
import type { AddApiKeyOptions, AddedApiKey, MockStore } from '../store/store.js';
import { InvalidBody, accountChanges, advanceSeconds, asObject, keyRequest, scenarioRequest } from './requests.js';

/** What the control API acts on. */
export interface ControlTarget {
  readonly store: MockStore;
  readonly scenarios: Scenarios;
  readonly rateLimits: RateLimits;
  addApiKey(options: AddApiKeyOptions): AddedApiKey;
  reset(): void;
}

/** The path prefix of the control API below a base URL. */
export const CONTROL_PREFIX = '/_mock';

/** The state the control API reports (and every change answers with). */
export function controlState(target: ControlTarget): Record<string, unknown> {
  const { store } = target;
  const limits = store.limits();
  const owner = store.owner();
  return {
    now: toTimestamp(store.now()),
    clock: { mode: store.clock.mode, follows_real_time: store.clock.followsRealTime },
    plan: store.data.organisation.plan,
    limits: { key_limit: limits.keyLimit, daily_quota: limits.dailyQuota, ip_allow_lists: limits.ipAllowLists },
    rate_limits: Object.fromEntries(Object.entries(target.rateLimits).map(([group, w]) => [group, { limit: w.limit, window_seconds: w.windowMs / 1000 }])),
    api_access_enabled: store.data.organisation.api_access_enabled,
    owner: { id: owner.id, name: owner.name, status: owner.status },
    active_keys: store.activeKeyCount(),
    scenarios: target.scenarios.active(),
  };
}

/**
 * The JSON body, held to the API's rules (json-body.ts) but read as JSON whatever its
 * `Content-Type`: `curl -d` sends `application/x-www-form-urlencoded`, and the control API is
 * for curl scripts. An empty body is `{}`.
 */
async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const value = parseJsonBody(new Uint8Array(await request.arrayBuffer()), null, request.headers.get('content-encoding'));
  return value === undefined ? {} : asObject(value);
}

function ownerFor(store: MockStore, roleId: string | undefined): string | undefined {
  if (roleId === undefined) return undefined;
  const user = store.data.users.find((u) => u.role_id === roleId && u.status === 'active');
  if (!user) throw new MockApiError('VALIDATION_FAILED', 'The request is invalid', { details: [{ field: '/role_id', message: `no active user has the role ${roleId}; roles: ${store.data.roles.map((r) => r.id).join(', ')}` }] });
  return user.id;
}

type Outcome = { readonly status: number; readonly body: unknown };
type Run = (request: Request) => Promise<Outcome>;

function endpoints(target: ControlTarget): Map<string, Record<string, Run>> {
  const state = async (): Promise<Outcome> => ({ status: 200, body: { data: controlState(target) } });
  const { store, scenarios } = target;
  const table = new Map<string, Record<string, Run>>();
  const add = (path: string, method: string, run: Run) => table.set(path, { ...table.get(path), [method]: run });

  add('/state', 'GET', state);
  add('/account', 'PATCH', async (request) => {
    const changes = accountChanges(await jsonBody(request));
    const { apiAccessEnabled, ownerStatus, ...account } = changes;
    store.updateAccount(account);
    if (apiAccessEnabled !== undefined) store.data.organisation.api_access_enabled = apiAccessEnabled;
    if (ownerStatus !== undefined) store.owner().status = ownerStatus;
    return state();
  });
  add('/keys', 'POST', async (request) => {
    const { options, roleId } = keyRequest(await jsonBody(request));
    const userId = ownerFor(store, roleId);
    if (options.userId !== undefined && !store.user(options.userId)) {
      throw new MockApiError('VALIDATION_FAILED', 'The request is invalid', { details: [{ field: '/user_id', message: 'no such user' }] });
    }
    if (options.key !== undefined && store.findKeyBySecret(options.key)) throw new MockApiError('CONFLICT', 'That key is already in use; pick another');
    const added = target.addApiKey(userId === undefined ? options : { ...options, userId });
    return { status: 201, body: { data: { key: added.key, api_key: added.apiKey } } };
  });
  add('/clock/advance', 'POST', async (request) => {
    store.clock.advance(advanceSeconds(await jsonBody(request)) * 1000);
    return state();
  });
  add('/scenarios', 'POST', async (request) => {
    const { name, options } = scenarioRequest(await jsonBody(request));
    scenarios.on(name, options);
    return state();
  });
  add('/scenarios', 'DELETE', async () => {
    scenarios.off();
    return state();
  });
  for (const name of SCENARIO_NAMES) {
    add(`/scenarios/${name}`, 'DELETE', async () => {
      scenarios.off(name as ScenarioName);
      return state();
    });
  }
  add('/reset', 'POST', async () => {
    target.reset();
    return state();
  });
  return table;
}

/**
 * The control API under `${basePath}/_mock/`; requests (but `OPTIONS`) need
 * `Authorization: Bearer <token>`, else 401 `UNAUTHORIZED`.
 * @param basePath - The base URL's path (`''` on the HTTP mock, `/api` on the spec's servers).
 */
export function controlRoute(token: string, target: ControlTarget, deps: ProtocolDeps, basePath = ''): ServerRoute {
  const fail = (error: MockApiError, requestId: string): Response => {
    const response = errorResponse(error, requestId);
    response.headers.set('X-Request-Id', requestId);
    return response;
  };
  const answer =
    (run: Run): EndpointHandler =>
    async (request) => {
      const requestId = deps.requestIds.next();
      try {
        if (request.headers.get('authorization') !== `Bearer ${token}`) {
          throw new MockApiError('UNAUTHORIZED', 'The control API needs the control token the mock printed: Authorization: Bearer <token>');
        }
        const { status, body } = await run(request);
        return jsonResponse(body, status, { 'Cache-Control': 'no-store', 'X-Request-Id': requestId });
      } catch (error) {
        if (error instanceof MockApiError) return fail(error, requestId);
        if (error instanceof InvalidBody) return fail(new MockApiError('VALIDATION_FAILED', error.message, { details: error.details }), requestId);
        throw error;
      }
    };
  const table: Record<string, Record<string, EndpointHandler>> = {};
  for (const [path, methods] of endpoints(target)) {
    table[path] = Object.fromEntries(Object.entries(methods).map(([method, run]) => [method, answer(run)]));
  }
  return endpointRoute(`${basePath}${CONTROL_PREFIX}/`, table, deps);
}
