/**
 * `@opsmerge/sdk/core` — the low-level OpsMerge client alone: openapi-fetch's typed
 * `GET`/`POST`/… over the same request pipeline as `createClient` (auth, environment checks,
 * rate-limit pacing, retries with idempotency keys, timeouts, deprecation warnings, redacted
 * logging), with the errors, pagination helpers and rate-limit store. No resource facade, no
 * OAuth flows (the `oauth` option takes a token manager from `@opsmerge/sdk/oauth`), no Redis
 * store (`@opsmerge/sdk/redis`): the smallest bundle for edge functions and browsers.
 *
 * @example
 * ```ts
 * import { createCoreClient, paginate } from '@opsmerge/sdk/core';
 *
 * const client = createCoreClient(); // reads OPSMERGE_API_KEY
 * const { data, error } = await client.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_01HZX4C9P2' } } });
 * ```
 * @packageDocumentation
 */
import { buildClient, type CoreClient } from './client.js';
import type { ClientOptions, StabilityLevel } from './options.js';

export type { ClientRateLimit, ClientState, CoreClient } from './client.js';

/**
 * Creates the low-level OpsMerge API client: the methods of `createClient` without the
 * resource facade. Takes the same options and sends every request through the same pipeline,
 * so a `client.GET(…)` behaves the same from either entry.
 *
 * @example
 * ```ts
 * import { createCoreClient, isNotFoundError } from '@opsmerge/sdk/core';
 *
 * const client = createCoreClient({ apiKey: process.env.OPSMERGE_API_KEY });
 * const { data } = await client.GET('/v1/agents', { params: { query: { status: 'online', per_page: 100 } } });
 * ```
 */
export function createCoreClient<const S extends StabilityLevel = 'stable'>(options: ClientOptions & { stability?: S } = {}): CoreClient<S> {
  return buildClient(options).client as unknown as CoreClient<S>;
}

export type {
  ApiKeyInput,
  AuthScheme,
  ClientOptions,
  DeprecationNotice,
  Logger,
  LogLevel,
  OAuthOptions,
  RateLimitOptions,
  RequestOptions,
  StabilityLevel,
  TokenSource,
  WaitNotice,
  WaitReason,
} from './options.js';
export * from './errors/index.js';
export { PRODUCTION_URL, SANDBOX_URL, keyEnvironment, type Environment } from './environment.js';
export { MemoryRateLimitStore, type RateLimitStore, type RateLimitWindow, type Reservation } from './rate-limit/store.js';
export type { RateLimitInfo } from './headers/rate-limit.js';
/** The spec's paths as openapi-typescript types: what the low-level client (`client.GET('/v1/agents')`) is typed with. */
export type { paths } from '../generated/schema.js';
/** The spec's components (schemas, responses, parameters) as openapi-typescript types. */
export type { components } from '../generated/schema.js';
/** The spec's operations by operationId (openapi-typescript's `operations`). */
export type { operations as OperationTypes } from '../generated/schema.js';
export {
  DEFAULT_MAX_PAGES,
  Page,
  PagePromise,
  PaginationError,
  paginate,
  TO_ARRAY_CAP,
  isPaginationError,
  type ListEnvelope,
  type LowLevelListResult,
  type PaginationErrorJSON,
  type PaginationErrorReason,
  type PaginationOptions,
} from './pagination.js';
