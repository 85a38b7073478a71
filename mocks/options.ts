/** Options of {@link createMockApi}. */
import type { ClockMode } from './clock.js';
import type { RateLimitWindow } from './pipeline/rate-limit.js';
import type { ScenarioSpec } from './scenarios.js';
import type { Environment, SeedSizes } from './store/types.js';

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
   * @default new Date('2026-11-22T09:00:00Z')
   */
  readonly now?: Date;
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
  /** Requests per key per UTC day (429 `QUOTA_EXCEEDED` past it); null for none. @default null */
  readonly dailyQuota?: number | null;
  /** Active API keys the plan allows (403 `PLAN_LIMIT_REACHED` past it). @default 20 (growth) */
  readonly planKeyLimit?: number;
  /** How many of each resource to seed. @default 3 clients, 6 sites, 40 agents, 120 tickets… */
  readonly sizes?: Partial<SeedSizes>;
  /** Serve the internal (UI-only) operations too. @default true */
  readonly includeInternal?: boolean;
}
