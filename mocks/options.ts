/** Options of {@link createMockApi}. */
import type { ClockMode } from './clock.js';
import type { OAuthOptions } from './oauth/clients.js';
import type { RateLimitWindow } from './pipeline/rate-limit.js';
import type { ScenarioSpec } from './scenarios.js';
import type { Environment, Plan, SeedSizes } from './store/types.js';

/** Options of `createMockApi`. Every field is optional. */
export interface MockApiOptions {
  /**
   * Seed of the data set: the same seed gives the same organisation, keys, clients,
   * agents, tickets… and the same `testKey`.
   * @default 1
   */
  readonly seed?: number;
  /**
   * The mock's "now": seeded data lies before it, created resources are stamped with it.
   * `'real-time'` starts it at the current time (and again at every `reset()`); with
   * `clock: 'running'` the data clock then simply reads the real time.
   * @default new Date('2026-11-22T09:00:00Z')
   */
  readonly now?: Date | 'real-time';
  /**
   * `frozen` keeps the data clock at `now` (move it with `advanceTime`); `running` lets
   * it move with real time from `now`. Rate-limit windows always use real time.
   * @default 'frozen'
   */
  readonly clock?: ClockMode;
  /**
   * Base URL(s) the handlers answer on, without the `/v1` part. `'*'` matches any origin.
   * @default ['https://sandbox.opsmerge.cloud/api', 'https://app.opsmerge.cloud/api']
   * @example 'http://127.0.0.1:4010'
   */
  readonly baseUrl?: string | readonly string[];
  /**
   * Environment of base URLs that are neither the production nor the sandbox server
   * (decides whether `om_test_` or `om_live_` keys are accepted there).
   * @default 'sandbox'
   */
  readonly environment?: Environment;
  /** Scenarios switched on from the start (and again after `reset()`). @default [] */
  readonly scenarios?: readonly ScenarioSpec[];
  /**
   * Budgets per rate-limit group; missing fields keep the spec's values.
   * @default { default: { limit: 300, windowMs: 60_000 }, events: { limit: 100, windowMs: 60_000 } }
   * @example { default: { limit: 5, windowMs: 1_000 } }
   */
  readonly rateLimits?: Readonly<Record<string, Partial<RateLimitWindow>>>;
  /**
   * The organisation's plan: it sets the key limit (free 2, starter 5, growth 20, enterprise
   * unlimited), the daily quota (10,000 requests per key on free and starter) and whether
   * keys may carry an IP allow-list (enterprise).
   * @default 'growth'
   */
  readonly plan?: Plan;
  /**
   * Requests per key per UTC day (429 `QUOTA_EXCEEDED` past it), overriding the plan's;
   * null for none.
   * @default the plan's: 10,000 on free and starter, none on growth and enterprise
   */
  readonly dailyQuota?: number | null;
  /**
   * Active API keys allowed (403 `PLAN_LIMIT_REACHED` past it), overriding the plan's; null
   * for unlimited.
   * @default the plan's: free 2, starter 5, growth 20, enterprise unlimited
   */
  readonly planKeyLimit?: number | null;
  /** How many of each resource to seed. @default 3 clients, 6 sites, 40 agents, 120 tickets… */
  readonly sizes?: Partial<SeedSizes>;
  /** Serve the internal (UI-only) operations too. @default true */
  readonly includeInternal?: boolean;
  /**
   * The OAuth 2.0 authorization server (`/oauth/authorize`, `/oauth/token`, `/oauth/revoke`
   * on `https://auth.opsmerge.cloud`, or on the base URL's origin for other base URLs):
   * token lifetimes, a consent page, the test clients' redirect URIs.
   * @default access tokens 900 s, refresh tokens 30 days, codes 60 s, no consent page, redirect URI http://127.0.0.1:8765/callback
   */
  readonly oauth?: OAuthOptions;
  /**
   * Serves the control API under `${baseUrl}/_mock/` (account state, clock, scenarios,
   * reset) to requests with `Authorization: Bearer <controlToken>`. The HTTP mock turns it
   * on with a random token; in-process tests use the `MockApi` methods instead.
   * @default undefined (no control API)
   */
  readonly controlToken?: string;
}
