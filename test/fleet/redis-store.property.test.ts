import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, type RateLimitWindow } from '../../src/index.js';
import { redisStore, type RedisRateLimitStore } from '../../src/rate-limit/redis-store.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

let server: RedisServer;
let redis: Redis;
let shared: RedisRateLimitStore;
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.port, '127.0.0.1');
  shared = redisStore(redis);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

const LIMIT = 6;
type Op =
  | { kind: 'reserve'; advanceMs: number }
  | { kind: 'release'; pick: number; answer: { remaining: number; windowsAhead: number } | null | undefined; advanceMs: number };

const advance = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 }), fc.constant(1000));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('reserve' as const), advanceMs: advance }),
  fc.record({
    kind: fc.constant('release' as const),
    pick: fc.nat(),
    // An answer for the current window or a later one; one without headers (null); or none (undefined: a network error).
    answer: fc.oneof(
      fc.record({ remaining: fc.integer({ min: 0, max: LIMIT }), windowsAhead: fc.integer({ min: 0, max: 2 }) }),
      fc.constant(null),
      fc.constant(undefined),
    ),
    advanceMs: advance,
  }),
);

let run = 0;

describe('redisStore decides like MemoryRateLimitStore', () => {
  it('gives the same answers to any sequence of reservations and (out-of-order) releases', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const bucket = `key:${(++run).toString(16).padStart(16, '0')}:default`;
        const memory = new MemoryRateLimitStore();
        let now = Date.parse('2026-11-22T09:00:00.000Z');
        const inFlight: [shared: number, local: number][] = [];
        for (const step of ops) {
          now += step.advanceMs;
          if (step.kind === 'reserve') {
            const [a, b] = [await shared.reserve(bucket, now), memory.reserve(bucket, now)];
            expect(a.ok).toBe(b.ok);
            if (a.ok && b.ok) inFlight.push([a.ticket, b.ticket]);
            else expect(a).toEqual(b);
          } else if (inFlight.length > 0) {
            const [ticketA, ticketB] = inFlight.splice(step.pick % inFlight.length, 1)[0]!;
            const windowEnd = Math.floor(now / 1000) * 1000 + 1000 * (1 + (step.answer?.windowsAhead ?? 0));
            const observed: RateLimitWindow | null | undefined = step.answer && { limit: LIMIT, remaining: step.answer.remaining, resetAt: windowEnd };
            await shared.release(bucket, ticketA, observed, now);
            memory.release(bucket, ticketB, observed);
          }
          expect(await shared.get(bucket)).toEqual(memory.get(bucket));
        }
      }),
      { numRuns: 150 },
    );
    expect(shared.mode).toBe('redis');
  }, 60_000);
});
