/**
 * `@opsmerge/sdk` — the typed client for the OpsMerge API v1.
 *
 * @example
 * ```ts
 * import { createClient } from '@opsmerge/sdk';
 *
 * const client = createClient(); // reads OPSMERGE_API_KEY
 * const { data } = await client.GET('/v1/auth/me');
 * ```
 * @packageDocumentation
 */
export { createClient, type OpsMergeClient } from './facade/client.js';
export type { ClientRateLimit, ClientState, CoreClient } from './client.js';
export { createCoreClient } from './core.js';
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
} from './options.js';
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  OpsMergeError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  SunsetError,
  TimeoutError,
  UnprocessableEntityError,
  isApiError,
  isAuthenticationError,
  isBadRequestError,
  isConfigurationError,
  isConflictError,
  isConnectionError,
  isInternalServerError,
  isNotFoundError,
  isOpsMergeError,
  isPermissionDeniedError,
  isRateLimitError,
  isResponseParseError,
  isSunsetError,
  isTimeoutError,
  isUnprocessableEntityError,
  type ErrorCode,
} from './errors.js';
export type {
  ApiErrorInit,
  ApiErrorJSON,
  ApiErrorResponse,
  ConfigurationErrorJSON,
  ConfigurationErrorOptions,
  ConnectionErrorInit,
  ConnectionErrorJSON,
  ErrorCauseJSON,
  OpsMergeErrorJSON,
  OpsMergeErrorOptions,
  RateLimitErrorInit,
  RateLimitErrorJSON,
  ResponseParseErrorInit,
  ResponseParseErrorJSON,
  SunsetErrorInit,
  SunsetErrorJSON,
  TimeoutErrorInit,
  TimeoutErrorJSON,
} from './errors.js';
export type { BodyOf, DataOf, ItemOf, OperationKey, QueryOf } from './facade/types.js';
export { PRODUCTION_URL, SANDBOX_URL, keyEnvironment, type Environment } from './environment.js';
export {
  redisStore,
  type IoRedisLike,
  type NodeRedisLike,
  type RedisClientLike,
  type RedisRateLimitStore,
  type RedisStoreMode,
  type RedisStoreOptions,
} from './rate-limit/redis-store.js';
export { MemoryRateLimitStore, type RateLimitStore, type RateLimitWindow, type Reservation } from './rate-limit/store.js';
export type { RateLimitInfo } from './headers/rate-limit.js';
export { operations, type OperationId, type OperationInfo, type Stability } from '../generated/operations.js';
/** The spec's paths as openapi-typescript types: what the low-level client (`client.GET('/v1/agents')`) is typed with. */
export type { paths } from '../generated/schema.js';
/** The spec's components (schemas, responses, parameters) as openapi-typescript types; each schema is also exported by name. */
export type { components } from '../generated/schema.js';
/** The spec's operations by operationId (openapi-typescript's `operations`). */
export type { operations as OperationTypes } from '../generated/schema.js';
export { Page, PagePromise, PaginationError, paginate, TO_ARRAY_CAP, type ListEnvelope, type LowLevelListResult, type PaginationOptions } from './pagination.js';
export { APIPromise, type WithResponse } from './facade/api-promise.js';
export type { CallOptions } from './facade/resources.js';
export type * from '../generated/facade.js';
export * from './oauth/index.js';
