/**
 * A rate-limit store shared through Redis: a fleet of processes using one key shares one budget.
 *
 * @packageDocumentation
 */
import { scriptRunner, type RedisClientLike, type ScriptRunner } from './redis-client.js';
import { RATE_LIMIT_SCRIPT } from './redis-script.js';
import { MemoryRateLimitStore, type RateLimitStore, type RateLimitWindow, type Reservation } from './store.js';

export type { IoRedisLike, NodeRedisLike, RedisClientLike } from './redis-client.js';

/** Where the budget is kept right now: in Redis, or in this process while Redis does not answer. */
export type RedisStoreMode = 'redis' | 'local';

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * Prefix of the store's Redis keys. Bucket names are non-reversible ids of the key (a SHA-256
   * prefix) and a rate-limit group, never the key itself.
   * @default 'opsmerge:ratelimit:'
   */
  keyPrefix?: string;
  /**
   * The longest wait for one Redis call, in milliseconds. Past it the request is paced locally:
   * a hung Redis never holds a request for longer than this.
   * @default 200
   */
  timeoutMs?: number;
  /**
   * How long, in milliseconds, the store keeps pacing locally after a Redis failure before it
   * asks Redis again (one call asks; the others keep pacing locally meanwhile).
   * @default 1000
   */
  retryIntervalMs?: number;
  /**
   * How long a request holds its place in the shared count when its answer never comes back to
   * Redis (the process died, or Redis failed in between), in milliseconds. Keep it above the
   * client's `timeout`.
   * @default 120_000
   */
  leaseMs?: number;
  /**
   * Called when the store falls back to local pacing (with the Redis error) and when it is back
   * on Redis: the place for a log line or a metric.
   */
  onModeChange?: (mode: RedisStoreMode, cause?: unknown) => void;
}

/** The store {@link redisStore} returns: a {@link RateLimitStore} that says where it keeps the budget. */
export interface RedisRateLimitStore extends RateLimitStore {
  /** `'redis'` while Redis answers; `'local'` while the store paces this process alone. */
  readonly mode: RedisStoreMode;
}

/** Idle buckets disappear from Redis after an hour. */
const KEY_TTL_MS = 3_600_000;
const FAILED = Symbol('redis failed');
/** Releases kept for Redis while it is away; past this, their places wait for the lease. */
const MAX_UNSENT = 10_000;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) throw new RangeError(`redisStore: ${name} must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}

/**
 * Bounds `promise` by `ms`. When the timer fires, the answer may already be waiting in the
 * socket, unread because this process was busy (a GC pause, a module loading): one more turn
 * of the event loop reads it before Redis is blamed. Without it, a process that stalls for
 * `ms` would fall back to local pacing with Redis in perfect health.
 */
function timeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), 0);
    }, ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

function toReservation(reply: unknown): Reservation {
  if (!Array.isArray(reply) || reply.length !== 2) throw new TypeError(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
  const [ok, value] = reply.map(Number) as [number, number];
  return ok === 1 ? { ok: true, ticket: value } : { ok: false, retryInMs: value };
}

function toWindow(reply: unknown): RateLimitWindow | undefined {
  if (!Array.isArray(reply) || (reply.length !== 0 && reply.length !== 3)) throw new TypeError(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
  if (reply.length === 0) return undefined;
  const [limit, remaining, reset] = reply.map(Number) as [number, number, number];
  return { limit, remaining, resetAt: reset < 0 ? Number.POSITIVE_INFINITY : reset };
}

const int = (n: number): string => String(Math.round(n));

/**
 * The store behind {@link redisStore}. Tickets from Redis are positive; tickets of the local
 * fallback are negated, so `release` knows which store a request was reserved in.
 */
class RedisStore implements RedisRateLimitStore {
  readonly #run: ScriptRunner;
  readonly #local = new MemoryRateLimitStore();
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #retryIntervalMs: number;
  readonly #leaseMs: number;
  readonly #onModeChange: RedisStoreOptions['onModeChange'];
  #mode: RedisStoreMode = 'redis';
  /** While local: no call to Redis before this moment (`performance.now()`). */
  #quietUntil = 0;
  /** While local: one call is already finding out whether Redis is back. */
  #probing = false;
  /** Releases that did not reach Redis: sent when it answers again, so no place stays taken. */
  #unsent: { bucket: string; args: string[] }[] = [];

  constructor(redis: RedisClientLike, options: RedisStoreOptions) {
    this.#run = scriptRunner(redis, RATE_LIMIT_SCRIPT);
    this.#prefix = options.keyPrefix ?? 'opsmerge:ratelimit:';
    this.#timeoutMs = positive(options.timeoutMs, 200, 'timeoutMs');
    this.#retryIntervalMs = positive(options.retryIntervalMs, 1000, 'retryIntervalMs');
    this.#leaseMs = positive(options.leaseMs, 120_000, 'leaseMs');
    this.#onModeChange = options.onModeChange;
  }

  get mode(): RedisStoreMode {
    return this.#mode;
  }

  /** Reserves one request in `bucket`: in Redis, or locally while Redis does not answer. */
  async reserve(bucket: string, nowMs: number): Promise<Reservation> {
    const shared = await this.#call(bucket, ['reserve', int(nowMs), int(KEY_TTL_MS), int(this.#leaseMs)], toReservation, (late) => {
      // Redis answered after we gave up on it: hand the ticket straight back.
      if (late.ok) void this.#run(this.#keys(bucket), ['cancel', int(Date.now()), int(KEY_TTL_MS), int(late.ticket)]).catch(() => undefined);
    });
    if (shared !== FAILED) return shared;
    const local = this.#local.reserve(bucket, nowMs);
    return local.ok ? { ok: true, ticket: -local.ticket } : local;
  }

  /** Ends a reservation with what the answer said about the window, in the store that made it. */
  async release(bucket: string, ticket: number, observed: RateLimitWindow | null | undefined, nowMs: number): Promise<void> {
    // The local store learns every window the server reports, so that local pacing starts
    // informed the moment Redis fails.
    if (ticket < 0) this.#local.release(bucket, -ticket, observed);
    else if (observed) this.#local.release(bucket, 0, observed);
    if (ticket < 0 && !observed) return;
    const shared = ticket < 0 ? 0 : ticket;
    const window = observed ? ['1', int(observed.limit), int(observed.remaining), int(observed.resetAt)] : [observed === null ? '2' : '0', '0', '0', '0'];
    const args = ['release', int(nowMs), int(KEY_TTL_MS), int(shared), ...window];
    // A lost release of a Redis ticket would hold its place until the lease runs out.
    if ((await this.#call(bucket, args, () => undefined)) === FAILED && ticket > 0 && this.#unsent.length < MAX_UNSENT) this.#unsent.push({ bucket, args });
  }

  /** The window Redis (or, while it is away, this process) knows for `bucket`. */
  async get(bucket: string): Promise<RateLimitWindow | undefined> {
    const window = await this.#call(bucket, ['get', int(Date.now()), int(KEY_TTL_MS)], toWindow);
    return window === FAILED ? this.#local.get(bucket) : window;
  }

  #keys(bucket: string): string[] {
    // The hash tag keeps both keys of a bucket in one Redis Cluster slot, as Lua scripts require.
    const base = `${this.#prefix}{${bucket}}`;
    return [base, `${base}:inflight`];
  }

  /**
   * One script run, bounded by the timeout, its reply read by `parse`; `FAILED` when Redis is
   * down, slow or answers something unexpected. `onLate` gets a reply that came after the timeout.
   */
  async #call<T>(bucket: string, args: string[], parse: (reply: unknown) => T, onLate?: (late: T) => void): Promise<T | typeof FAILED> {
    const asking = this.#mode === 'local';
    if (asking && (this.#probing || performance.now() < this.#quietUntil)) return FAILED;
    if (asking) this.#probing = true;
    const pending = this.#run(this.#keys(bucket), args);
    try {
      const reply = parse(await timeout(pending, this.#timeoutMs));
      if (asking) this.#switch('redis');
      return reply;
    } catch (error) {
      if (onLate) pending.then((late) => onLate(parse(late))).catch(() => undefined);
      this.#quietUntil = performance.now() + this.#retryIntervalMs;
      if (this.#mode === 'redis') this.#switch('local', error);
      return FAILED;
    } finally {
      if (asking) this.#probing = false;
    }
  }

  #switch(mode: RedisStoreMode, cause?: unknown): void {
    this.#mode = mode;
    if (mode === 'redis') {
      // Replaying a release that did land after all is harmless: the ticket is gone, and a
      // window is only ever lowered or replaced by a later one.
      for (const { bucket, args } of this.#unsent.splice(0)) void this.#run(this.#keys(bucket), args).catch(() => undefined);
    }
    try {
      this.#onModeChange?.(mode, cause);
    } catch {
      // A throwing listener must not break pacing.
    }
  }
}

/**
 * A {@link RateLimitStore} kept in Redis, so every process using one API key paces against
 * one shared budget instead of each assuming it has the whole of it.
 *
 * Each decision is one atomic Lua script run. The store never blocks a request for long and
 * never fails one: when Redis errs or takes longer than `timeoutMs`, the process paces locally
 * (from the rate-limit headers the server keeps sending) and asks Redis again every
 * `retryIntervalMs`; after a restart Redis starts empty and the first request finds out the
 * budget again. Pass a client whose commands fail fast while disconnected (ioredis:
 * `enableOfflineQueue: false`), or rely on `timeoutMs`.
 *
 * The window's reset is compared with each host's clock, as in the memory store: keep the
 * fleet's clocks synchronised (NTP).
 *
 * @param redis - A connected ioredis or node-redis client; the SDK does not import either.
 * @param options - Key prefix, timeouts and a mode-change callback; see {@link RedisStoreOptions}.
 * @returns The store, to pass as `rateLimit.store`.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createClient, redisStore } from '@opsmerge/sdk';
 *
 * const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { enableOfflineQueue: false });
 * const client = createClient({ rateLimit: { store: redisStore(redis) } });
 * ```
 */
export function redisStore(redis: RedisClientLike, options: RedisStoreOptions = {}): RedisRateLimitStore {
  return new RedisStore(redis, options);
}
