import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../../src/index.js';
import { startLimitedApi, type LimitedApi } from '../fleet/limited-api.js';
import { faultClient } from './helpers.js';

let api: LimitedApi;
beforeAll(async () => {
  // Answers delayed by 0–15 ms at random overtake each other, as real ones do.
  api = await startLimitedApi({ limit: 40, windowS: 2, jitterMs: 15 });
});
afterAll(() => api.close());

describe('pacing when answers come back out of order', () => {
  it('keeps counting every request in flight after an answer for a later one arrives', () => {
    const store = new MemoryRateLimitStore();
    const now = Date.parse('2026-11-22T09:00:00Z');
    const probe = store.reserve('b', now);
    store.release('b', (probe as { ticket: number }).ticket, { limit: 10, remaining: 10, resetAt: now + 60_000 });
    const tickets: number[] = [];
    for (let r = store.reserve('b', now); r.ok; r = store.reserve('b', now)) tickets.push(r.ticket);
    expect(tickets).toHaveLength(10);
    // The last request was answered first: the server has counted it alone so far, and the 9
    // before it are still on their way. Nothing more may go.
    store.release('b', tickets.at(-1)!, { limit: 10, remaining: 9, resetAt: now + 60_000 });
    expect(store.reserve('b', now)).toEqual({ ok: false, retryInMs: 60_000 });
    // As the others come back, the reported remaining is the truth again.
    for (const [i, ticket] of tickets.slice(0, -1).entries()) store.release('b', ticket, { limit: 10, remaining: 8 - i, resetAt: now + 60_000 });
    expect(store.reserve('b', now)).toEqual({ ok: false, retryInMs: 60_000 });
  });

  it('sends no 429 when 32 concurrent calls share a window of 40 (3 windows of calls)', async () => {
    const client = faultClient(api, { maxRetries: 0 });
    let next = 0;
    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < 100) {
          next++;
          await client.auth.me().catch((error: unknown) => failures.push(error));
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(api.stats()).toMatchObject({ requests: 100, rejected: 0 });
  }, 30_000);
});
