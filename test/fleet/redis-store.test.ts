import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, MemoryRateLimitStore, type RateLimitWindow, type Reservation } from '../../src/index.js';
import type { NodeRedisLike } from '../../src/rate-limit/redis-client.js';
import { redisStore, type RedisStoreMode, type RedisStoreOptions } from '../../src/rate-limit/redis-store.js';
import { startLimitedApi } from './limited-api.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let server: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(() => server.stop());

let bucketCounter = 0;
/** A bucket no other test touches. */
const freshBucket = (): string => `key:${(++bucketCounter).toString(16).padStart(16, '0')}:default`;

function connection(retryStrategy?: () => number): Redis {
  const client = retryStrategy ? new Redis(server.port, '127.0.0.1', { retryStrategy }) : new Redis(server.port, '127.0.0.1');
  client.on('error', () => undefined); // reconnect noise while the server is killed on purpose
  clients.push(client);
  return client;
}

function store(options: RedisStoreOptions = {}, client = connection()) {
  return redisStore(client, options);
}

const NOW = Date.parse('2026-11-22T09:00:00Z');
/** Polls an async condition every 5 ms, for up to 2 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 2000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const window = (limit: number, remaining: number, resetAt = NOW + 60_000): RateLimitWindow => ({ limit, remaining, resetAt });

/** Reserves until the store says wait; returns the tickets taken and the wait. */
async function drain(s: { reserve(b: string, now: number): Promise<Reservation> | Reservation }, bucket: string, now = NOW) {
  const tickets: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const r = await s.reserve(bucket, now);
    if (!r.ok) return { tickets, retryInMs: r.retryInMs };
    tickets.push(r.ticket);
  }
  throw new Error('never told to wait');
}

describe('redisStore: the shared budget', () => {
  it('sends one probe alone until an answer tells the budget', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    expect(probe).toMatchObject({ ok: true });
    expect(await s.reserve(bucket, NOW)).toEqual({ ok: false, retryInMs: 5 });
    await s.release(bucket, (probe as { ticket: number }).ticket, window(3, 2), NOW);
    const { tickets, retryInMs } = await drain(s, bucket);
    expect(tickets).toHaveLength(2);
    expect(retryInMs).toBe(60_000);
  });

  it('shares one budget between two processes (two connections, two stores)', async () => {
    const [a, b] = [store(), store()];
    const bucket = freshBucket();
    const probe = await a.reserve(bucket, NOW);
    await a.release(bucket, (probe as { ticket: number }).ticket, window(5, 4), NOW);
    const first = await drain(a, bucket);
    const second = await drain(b, bucket);
    expect(first.tickets.length + second.tickets.length).toBe(4);
    expect(second.tickets).toEqual([]);
    expect(new Set([...first.tickets, (probe as { ticket: number }).ticket]).size).toBe(5);
  });

  it('hands out one ticket per place when many reserve at once', async () => {
    const stores = Array.from({ length: 4 }, () => store());
    const bucket = freshBucket();
    const probe = await stores[0]!.reserve(bucket, NOW);
    await stores[0]!.release(bucket, (probe as { ticket: number }).ticket, window(50, 50), NOW);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => stores[i % 4]!.reserve(bucket, NOW)));
    const granted = answers.filter((r) => r.ok);
    expect(granted).toHaveLength(50);
    expect(new Set(granted.map((r) => (r as { ticket: number }).ticket)).size).toBe(50);
  });

  it('counts every request still in flight, whatever order the answers come back in', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(10, 10), NOW);
    const { tickets } = await drain(s, bucket);
    expect(tickets).toHaveLength(10);
    // The server has processed only the last request so far, and says 9 are left: the other
    // 9 are still on their way and will be counted too. Nothing more may go.
    await s.release(bucket, tickets.at(-1)!, window(10, 9), NOW);
    expect((await drain(s, bucket)).tickets).toEqual([]);
  });

  it('rolls over at the reset: a full budget minus the requests still in flight', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(5, 0, NOW + 1000), NOW);
    expect(await s.reserve(bucket, NOW + 400)).toEqual({ ok: false, retryInMs: 600 });
    const { tickets, retryInMs } = await drain(s, bucket, NOW + 1000);
    expect(tickets).toHaveLength(5);
    // Spent, and the new window's reset is not known yet: poll until an answer tells it.
    expect(retryInMs).toBe(50);
    await s.release(bucket, tickets[0]!, window(5, 4, NOW + 2000), NOW + 1010);
    expect((await drain(s, bucket, NOW + 1010)).tickets).toEqual([]);
    expect(await s.get(bucket)).toEqual(window(5, 4, NOW + 2000));
  });

  it('does not let a late answer from a window already over hold up the new one', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(5, 3, NOW + 1000), NOW);
    const late = await s.reserve(bucket, NOW + 1500);
    await s.release(bucket, (late as { ticket: number }).ticket, window(5, 0, NOW + 1000), NOW + 1600);
    expect((await drain(s, bucket, NOW + 1600)).tickets).toHaveLength(5);
  });

  it('does not pace a server that answers without rate-limit headers', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, null, NOW);
    const answers = await Promise.all(Array.from({ length: 50 }, () => s.reserve(bucket, NOW)));
    expect(answers.every((r) => r.ok)).toBe(true);
    expect(await s.get(bucket)).toBeUndefined();
  });

  it('sends the next request alone again when the probe got no answer', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, undefined, NOW);
    expect(await s.reserve(bucket, NOW)).toMatchObject({ ok: true });
    expect(await s.reserve(bucket, NOW)).toMatchObject({ ok: false });
  });

  it('sends one request to learn the new window when the last one left no room after its reset', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(0, 0, NOW + 1000), NOW);
    expect(await s.reserve(bucket, NOW + 500)).toEqual({ ok: false, retryInMs: 500 });
    expect(await s.reserve(bucket, NOW + 1000)).toMatchObject({ ok: true });
    expect(await s.reserve(bucket, NOW + 1000)).toMatchObject({ ok: false });
  });

  it('counts a request that got no answer (a network error) against the window', async () => {
    const s = store();
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(5, 4), NOW);
    const lost = await s.reserve(bucket, NOW);
    await s.release(bucket, (lost as { ticket: number }).ticket, undefined, NOW);
    expect(await s.get(bucket)).toMatchObject({ remaining: 3 });
  });

  it('frees the place of a request whose process died, when its lease runs out', async () => {
    const s = store({ leaseMs: 1000 });
    const bucket = freshBucket();
    expect(await s.reserve(bucket, NOW)).toMatchObject({ ok: true }); // the probe, never released
    expect(await s.reserve(bucket, NOW + 999)).toMatchObject({ ok: false });
    expect(await s.reserve(bucket, NOW + 1000)).toMatchObject({ ok: true });
  });

  it('records the window of a client with pacing off (ticket 0) without counting a request', async () => {
    const s = store();
    const bucket = freshBucket();
    await s.release(bucket, 0, window(300, 120), NOW);
    expect(await s.get(bucket)).toEqual(window(300, 120));
    expect((await drain(s, bucket)).tickets).toHaveLength(120);
  });

  it('never writes the API key to Redis: keys are the prefix and a non-reversible bucket id', async () => {
    const client = connection();
    const apiKey = 'om_test_NeverInRedisNeverInRedisNever001';
    const fetch = async (): Promise<Response> =>
      new Response('{"data":{}}', { headers: { 'content-type': 'application/json', 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 60) } });
    const api = createClient({ apiKey, baseUrl: 'http://127.0.0.1:9', fetch, rateLimit: { store: redisStore(client, { keyPrefix: 'secret-check:' }) } });
    await api.auth.me();
    await api.auth.me();
    const keys = (await client.keys('secret-check:*')).sort();
    // The in-flight set is gone too: Redis drops an empty sorted set.
    expect(keys).toEqual([expect.stringMatching(/^secret-check:\{key:[0-9a-f]{16}:default\}$/)]);
    const dump = JSON.stringify([keys, await client.hgetall(keys[0]!)]);
    expect(dump).not.toContain(apiKey.slice(8, 20));
    expect(await client.pttl(keys[0]!)).toBeGreaterThan(3_000_000);
  });

  it('loads its script again after Redis forgot it (SCRIPT FLUSH, as after a restart)', async () => {
    const client = connection();
    const s = redisStore(client);
    const bucket = freshBucket();
    await s.reserve(bucket, NOW);
    await client.script('FLUSH');
    expect(await s.reserve(bucket, NOW)).toEqual({ ok: false, retryInMs: 5 });
    expect(s.mode).toBe('redis');
  });

  it('works with a node-redis client (evalSha with keys and arguments)', async () => {
    const io = connection();
    const nodeRedis: NodeRedisLike = {
      evalSha: (sha, { keys, arguments: args }) => io.evalsha(sha, keys.length, ...keys, ...args),
      eval: (script, { keys, arguments: args }) => io.eval(script, keys.length, ...keys, ...args),
    };
    const s = redisStore(nodeRedis);
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(2, 1), NOW);
    expect((await drain(s, bucket)).tickets).toHaveLength(1);
    expect(s.mode).toBe('redis');
  });

  it('refuses something that is not a Redis client, and bad options', () => {
    expect(() => redisStore({} as never)).toThrow(/ioredis client.*node-redis client/);
    expect(() => redisStore(connection(), { timeoutMs: 0 })).toThrow(RangeError);
  });

  it('follows the memory store on the same sequence when answers come in order', async () => {
    const s = store();
    const memory = new MemoryRateLimitStore();
    const bucket = freshBucket();
    for (const target of [s, memory]) {
      const probe = await target.reserve(bucket, NOW);
      await target.release(bucket, (probe as { ticket: number }).ticket, window(8, 6), NOW);
    }
    const [shared, local] = [await drain(s, bucket), await drain(memory, bucket)];
    expect(shared.tickets.length).toBe(local.tickets.length);
    expect(shared.retryInMs).toBe(local.retryInMs);
  });
});

/** A real connection that can be switched off: while `down`, every command fails at once. */
function switchable(client: Redis) {
  const state = { down: false };
  const fail = () => Promise.reject(new Error('connection is closed'));
  return Object.assign(state, {
    client: {
      evalsha: (sha: string, n: number, ...rest: string[]) => (state.down ? fail() : client.evalsha(sha, n, ...rest)),
      eval: (script: string, n: number, ...rest: string[]) => (state.down ? fail() : client.eval(script, n, ...rest)),
    },
  });
}

describe('redisStore: a cold start', () => {
  it('lets 90 calls at once on a new budget meet at most 10 % 429s on the wire, and none reach the caller', async () => {
    const api = await startLimitedApi({ limit: 30, windowS: 3, jitterMs: 10, gatewayErrors: 1 });
    try {
      const client = createClient({ apiKey: 'om_test_ColdStartColdStartColdStart00001', baseUrl: api.url, rateLimit: { store: store({ keyPrefix: `cold-${Date.now()}:` }) }, logLevel: 'off' });
      const results = await Promise.allSettled(Array.from({ length: 90 }, () => client.auth.me()));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const stats = api.stats();
      expect(stats.rejected).toBeLessThanOrEqual(0.1 * stats.requests);
    } finally {
      await api.close();
    }
  }, 30_000);
});

describe('redisStore: when Redis fails', () => {
  it('treats a reply it does not understand as a failure, and paces locally', async () => {
    const s = redisStore({ evalsha: async () => 'OK', eval: async () => 'OK' });
    const reservation = await s.reserve(freshBucket(), NOW);
    expect(reservation).toMatchObject({ ok: true });
    expect(s.mode).toBe('local');
  });

  it('hands back to Redis, once it answers again, the places of releases it could not send', async () => {
    const io = connection();
    const link = switchable(io);
    const s = redisStore(link.client, { retryIntervalMs: 20 });
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(10, 9), NOW);
    const held = await s.reserve(bucket, NOW);
    expect((held as { ticket: number }).ticket).toBeGreaterThan(0);
    link.down = true;
    await s.release(bucket, (held as { ticket: number }).ticket, window(10, 8), NOW);
    expect(s.mode).toBe('local');
    expect(await io.zcard(`opsmerge:ratelimit:{${bucket}}:inflight`)).toBe(1); // still held in Redis
    link.down = false;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await s.get(bucket); // the first call after the interval asks Redis, and finds it back
    expect(s.mode).toBe('redis');
    await until(async () => (await io.zcard(`opsmerge:ratelimit:{${bucket}}:inflight`)) === 0);
    expect(await s.get(bucket)).toEqual(window(10, 8));
  });

  it('hands back a ticket Redis granted after the store stopped waiting for it', async () => {
    const io = connection();
    const s = redisStore(io, { timeoutMs: 50, retryIntervalMs: 20 });
    const bucket = freshBucket();
    server.pause();
    try {
      expect(((await s.reserve(bucket, NOW)) as { ticket: number }).ticket).toBeLessThan(0);
    } finally {
      server.resume();
    }
    // The queued reservation ran when Redis woke up, and was cancelled at once.
    await until(async () => (await io.exists(`opsmerge:ratelimit:{${bucket}}`)) === 1);
    await until(async () => (await io.zcard(`opsmerge:ratelimit:{${bucket}}:inflight`)) === 0);
  });

  it('paces locally within timeoutMs while Redis hangs, then goes back to Redis', async () => {
    const modes: RedisStoreMode[] = [];
    const s = store({ timeoutMs: 100, retryIntervalMs: 50, onModeChange: (mode) => modes.push(mode) });
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(10, 9), NOW);
    server.pause();
    try {
      const started = performance.now();
      const reservation = await s.reserve(bucket, NOW);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(reservation).toMatchObject({ ok: true });
      expect((reservation as { ticket: number }).ticket).toBeLessThan(0); // a local ticket
      expect(s.mode).toBe('local');
      // Local pacing knows the window the server last reported.
      expect(await s.get(bucket)).toEqual(window(10, 9));
      // Meanwhile no request waits for Redis again.
      const quick = performance.now();
      await s.reserve(bucket, NOW);
      expect(performance.now() - quick).toBeLessThan(50);
    } finally {
      server.resume();
    }
    await new Promise((resolve) => setTimeout(resolve, 60));
    await s.reserve(bucket, NOW);
    expect(s.mode).toBe('redis');
    expect(modes).toEqual(['local', 'redis']);
  });

  it('survives a Redis restart: local pacing meanwhile, shared again once Redis is back', async () => {
    const modes: RedisStoreMode[] = [];
    const s = store({ timeoutMs: 100, retryIntervalMs: 50, onModeChange: (mode) => modes.push(mode) }, connection(() => 20));
    const bucket = freshBucket();
    const probe = await s.reserve(bucket, NOW);
    await s.release(bucket, (probe as { ticket: number }).ticket, window(10, 9), NOW);
    await server.kill();
    try {
      const reservation = await s.reserve(bucket, NOW);
      expect(reservation).toMatchObject({ ok: true });
      expect(s.mode).toBe('local');
      await s.release(bucket, (reservation as { ticket: number }).ticket, window(10, 8), NOW);
    } finally {
      await server.restart();
    }
    const deadline = performance.now() + 5000;
    while (s.mode !== 'redis' && performance.now() < deadline) {
      await s.reserve(bucket, NOW);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(s.mode).toBe('redis');
    expect(modes).toEqual(['local', 'redis']);
    // Redis restarted empty and learns the budget again from the next answers.
    const after = await s.reserve(freshBucket(), NOW);
    expect(after).toMatchObject({ ok: true });
    expect((after as { ticket: number }).ticket).toBeGreaterThan(0);
  });
});
