import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, createClient, MemoryRateLimitStore, RateLimitError, TimeoutError, type ClientOptions } from '../../src/index.js';
import { apiError, fakeFetch, json, me, TEST_KEY, type Handler } from '../support/fake-fetch.js';

const client = (handler: Handler, options: ClientOptions = {}) => {
  const fake = fakeFetch(handler);
  return { fake, client: createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() }, ...options }) };
};
const trigger = { service_id: 'svc_01HZX7K2M3', summary: 'Disk C: above 95% on NW-DC01', severity: 'critical', source: 'NW-DC01' } as const;
const reset = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }));

afterEach(() => {
  vi.useRealTimers();
});

describe('retries', () => {
  it.each([500, 502, 503, 504, 408, 429])('retries a GET after %i and succeeds', async (status) => {
    const { fake, client: c } = client((_, i) => (i === 0 ? apiError(status, 'INTERNAL_ERROR', 'x', { 'retry-after': '0' }) : json(200, me)));
    const { data } = await c.GET('/v1/auth/me');
    expect(data).toEqual(me);
    expect(fake.log()).toEqual(['GET /api/v1/auth/me', 'GET /api/v1/auth/me']);
  });

  it.each([400, 401, 403, 404, 409, 422, 501, 505])('never retries %i', async (status) => {
    const { fake, client: c } = client(() => apiError(status, 'BAD_REQUEST', 'no', { 'retry-after': '0' }));
    const { error, response } = await c.GET('/v1/auth/me');
    expect(response.status).toBe(status);
    expect(error).toBeDefined();
    expect(fake.calls).toHaveLength(1);
  });

  it('gives up after maxRetries and returns the last response', async () => {
    const { fake, client: c } = client(() => apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '0' }), { maxRetries: 3 });
    const { response } = await c.GET('/v1/auth/me');
    expect(response.status).toBe(503);
    expect(fake.calls).toHaveLength(4);
  });

  it('honours a per-request maxRetries', async () => {
    const { fake, client: c } = client(() => apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '0' }));
    await c.GET('/v1/auth/me', { maxRetries: 0 });
    expect(fake.calls).toHaveLength(1);
  });

  it('honours Retry-After to the millisecond', async () => {
    vi.useFakeTimers();
    const { fake, client: c } = client((_, i) => (i === 0 ? apiError(429, 'RATE_LIMITED', 'slow down', { 'retry-after': '3' }) : json(200, me)));
    const call = c.GET('/v1/auth/me');
    await vi.advanceTimersByTimeAsync(2999);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(fake.calls).toHaveLength(2);
  });

  it('honours a Retry-After HTTP-date', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T09:00:00Z') });
    const { fake, client: c } = client((_, i) => (i === 0 ? apiError(503, 'MAINTENANCE', 'brb', { 'retry-after': 'Sun, 22 Nov 2026 09:00:05 GMT' }) : json(200, me)));
    const call = c.GET('/v1/auth/me');
    await vi.advanceTimersByTimeAsync(4999);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await call;
    expect(fake.calls).toHaveLength(2);
  });

  it('throws RateLimitError at once when Retry-After is longer than maxRetryAfter (a daily quota)', async () => {
    const { fake, client: c } = client(() => apiError(429, 'QUOTA_EXCEEDED', 'Daily quota of 10000 requests is spent', { 'retry-after': '40000', 'x-ratelimit-limit': '10000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795776000' }));
    const started = Date.now();
    const error = await c.GET('/v1/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', retryAfterMs: 40_000_000, limit: 10000, remaining: 0 });
    expect((error as Error).message).toMatch(/^429 QUOTA_EXCEEDED on GET \/v1\/auth\/me \(request req_7f3c2a91b0d44e1f8a6c5d21\)/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls).toHaveLength(1);
  });

  it('uses full-jitter exponential backoff when there is no Retry-After', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { fake, client: c } = client(() => apiError(502, 'INTERNAL_ERROR', 'bad gateway'), { maxRetries: 2 });
    const call = c.GET('/v1/auth/me');
    await vi.advanceTimersByTimeAsync(498);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(fake.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(998);
    expect(fake.calls).toHaveLength(3);
    await call;
    vi.restoreAllMocks();
  });

  it('ends the call within 10 ms when aborted during backoff', async () => {
    const { client: c } = client(() => apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '30' }));
    const controller = new AbortController();
    const call = c.GET('/v1/auth/me', { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 20));
    const aborted = performance.now();
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - aborted).toBeLessThan(10);
  });

  it('times out a stalled response with TimeoutError, per attempt', async () => {
    const { fake, client: c } = client(() => new Promise<Response>(() => undefined), { timeout: 50, maxRetries: 1 });
    const error = await c.GET('/v1/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fake.calls).toHaveLength(2);
  });

  it('re-sends the request body on every attempt', async () => {
    const { fake, client: c } = client((_, i) => (i < 2 ? apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '0' }) : json(202, { data: { status: 'accepted', dedup_key: 'x', incident_id: 'inc_01HZX8A1B2', message: 'ok' } })));
    await c.POST('/v1/events/trigger', { body: trigger });
    expect(fake.calls).toHaveLength(3);
    expect(new Set(fake.calls.map((r) => r.body))).toEqual(new Set([JSON.stringify(trigger)]));
  });
});

describe('writes and idempotency keys', () => {
  it('adds one Idempotency-Key per call and reuses it on every attempt', async () => {
    const { fake, client: c } = client((_, i) => (i === 0 ? reset() : json(202, { data: {} })));
    await c.POST('/v1/events/trigger', { body: trigger });
    expect(fake.calls).toHaveLength(2);
    const keys = fake.calls.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('gives each call its own key', async () => {
    const { fake, client: c } = client(() => json(202, { data: {} }));
    await c.POST('/v1/events/trigger', { body: trigger });
    await c.POST('/v1/events/trigger', { body: trigger });
    expect(fake.calls[0]!.headers.get('idempotency-key')).not.toBe(fake.calls[1]!.headers.get('idempotency-key'));
  });

  it("uses the caller's key", async () => {
    const { fake, client: c } = client(() => json(202, { data: {} }));
    await c.POST('/v1/events/trigger', { body: trigger, idempotencyKey: 'nightly-sync-2026-11-22' });
    expect(fake.calls[0]!.headers.get('idempotency-key')).toBe('nightly-sync-2026-11-22');
  });

  it('sends a write without a key exactly once when the connection resets after sending', async () => {
    const { fake, client: c } = client(reset);
    const error = await c.POST('/v1/events/trigger', { body: trigger, idempotencyKey: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveSucceeded: true, method: 'POST', path: '/v1/events/trigger' });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.headers.has('idempotency-key')).toBe(false);
  });

  it('never retries a PATCH (the spec gives it no idempotency key) after a reset', async () => {
    const { fake, client: c } = client(reset);
    const error = await c.PATCH('/v1/tickets/{ticket_id}', { params: { path: { ticket_id: 'tkt_01HZX3K9Q4' } }, body: { priority: 'high' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectionError', mayHaveSucceeded: true });
    expect(fake.calls).toHaveLength(1);
  });

  it('retries a write without a key when the connection was refused (nothing was sent)', async () => {
    const refused = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    const { fake, client: c } = client((_, i) => (i === 0 ? refused() : json(202, { data: {} })));
    await c.POST('/v1/events/trigger', { body: trigger, idempotencyKey: false });
    expect(fake.calls).toHaveLength(2);
  });

  it('does not retry a write without a key after a 503', async () => {
    const { fake, client: c } = client(() => apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '0' }));
    await c.POST('/v1/events/trigger', { body: trigger, idempotencyKey: false });
    expect(fake.calls).toHaveLength(1);
  });

  it('rejects a malformed idempotency key, naming the option', async () => {
    const { fake, client: c } = client(() => json(202, { data: {} }));
    await expect(c.POST('/v1/events/trigger', { body: trigger, idempotencyKey: 'x' })).rejects.toMatchObject({ name: 'ConfigurationError', option: 'idempotencyKey' });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('the retry budget', () => {
  it('caps wire requests during an outage once spent, and refills after successes', async () => {
    let down = true;
    const { fake, client: c } = client(() => (down ? apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '0' }) : json(200, me)), { maxRetries: 2 });
    for (let i = 0; i < 300; i++) await c.GET('/v1/auth/me');
    const spent = fake.calls.length;
    // 500 tokens at 5 per retry: at most 100 retries over 300 calls.
    expect(spent).toBeLessThanOrEqual(300 + 100);
    const before = fake.calls.length;
    for (let i = 0; i < 100; i++) await c.GET('/v1/auth/me');
    expect(fake.calls.length - before).toBe(100); // spent: no retries at all
    down = false;
    for (let i = 0; i < 50; i++) await c.GET('/v1/auth/me');
    down = true;
    const afterRefill = fake.calls.length;
    await c.GET('/v1/auth/me');
    expect(fake.calls.length - afterRefill).toBe(3); // refilled: retries again
  });
});
