/** `createMockApi`: a stateful mock of the OpsMerge API v1 as MSW handlers. */
import type { HttpHandler } from 'msw';
import { MockClock } from './clock.js';
import { controlRoute, CONTROL_PREFIX } from './control/control-api.js';
import { buildRoutes, mswHandlers } from './handlers/index.js';
import { createRouter, type Router } from './handlers/router.js';
import { testClients, type OAuthClient } from './oauth/clients.js';
import { AUTH_SERVER_ORIGIN, oauthOrigins, oauthRoute, OAUTH_PREFIX } from './oauth/route.js';
import { SERVERS } from './pipeline/environment.js';
import { mswRouteHandler, type ServerRoute } from './server-route.js';
import { IdempotencyStore } from './pipeline/idempotency.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './pipeline/rate-limit.js';
import { RequestIds } from './pipeline/request-id.js';
import { createRunner, type PipelineDeps } from './pipeline/run-operation.js';
import type { MockApiOptions } from './options.js';
import { Scenarios, scenarioFromSpec, type ScenarioName, type ScenarioOptions } from './scenarios.js';
import { DEFAULT_NOW, MockStore, type AddApiKeyOptions, type AddedApiKey } from './store/store.js';

/** A running mock: handlers for MSW, the store behind them and controls for tests. */
export interface MockApi {
  /** MSW request handlers: `setupServer(...api.handlers)`. */
  readonly handlers: readonly HttpHandler[];
  /** The state behind the handlers. */
  readonly store: MockStore;
  /** The ready sandbox key (`om_test_…`, scope `admin`). */
  readonly testKey: string;
  /** The ready production key (`om_live_…`, scope `admin`), for production base URLs. */
  readonly liveKey: string;
  /** The first base URL served (the sandbox server by default). */
  readonly baseUrl: string;
  /** The mock's clock. */
  readonly clock: MockClock;
  /**
   * Switches a failure scenario on; returns a function that switches it off.
   * @example const off = api.scenario('flaky', { failures: 1 });
   */
  scenario(name: ScenarioName, options?: ScenarioOptions): () => void;
  /** Adds an API key (narrow scopes, revoked, expired, production…): shortcut for `store.addApiKey`. */
  addApiKey(options?: AddApiKeyOptions): AddedApiKey;
  /** Moves the mock's clock (data and rate-limit windows) forward. */
  advanceTime(ms: number): void;
  /** Back to the seeded state: data, account, clock, OAuth grants, rate limits, idempotency keys, scenarios. */
  reset(): void;
  /** The scenarios switched on now. */
  activeScenarios(): ScenarioName[];
  /** The budget of each rate-limit group (the spec's, with `rateLimits` applied). */
  readonly rateLimits: RateLimits;
  /** The OAuth 2.0 authorization server: its endpoints and registered test clients. */
  readonly oauth: MockOAuthServer;
  /** The control API, when `controlToken` was given. */
  readonly control: MockControlApi | undefined;
}

/** Where the control API answers, and its token. */
export interface MockControlApi {
  /** `${baseUrl}/_mock`: `GET …/state`, `PATCH …/account`, `POST …/keys`, `POST …/reset`… */
  readonly url: string;
  /** The bearer token it takes: `Authorization: Bearer <token>`. */
  readonly token: string;
}

/** Where the mock's OAuth 2.0 authorization server answers, and its test clients. */
export interface MockOAuthServer {
  /** `…/oauth/authorize` on the first base URL's authorization server. */
  readonly authorizeUrl: string;
  /** `…/oauth/token`. */
  readonly tokenUrl: string;
  /** `…/oauth/revoke`. */
  readonly revokeUrl: string;
  /** The registered clients: a confidential one (with `secret`) and a public one. */
  readonly clients: readonly OAuthClient[];
}

function resolveRateLimits(overrides: MockApiOptions['rateLimits']): RateLimits {
  const limits: Record<string, { limit: number; windowMs: number }> = {};
  for (const [group, base] of Object.entries(DEFAULT_RATE_LIMITS)) limits[group] = { ...base };
  for (const [group, override] of Object.entries(overrides ?? {})) {
    const base = limits[group] ?? limits['default'] ?? { limit: 300, windowMs: 60_000 };
    limits[group] = { limit: override.limit ?? base.limit, windowMs: override.windowMs ?? base.windowMs };
  }
  return limits;
}

/** A mock, the router behind its handlers and the routes mounted beside it (the HTTP server answers through both). @internal */
export interface MockRuntime {
  readonly api: MockApi;
  readonly router: Router;
  /** The OAuth server under `/oauth/`, and the control API under the first base URL's `/_mock/` when it has a token. */
  readonly serverRoutes: readonly ServerRoute[];
}

/**
 * Creates a stateful mock of the OpsMerge API v1: a seeded store, and MSW handlers (one per
 * base URL) that route every operation by its path, then authenticate, rate-limit, check
 * scopes, validate against the spec, honour `Idempotency-Key` and change the store as the
 * real API would.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockApi } from '@opsmerge/mocks';
 *
 * const api = createMockApi({ seed: 7 });
 * const server = setupServer(...api.handlers);
 * server.listen();
 * const res = await fetch(`${api.baseUrl}/v1/agents?status=online`, {
 *   headers: { Authorization: `Bearer ${api.testKey}` },
 * });
 * ```
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  return createMockRuntime(options).api;
}

/** {@link createMockApi}, with its router. @internal */
export function createMockRuntime(options: MockApiOptions = {}): MockRuntime {
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date(DEFAULT_NOW);
  const clock = new MockClock(now === 'real-time' ? undefined : now, options.clock ?? 'frozen');
  const store = new MockStore({
    seed,
    clock,
    account: {
      ...(options.plan === undefined ? {} : { plan: options.plan }),
      ...(options.planKeyLimit === undefined ? {} : { keyLimit: options.planKeyLimit }),
      ...(options.dailyQuota === undefined ? {} : { dailyQuota: options.dailyQuota }),
    },
    ...(options.sizes ? { sizes: options.sizes } : {}),
    ...(options.oauth ? { oauth: options.oauth } : {}),
  });
  const scenarios = new Scenarios();
  const startScenarios = () => {
    scenarios.off();
    for (const spec of options.scenarios ?? []) {
      const { name, options: scenarioOptions } = scenarioFromSpec(spec);
      scenarios.on(name, scenarioOptions);
    }
  };
  startScenarios();

  const rateLimits = resolveRateLimits(options.rateLimits);
  const deps: PipelineDeps = {
    store,
    limiter: new RateLimiter(rateLimits, () => clock.epochMs(), () => store.limits().dailyQuota),
    idempotency: new IdempotencyStore(),
    scenarios,
    requestIds: new RequestIds(),
    environment: options.environment ?? 'sandbox',
  };
  const baseUrls = options.baseUrl === undefined ? [SERVERS.sandbox, SERVERS.production] : typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  if (baseUrls.length === 0) throw new TypeError('createMockApi: baseUrl must name at least one base URL');
  const routes = buildRoutes({ deps, run: createRunner(deps), includeInternal: options.includeInternal ?? true });
  const router = createRouter(routes, deps);
  const handlers = mswHandlers(baseUrls, router);

  const clients = testClients(seed, store.oauth.settings.redirectUris);
  const oauth = oauthRoute({ grants: store.oauth, clients, store }, deps);
  const origins = oauthOrigins(baseUrls);
  handlers.push(...origins.map((origin) => mswRouteHandler(origin, oauth)));
  const oauthBase = `${origins[0] === '*' ? AUTH_SERVER_ORIGIN : origins[0]!}${OAUTH_PREFIX}`;
  const serverRoutes: ServerRoute[] = [oauth];

  const reset = () => {
    store.reset();
    deps.limiter.reset();
    deps.idempotency.reset();
    startScenarios();
  };
  const baseUrl = baseUrls[0]!.replace(/\/+$/, '');
  const addApiKey = (keyOptions?: AddApiKeyOptions) => store.addApiKey(keyOptions);
  let control: MockApi['control'];
  if (options.controlToken !== undefined) {
    if (!/^[\x21-\x7e]{16,200}$/.test(options.controlToken)) throw new TypeError('createMockApi: controlToken must be 16 to 200 printable ASCII characters without spaces');
    const target = { store, scenarios, rateLimits, addApiKey, reset };
    for (const raw of baseUrls.filter((b) => b !== '*')) {
      const base = new URL(raw.replace(/\/+$/, ''));
      const route = controlRoute(options.controlToken, target, deps, base.pathname.replace(/\/+$/, ''));
      handlers.push(mswRouteHandler(base.origin, route));
      if (raw === baseUrls[0]) serverRoutes.push(route);
    }
    control = { url: `${baseUrl}${CONTROL_PREFIX}`, token: options.controlToken };
  }

  const api: MockApi = {
    handlers,
    store,
    get testKey() {
      return store.testKey;
    },
    get liveKey() {
      return store.liveKey;
    },
    baseUrl,
    clock,
    scenario: (name, scenarioOptions) => scenarios.on(name, scenarioOptions),
    addApiKey,
    advanceTime: (ms) => clock.advance(ms),
    reset,
    activeScenarios: () => scenarios.active(),
    rateLimits,
    oauth: { authorizeUrl: `${oauthBase}authorize`, tokenUrl: `${oauthBase}token`, revokeUrl: `${oauthBase}revoke`, clients },
    control,
  };
  return { api, router, serverRoutes };
}
