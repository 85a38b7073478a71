/**
 * A new client that fires many calls at once knows nothing of its key's budget yet: one request
 * goes first and learns it from its headers, and the rest are paced by what it learned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLimitedApi, type LimitedApi } from '../fleet/limited-api.js';
import { faultClient } from './helpers.js';

let api: LimitedApi | undefined;
afterEach(() => api?.close());

/** 90 calls at once on a new client; what reached the caller. */
async function burst(server: LimitedApi, calls = 90): Promise<unknown[]> {
  const client = faultClient(server);
  const results = await Promise.allSettled(Array.from({ length: calls }, () => client.auth.me()));
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
}

describe('cold start: 90 concurrent calls on a new client, against 30 requests per 3 seconds', () => {
  it('lets no 429 reach the caller, and at most 10 % of the wire requests meet one', async () => {
    api = await startLimitedApi({ limit: 30, windowS: 3, jitterMs: 10 });
    expect(await burst(api)).toEqual([]);
    const stats = api.stats();
    expect(stats.rejected).toBeLessThanOrEqual(0.1 * stats.requests);
    expect(Math.max(...stats.acceptedByWindow.values())).toBeLessThanOrEqual(30);
  }, 30_000);

  it('keeps pacing when the first answers come from a gateway without rate-limit headers', async () => {
    api = await startLimitedApi({ limit: 30, windowS: 3, jitterMs: 10, gatewayErrors: 2 });
    expect(await burst(api)).toEqual([]);
    const stats = api.stats();
    expect(stats.rejected).toBeLessThanOrEqual(0.1 * stats.requests);
  }, 30_000);
});
