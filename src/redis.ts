/**
 * `@opsmerge/sdk/redis` — a rate-limit store in Redis, so a fleet of processes using one API
 * key paces under one budget. Pass it as `rateLimit.store` to `createClient` or
 * `createCoreClient`; it needs an ioredis or node-redis client (the optional `ioredis` peer).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * import { createClient } from '@opsmerge/sdk';
 * import { redisStore } from '@opsmerge/sdk/redis';
 *
 * const client = createClient({ rateLimit: { store: redisStore(new Redis(process.env.REDIS_URL)) } });
 * ```
 * @packageDocumentation
 */
export {
  redisStore,
  type IoRedisLike,
  type NodeRedisLike,
  type RedisClientLike,
  type RedisRateLimitStore,
  type RedisStoreMode,
  type RedisStoreOptions,
} from './rate-limit/redis-store.js';
export type { RateLimitStore, RateLimitWindow, Reservation } from './rate-limit/store.js';
