/** `createMockApi`: a stateful mock of the OpsMerge API v1 as MSW handlers. */
import type { HttpHandler } from 'msw';
import { MockClock } from './clock.js';
import { buildRoutes, mswHandlers } from './handlers/index.js';
import { createRouter, type Router } from './handlers/router.js';
import { SERVERS } from './pipeline/environment.js';
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
  /** Back to the seeded state: data, clock, rate limits, idempotency keys, scenarios. */
  reset(): void;
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

/** A mock and the router behind its handlers (the HTTP server answers through the router). @internal */
export interface MockRuntime {
  readonly api: MockApi;
  readonly router: Router;
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
  const clock = new MockClock(now, options.clock ?? 'frozen');
  const store = new MockStore({ seed, now, clock, ...(options.sizes ? { sizes: options.sizes } : {}) });
  const scenarios = new Scenarios();
  const startScenarios = () => {
    scenarios.off();
    for (const spec of options.scenarios ?? []) {
      const { name, options: scenarioOptions } = scenarioFromSpec(spec);
      scenarios.on(name, scenarioOptions);
    }
  };
  startScenarios();

  const deps: PipelineDeps = {
    store,
    limiter: new RateLimiter(resolveRateLimits(options.rateLimits), () => clock.epochMs(), options.dailyQuota ?? null),
    idempotency: new IdempotencyStore(),
    scenarios,
    requestIds: new RequestIds(),
    environment: options.environment ?? 'sandbox',
  };
  const baseUrls = options.baseUrl === undefined ? [SERVERS.sandbox, SERVERS.production] : typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  if (baseUrls.length === 0) throw new TypeError('createMockApi: baseUrl must name at least one base URL');
  const routes = buildRoutes({ deps, run: createRunner(deps), settings: { planKeyLimit: options.planKeyLimit ?? 20 }, includeInternal: options.includeInternal ?? true });
  const router = createRouter(routes, deps);

  const api: MockApi = {
    handlers: mswHandlers(baseUrls, router),
    store,
    get testKey() {
      return store.testKey;
    },
    get liveKey() {
      return store.liveKey;
    },
    baseUrl: baseUrls[0]!.replace(/\/+$/, ''),
    clock,
    scenario: (name, scenarioOptions) => scenarios.on(name, scenarioOptions),
    addApiKey: (keyOptions) => store.addApiKey(keyOptions),
    advanceTime: (ms) => clock.advance(ms),
    reset: () => {
      store.reset();
      deps.limiter.reset();
      deps.idempotency.reset();
      startScenarios();
    },
  };
  return { api, router };
}
