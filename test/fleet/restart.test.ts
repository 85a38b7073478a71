import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { redisStore, type RedisStoreMode } from '../../src/rate-limit/redis-store.js';
import { startLimitedApi, type LimitedApi } from './limited-api.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

const KEY = 'om_test_RedisRestartMidRunKeepsPacing000';
const LIMIT = 60;
const WINDOW_S = 2;

let redis: RedisServer;
let api: LimitedApi;
beforeAll(async () => {
  [redis, api] = await Promise.all([startRedisServer(), startLimitedApi({ limit: LIMIT, windowS: WINDOW_S })]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), api?.close()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a Redis restart in the middle of a run', () => {
  it('keeps calls succeeding on local pacing while Redis is down, and shares the budget again once it is back', async () => {
    // Two "processes": each its own connection (ioredis defaults: commands queue while
    // disconnected, so only the store's timeout stands between a dead Redis and a request).
    const connections = [new Redis(redis.port, '127.0.0.1'), new Redis(redis.port, '127.0.0.1')];
    for (const c of connections) c.on('error', () => undefined);
    const modes: RedisStoreMode[][] = [[], []];
    const stores = connections.map((c, i) => redisStore(c, { onModeChange: (mode) => modes[i]!.push(mode) }));
    // While Redis is away each process paces alone, from the server's `remaining`: together they
    // can overshoot a window by what the other has in flight, and a call that drew a 429 comes
    // back after its Retry-After (whole seconds) into a window the paced calls already filled.
    // Two more retries absorb that; the 429s are counted below.
    const clients = stores.map((store) => createClient({ apiKey: KEY, baseUrl: api.url, rateLimit: { store }, logLevel: 'off', maxRetries: 4 }));

    const completed: { at: number; ok: boolean; error?: string }[] = [];
    let running = true;
    const lanes = clients.flatMap((client) =>
      Array.from({ length: 4 }, async () => {
        while (running) {
          const error = await client.auth.me().then(() => undefined, (e: unknown) => `${(e as Error).name}: ${(e as Error).message}`);
          completed.push({ at: performance.now(), ok: error === undefined, ...(error ? { error } : {}) });
        }
      }),
    );

    await sleep(2500);
    const killedAt = performance.now();
    await redis.kill();
    await sleep(3000);
    const restartedAt = performance.now();
    await redis.restart();
    await sleep(4000);
    running = false;
    await Promise.all(lanes);

    const during = completed.filter((c) => c.at > killedAt + 300 && c.at < restartedAt);
    const after = completed.filter((c) => c.at > restartedAt);
    const stats = api.stats();
    console.log('restart run', JSON.stringify({ calls: completed.length, duringOutage: during.length, afterRestart: after.length, wire: stats.requests, rejected429: stats.rejected, modes }));

    expect(completed.filter((c) => !c.ok)).toEqual([]);
    expect(during.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(modes).toEqual([
      ['local', 'redis'],
      ['local', 'redis'],
    ]);
    // The restarted Redis learned the budget again from the answers.
    const probe = new Redis(redis.port, '127.0.0.1');
    const keys = await probe.keys('opsmerge:ratelimit:*');
    probe.disconnect();
    expect(keys.some((k) => k.endsWith(':default}'))).toBe(true);
    for (const c of connections) c.disconnect();
  }, 30_000);
});
