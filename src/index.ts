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
// Everything of `@opsmerge/sdk/core`: the low-level client, errors, pagination, the memory store.
export * from './core.js';
// `@opsmerge/sdk/redis` and `@opsmerge/sdk/oauth`.
export * from './redis.js';
export * from './oauth/index.js';
export type { BodyOf, DataOf, ItemOf, OperationKey, QueryOf } from './facade/types.js';
export { operations, type OperationId, type OperationInfo, type Stability } from '../generated/operations.js';
export { APIPromise, type WithResponse } from './facade/api-promise.js';
export type { CallOptions } from './facade/resources.js';
export type * from '../generated/facade.js';
// Both the errors and the generated models name an ErrorCode; the errors' one is the SDK's.
export type { ErrorCode } from './errors/index.js';
