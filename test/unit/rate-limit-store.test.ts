import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, type RateLimitWindow, type Reservation } from '../../src/index.js';

const NOW = Date.parse('2026-11-22T09:00:00Z');
const ticketOf = (r: Reservation): number => (r as { ticket: number }).ticket;
const window = (limit: number, remaining: number, resetAt = NOW + 60_000): RateLimitWindow => ({ limit, remaining, resetAt });

describe('MemoryRateLimitStore before it knows the budget', () => {
  it('sends one probe alone, then paces by the window its answer told', () => {
    const store = new MemoryRateLimitStore();
    const probe = store.reserve('b', NOW);
    expect(probe.ok).toBe(true);
    expect(store.reserve('b', NOW)).toEqual({ ok: false, retryInMs: 5 });
    store.release('b', ticketOf(probe), window(3, 2));
    expect([store.reserve('b', NOW).ok, store.reserve('b', NOW).ok, store.reserve('b', NOW).ok]).toEqual([true, true, false]);
  });

  it('stops pacing a server that answers without rate-limit headers', () => {
    const store = new MemoryRateLimitStore();
    store.release('b', ticketOf(store.reserve('b', NOW)), null);
    expect(Array.from({ length: 50 }, () => store.reserve('b', NOW).ok).every(Boolean)).toBe(true);
  });

  it('keeps sending one request at a time while the probes get no answer (a network error, a gateway 502)', () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 3; i++) {
      const probe = store.reserve('b', NOW);
      expect(probe.ok).toBe(true);
      expect(store.reserve('b', NOW).ok).toBe(false);
      store.release('b', ticketOf(probe), undefined);
    }
  });

  it('sends one request to learn the new window when the last one left no room after its reset', () => {
    const store = new MemoryRateLimitStore();
    store.release('b', ticketOf(store.reserve('b', NOW)), window(0, 0, NOW + 1000));
    expect(store.reserve('b', NOW + 500)).toEqual({ ok: false, retryInMs: 500 });
    const learn = store.reserve('b', NOW + 1000);
    expect(learn.ok).toBe(true);
    expect(store.reserve('b', NOW + 1000)).toEqual({ ok: false, retryInMs: 50 });
    store.release('b', ticketOf(learn), window(10, 9, NOW + 2000));
    expect(store.reserve('b', NOW + 1000).ok).toBe(true);
  });
});
