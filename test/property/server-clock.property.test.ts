import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../src/headers/rate-limit.js';
import { CLOCK_TOLERANCE_MS, clockOffsetMs, retryAfterFromHeaders } from '../../src/headers/server-clock.js';
import { httpDate } from '../faults/http-date.js';

const DAY_MS = 86_400_000;
const imf = (ms: number): string => httpDate(ms, 'IMF-fixdate');

/**
 * One response in a world with two clocks: the server writes its headers at `serverMs` (its own
 * clock), they reach the client `latencyMs` later, and the client's clock reads `skewMs` more
 * than the server's. The server names a moment `waitS` whole seconds after its `Date` header.
 */
const world = fc.record({
  serverMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
  latencyMs: fc.integer({ min: 0, max: 900 }),
  skewMs: fc.oneof(fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }), fc.integer({ min: -5000, max: 5000 })),
  waitS: fc.integer({ min: 0, max: 3600 }),
});
type World = { serverMs: number; latencyMs: number; skewMs: number; waitS: number };

function observe({ serverMs, latencyMs, skewMs, waitS }: World) {
  const dateMs = Math.floor(serverMs / 1000) * 1000;
  const targetMs = dateMs + waitS * 1000; // on the server's clock
  const clientNowMs = serverMs + latencyMs + skewMs;
  // How long is really left when the response arrives, by the server's clock.
  const trueWaitMs = Math.max(0, targetMs - (serverMs + latencyMs));
  return { dateMs, targetMs, clientNowMs, trueWaitMs };
}

/** The two ways a response names a moment on the server's clock, read as a wait on the client's. */
const READERS = {
  'Retry-After as an HTTP-date': (w: ReturnType<typeof observe>) =>
    retryAfterFromHeaders(new Headers({ date: imf(w.dateMs), 'retry-after': imf(w.targetMs) }), w.clientNowMs)!,
  'X-RateLimit-Reset': (w: ReturnType<typeof observe>) => {
    const info = parseRateLimitHeaders(new Headers({ date: imf(w.dateMs), 'x-ratelimit-reset': String(w.targetMs / 1000) }), w.clientNowMs);
    return Math.max(0, info!.resetAt! - w.clientNowMs);
  },
};

describe.each(Object.entries(READERS))('%s, corrected by the Date header', (_, read) => {
  it('is never longer than the true wait plus the Date header’s second and the latency', () => {
    fc.assert(
      fc.property(world, (input) => {
        const w = observe(input);
        expect(read(w)).toBeLessThanOrEqual(w.trueWaitMs + 1000 + input.latencyMs);
      }),
      { numRuns: 500 },
    );
  });

  it('is never shorter than the true wait by more than the tolerance', () => {
    fc.assert(
      fc.property(world, (input) => {
        const w = observe(input);
        expect(read(w)).toBeGreaterThanOrEqual(w.trueWaitMs - CLOCK_TOLERANCE_MS);
      }),
      { numRuns: 500 },
    );
  });

  it('is never shorter than the true wait when the client clock is clearly off', () => {
    fc.assert(
      fc.property(
        world.filter((input) => input.skewMs >= CLOCK_TOLERANCE_MS || input.skewMs < -1000 - input.latencyMs),
        (input) => {
          const w = observe(input);
          expect(read(w)).toBeGreaterThanOrEqual(w.trueWaitMs);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['10 minutes ahead', 600_000],
    ['10 minutes behind', -600_000],
    ['in step', 0],
  ])('turns a 4-second wait into 4 to 5 seconds with the client clock %s', (_label, skewMs) => {
    const w = observe({ serverMs: Date.UTC(2026, 10, 22, 9, 0, 0, 400), latencyMs: 30, skewMs, waitS: 4 });
    expect(read(w)).toBeGreaterThanOrEqual(3000);
    expect(read(w)).toBeLessThanOrEqual(5000);
    if (skewMs !== 0) expect(read(w)).toBe(4000);
  });
});

describe('clockOffsetMs', () => {
  it('is 0 when clocks agree within the tolerance, and the Date minus now otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }), (serverS, aheadMs) => {
        const dateMs = Math.floor(serverS / 1000) * 1000;
        const offset = clockOffsetMs(imf(dateMs), dateMs + aheadMs);
        if (aheadMs >= 0 && aheadMs < CLOCK_TOLERANCE_MS) expect(offset).toBe(0);
        else expect(offset).toBe(-aheadMs);
      }),
    );
  });

  it('is 0 for an absent or malformed Date, whatever its text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(null), fc.string(), fc.constant('Sun, 31 Feb 2026 09:00:00 GMT')), (date) => {
        expect(clockOffsetMs(date, Date.UTC(2026, 10, 22))).toBe(0);
      }),
    );
  });

  it('keeps every wait finite and non-negative, whatever Date a server sends', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), fc.nat({ max: 10_000 }), (date, waitS) => {
        const nowMs = Date.UTC(2026, 10, 22);
        const headers = new Headers({ date: imf(date.getTime()), 'retry-after': imf(nowMs + waitS * 1000) });
        const wait = retryAfterFromHeaders(headers, nowMs);
        expect(Number.isFinite(wait) && wait! >= 0).toBe(true);
      }),
    );
  });
});

describe('without a Date header', () => {
  it('reads the times on the client clock, as before', () => {
    const nowMs = Date.UTC(2026, 10, 22, 9, 0, 0);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': imf(nowMs + 4000) }), nowMs)).toBe(4000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '7' }), nowMs)).toBe(7000);
    expect(parseRateLimitHeaders(new Headers({ 'x-ratelimit-reset': String(nowMs / 1000 + 4) }), nowMs)?.resetAt).toBe(nowMs + 4000);
  });

  it('ignores the Date header for delay-seconds', () => {
    const nowMs = Date.UTC(2026, 10, 22, 9, 0, 0);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '7', date: imf(nowMs - 3_600_000) }), nowMs)).toBe(7000);
  });
});
