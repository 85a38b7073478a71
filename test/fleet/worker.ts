/**
 * One process of the fleet: its own ioredis connection and client, `calls` calls of
 * `GET /v1/auth/me` with `concurrency` in flight, paced by the shared Redis store.
 *
 * Run by fleet.test.ts with `node --import tsx`; talks to the parent over IPC: sends `ready`
 * once Redis is connected, waits for `go`, sends its report, exits.
 */
import { Redis } from 'ioredis';
import { createClient } from '../../src/index.js';
import { redisStore, type RedisStoreMode } from '../../src/rate-limit/redis-store.js';

/** What the parent passes as the first argument (JSON). */
export interface WorkerConfig {
  baseUrl: string;
  redisUrl: string;
  apiKey: string;
  calls: number;
  concurrency: number;
}

/** What the worker sends back. */
export interface WorkerReport {
  type: 'report';
  ok: number;
  /** Errors that reached the caller, by class name. */
  errors: Record<string, number>;
  /** From `go` to the last answer. */
  elapsedMs: number;
  /** Mode changes of the store, with the Redis error that caused a fallback. */
  modes: string[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (message: unknown): void => {
  process.send?.(message);
};

const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
redis.on('error', () => undefined); // the store falls back; ioredis would print every reconnect attempt
await new Promise<void>((resolve) => redis.once('ready', () => resolve()));

const modes: string[] = [];
const store = redisStore(redis, { onModeChange: (mode: RedisStoreMode, cause?: unknown) => modes.push(cause ? `${mode} (${(cause as Error).message})` : mode) });
const client = createClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, rateLimit: { store }, logLevel: 'off' });

// Load the HTTP stack (Node loads undici on the first fetch) before the clock starts.
await fetch(`${config.baseUrl}/warm-up`);
send({ type: 'ready' });
await new Promise<void>((resolve) => process.once('message', () => resolve()));

const started = performance.now();
let ok = 0;
let next = 0;
const errors: Record<string, number> = {};
async function lane(): Promise<void> {
  while (next < config.calls) {
    next++;
    try {
      await client.auth.me();
      ok++;
    } catch (error) {
      const name = (error as Error).name;
      errors[name] = (errors[name] ?? 0) + 1;
    }
  }
}
await Promise.all(Array.from({ length: config.concurrency }, lane));
const report: WorkerReport = { type: 'report', ok, errors, elapsedMs: performance.now() - started, modes };
send(report);
redis.disconnect();
process.disconnect?.();
