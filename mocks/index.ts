/**
 * `@opsmerge/mocks` — a stateful mock of the OpsMerge API v1 for tests: MSW handlers
 * over a seeded in-memory store, failure scenarios, and a response validator.
 * `msw` is a peer dependency of this entry point.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createMockApi } from '@opsmerge/mocks';
 *
 * const api = createMockApi();
 * const server = setupServer(...api.handlers);
 * beforeAll(() => server.listen());
 * afterEach(() => api.reset());
 * afterAll(() => server.close());
 * ```
 */
export { createMockApi, type MockApi, type MockControlApi, type MockOAuthServer } from './create-mock-api.js';
export { CONFIDENTIAL_CLIENT_ID, PUBLIC_CLIENT_ID, DEFAULT_REDIRECT_URI, type OAuthClient, type OAuthOptions } from './oauth/clients.js';
export { PLANS, PLAN_LIMITS, type PlanLimits } from './store/plans.js';
export type { MockApiOptions } from './options.js';
export { SCENARIO_NAMES, type ScenarioName, type ScenarioOptions, type ScenarioSpec } from './scenarios.js';
export { MockClock, type ClockMode } from './clock.js';
export { MockStore, createStore, DEFAULT_NOW, type StoreOptions, type AccountSettings, type AddApiKeyOptions, type AddedApiKey, type AuditActor } from './store/store.js';
export {
  DEFAULT_SEED_SIZES,
  type SeedSizes,
  type StoreData,
  type Environment,
  type Plan,
  type OrganisationRecord,
  type StoredApiKey,
  type ClientRecord,
  type SiteRecord,
  type AgentActionRecord,
  type ServiceRecord,
  type ScheduleRecord,
  type TicketRecord,
  type M365TenantRecord,
  type M365Directory,
  type M365Subscription,
  type InstallerTokenRecord,
} from './store/types.js';
export { DEFAULT_RATE_LIMITS, type RateLimitWindow, type RateLimits } from './pipeline/rate-limit.js';
export { SERVERS } from './pipeline/environment.js';
export { ALL_SCOPES, SCOPE_CATALOGUE, isScope, presetScopes, type ScopeName, type ScopePreset } from './scopes.js';
export { validateResponse, validateFetchResponse, validateProtocolResponse, assertValidResponse, type FetchValidationOptions, type ResponseLike, type ResponseValidation } from './validate.js';
