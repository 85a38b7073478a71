import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../mocks/index.js';
import { call, useMockApi } from './helpers.js';

const { api, server } = useMockApi({ seed: 41, rateLimits: { default: { limit: 3, windowMs: 2_000 }, events: { limit: 2 } } });

describe('rate limits', () => {
  it('sends X-RateLimit-Limit, -Remaining and -Reset on every response, counting down', async () => {
    const first = await call(api, 'agents_list');
    const second = await call(api, 'checks_list');
    expect(first.headers.get('x-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3);
  });

  it('answers 429 RATE_LIMITED with Retry-After once the window is spent', async () => {
    for (let i = 0; i < 3; i++) expect((await call(api, 'agents_list')).status).toBe(200);
    const limited = await call(api, 'agents_list');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
  });

  it('opens a new window when the old one ends', async () => {
    for (let i = 0; i < 3; i++) await call(api, 'agents_list');
    expect((await call(api, 'agents_list')).status).toBe(429);
    api.advanceTime(2_000);
    const res = await call(api, 'agents_list');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('opens a new window with real time too', async () => {
    for (let i = 0; i < 3; i++) await call(api, 'agents_list');
    expect((await call(api, 'agents_list')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 2_050));
    expect((await call(api, 'agents_list')).status).toBe(200);
  });

  it('limits per key, not per caller', async () => {
    const { key } = api.addApiKey();
    for (let i = 0; i < 3; i++) await call(api, 'agents_list');
    expect((await call(api, 'agents_list')).status).toBe(429);
    expect((await call(api, 'agents_list', { key })).status).toBe(200);
  });

  it('gives the events endpoints their own budget', async () => {
    for (let i = 0; i < 3; i++) await call(api, 'agents_list');
    const body = { service_id: api.store.data.services[0]!.id, summary: 'Disk full', severity: 'critical', source: 'NW-SQL01' };
    const first = await call(api, 'events_trigger', { body });
    expect(first.status).toBe(202);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    await call(api, 'events_trigger', { body });
    expect((await call(api, 'events_trigger', { body })).status).toBe(429);
  });

  it('uses the spec budgets by default: 300 per minute, events 100 per minute', async () => {
    const defaults = createMockApi({ seed: 41, baseUrl: 'https://defaults.example/api' });
    server.use(...defaults.handlers);
    expect((await call(defaults, 'agents_list')).headers.get('x-ratelimit-limit')).toBe('300');
    const body = { service_id: defaults.store.data.services[0]!.id, summary: 'Disk full', severity: 'critical', source: 'NW-SQL01' };
    expect((await call(defaults, 'events_trigger', { body })).headers.get('x-ratelimit-limit')).toBe('100');
  });

  it('does not count requests without a valid key', async () => {
    for (let i = 0; i < 5; i++) expect((await call(api, 'agents_list', { key: null })).status).toBe(401);
    expect((await call(api, 'agents_list')).headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('answers 429 QUOTA_EXCEEDED once a daily quota is spent', async () => {
    const quota = createMockApi({ seed: 41, dailyQuota: 2, baseUrl: 'https://quota.example/api' });
    server.use(...quota.handlers);
    await call(quota, 'agents_list');
    const me = await call(quota, 'auth_me');
    expect(me.body.data.rate_limit.daily_quota).toBe(2);
    const over = await call(quota, 'agents_list');
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('request ids', () => {
  it('sends X-Request-Id on every response, equal to error.request_id in errors', async () => {
    const ok = await call(api, 'agents_list');
    expect(ok.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    const error = await call(api, 'agents_list', { key: null });
    expect(error.body.error.request_id).toBe(error.headers.get('x-request-id'));
    expect(error.headers.get('x-request-id')).not.toBe(ok.headers.get('x-request-id'));
  });
});
