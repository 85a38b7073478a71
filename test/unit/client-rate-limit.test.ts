import { describe, expect, it } from 'vitest';
import { createClient, MemoryRateLimitStore } from '../../src/index.js';
import { apiError, fakeFetch, json, me, TEST_KEY } from '../support/fake-fetch.js';

/** A fake API enforcing `limit` requests per 1-second window, per rate-limit group. */
function limitedApi(limit: number) {
  const counts = new Map<string, number>();
  let rejected = 0;
  const fake = fakeFetch((request) => {
    const window = Math.floor(Date.now() / 1000);
    const group = request.url.pathname.includes('/events/') ? 'events' : 'default';
    const key = `${group}:${window}`;
    const used = (counts.get(key) ?? 0) + 1;
    counts.set(key, used);
    const headers = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - used)), 'x-ratelimit-reset': String(window + 1) };
    if (used > limit) {
      rejected++;
      return apiError(429, 'RATE_LIMITED', 'API key rate limit exceeded', { ...headers, 'retry-after': '1' });
    }
    return json(200, me, headers);
  });
  return { fake, rejected: () => rejected };
}

describe('rate-limit pacing', () => {
  it('keeps a burst inside the budget: no 429 on the wire', async () => {
    const api = limitedApi(5);
    const client = createClient({ apiKey: TEST_KEY, fetch: api.fake.fetch, rateLimit: { store: new MemoryRateLimitStore() }, maxRetries: 0 });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.GET('/v1/auth/me')));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(api.rejected()).toBe(0);
    expect(api.fake.calls).toHaveLength(12);
  });

  it('sends a burst all at once with pacing off, and the server answers 429', async () => {
    const api = limitedApi(5);
    // The first window may be partly used by the previous test's clock second; start fresh.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    const client = createClient({ apiKey: TEST_KEY, fetch: api.fake.fetch, rateLimit: { mode: 'off', store: new MemoryRateLimitStore() }, maxRetries: 0 });
    await Promise.all(Array.from({ length: 12 }, () => client.GET('/v1/auth/me')));
    expect(api.rejected()).toBeGreaterThan(0);
  });

  it('exposes the last rate-limit state and the paced window', async () => {
    const fake = fakeFetch(() => json(200, me, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '287', 'x-ratelimit-reset': '1795689600' }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    await client.GET('/v1/auth/me');
    expect(client.rateLimit.last).toMatchObject({ limit: 300, remaining: 287, resetAt: 1795689600_000 });
    expect(await client.rateLimit.window()).toEqual({ limit: 300, remaining: 287, resetAt: 1795689600_000 });
    expect(await client.rateLimit.window('events')).toBeUndefined();
  });

  it('keeps the events group apart from the default budget', async () => {
    const store = new MemoryRateLimitStore();
    const fake = fakeFetch((r) =>
      json(r.url.pathname.includes('events') ? 202 : 200, { data: {} }, r.url.pathname.includes('events')
        ? { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '1795689600' }
        : { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '1795689600' }),
    );
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store } });
    await client.GET('/v1/auth/me');
    await client.POST('/v1/events/trigger', { body: { service_id: 'svc_01HZX7K2M3', summary: 'x', severity: 'info', source: 'NW-DC01' } });
    expect(await client.rateLimit.window('default')).toMatchObject({ limit: 300 });
    expect(await client.rateLimit.window('events')).toMatchObject({ limit: 100 });
  });

  it('ignores malformed rate-limit headers', async () => {
    const fake = fakeFetch(() => json(200, me, { 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-3', 'x-ratelimit-reset': 'tomorrow', ratelimit: '"x";r=;t=' }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    for (let i = 0; i < 3; i++) expect((await client.GET('/v1/auth/me')).response.status).toBe(200);
    expect(client.rateLimit.last).toBeUndefined();
  });

  it('reads the IETF RateLimit and RateLimit-Policy fields', async () => {
    const fake = fakeFetch(() => json(200, me, { 'ratelimit-policy': '"permin";q=300;w=60', ratelimit: '"permin";r=120;t=30' }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    const before = Date.now();
    await client.GET('/v1/auth/me');
    const last = client.rateLimit.last!;
    expect(last).toMatchObject({ limit: 300, remaining: 120 });
    expect(last.resetAt! - before).toBeGreaterThanOrEqual(29_000);
  });
});
