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
 * request_id, details}}` with `X-Request-Id`. @internal
 */
import { http, type HttpHandler } from 'msw';
import type { ErrorCode, ErrorDetail } from '@opsmerge/sdk';
import { toTimestamp } from '../clock.js';
import type { RateLimits } from '../pipeline/rate-limit.js';
import type { RequestIds } from '../pipeline/request-id.js';
import { SCENARIO_NAMES, type ScenarioName, type Scenarios } from '../scenarios.js';
import type { AddApiKeyOptions, AddedApiKey, MockStore } from '../store/store.js';
import { InvalidBody, accountChanges, advanceSeconds, asObject, keyRequest, scenarioRequest } from './requests.js';

/** What the control API acts on. */
export interface ControlTarget {
  readonly store: MockStore;
  readonly scenarios: Scenarios;
  readonly rateLimits: RateLimits;
  readonly requestIds: RequestIds;
  addApiKey(options: AddApiKeyOptions): AddedApiKey;
  reset(): void;
}

/** The path prefix of the control API below a base URL. */
export const CONTROL_PREFIX = '/_mock';

class ControlError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[] | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: ErrorCode, message: string, options: { details?: readonly ErrorDetail[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

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

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'BAD_REQUEST', 'The body is not valid JSON');
  }
  return asObject(value);
}

function ownerFor(store: MockStore, roleId: string | undefined): string | undefined {
  if (roleId === undefined) return undefined;
  const user = store.data.users.find((u) => u.role_id === roleId && u.status === 'active');
  if (!user) throw new ControlError(422, 'VALIDATION_FAILED', 'The request is invalid', { details: [{ field: '/role_id', message: `no active user has the role ${roleId}; roles: ${store.data.roles.map((r) => r.id).join(', ')}` }] });
  return user.id;
}

type Route = { readonly method: string; readonly run: (request: Request) => Promise<{ status: number; body: unknown }> };

function routes(target: ControlTarget): Map<string, Route[]> {
  const state = async () => ({ status: 200, body: { data: controlState(target) } });
  const { store, scenarios } = target;
  const table = new Map<string, Route[]>();
  const add = (path: string, method: string, run: Route['run']) => table.set(path, [...(table.get(path) ?? []), { method, run }]);

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
      throw new ControlError(422, 'VALIDATION_FAILED', 'The request is invalid', { details: [{ field: '/user_id', message: 'no such user' }] });
    }
    if (options.key !== undefined && store.findKeyBySecret(options.key)) throw new ControlError(409, 'CONFLICT', 'That key is already in use; pick another');
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
 * The control API's handlers under `${baseUrl}/_mock/` for each base URL; requests need
 * `Authorization: Bearer <token>`.
 */
export function controlHandlers(baseUrls: readonly string[], token: string, target: ControlTarget): HttpHandler[] {
  const table = routes(target);
  const answer = async (request: Request, base: string): Promise<Response> => {
    const requestId = target.requestIds.next();
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Request-Id': requestId, ...headers } });
    try {
      if (request.headers.get('authorization') !== `Bearer ${token}`) {
        throw new ControlError(401, 'UNAUTHORIZED', 'The control API needs the control token the mock printed: Authorization: Bearer <token>');
      }
      const path = new URL(request.url).pathname.slice(new URL(`${base}${CONTROL_PREFIX}`).pathname.length) || '/';
      const candidates = table.get(path);
      if (!candidates) throw new ControlError(404, 'NOT_FOUND', `No such control endpoint: ${path}; see GET ${CONTROL_PREFIX}/state`);
      const route = candidates.find((r) => r.method === request.method);
      if (!route) {
        const allow = candidates.map((r) => r.method).join(', ');
        throw new ControlError(405, 'BAD_REQUEST', `${request.method} is not allowed here; use ${allow}`, { headers: { Allow: allow } });
      }
      const { status, body } = await route.run(request);
      return json(status, body);
    } catch (error) {
      const failure =
        error instanceof ControlError ? error : error instanceof InvalidBody ? new ControlError(422, 'VALIDATION_FAILED', error.message, { details: error.details }) : undefined;
      if (!failure) throw error;
      const details = failure.details && failure.details.length > 0 ? { details: failure.details } : {};
      return json(failure.status, { error: { code: failure.code, message: failure.message, request_id: requestId, ...details } }, failure.headers);
    }
  };
  return baseUrls.flatMap((raw) => {
    const base = raw.replace(/\/+$/, '');
    return [http.all(`${base}${CONTROL_PREFIX}`, ({ request }) => answer(request, base)), http.all(`${base}${CONTROL_PREFIX}/*`, ({ request }) => answer(request, base))];
  });
}
