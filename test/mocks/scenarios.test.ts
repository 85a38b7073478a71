import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../mocks/index.js';
import { call, urlOf, useMockApi } from './helpers.js';

const { api, server } = useMockApi({ seed: 71 });

describe('scenarios', () => {
  it('rate-limited: every request gets 429 RATE_LIMITED with Retry-After', async () => {
    api.scenario('rate-limited', { retryAfterSeconds: 7 });
    for (const id of ['agents_list', 'auth_me'] as const) {
      const res = await call(api, id);
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    }
  });

  it('flaky: the first N requests per operation get 503 with Retry-After: 1, then answers are normal', async () => {
    api.scenario('flaky', { failures: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(api, 'agents_list');
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.headers.get('retry-after')).toBe('1');
        expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      }
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect((await call(api, 'tickets_list')).status).toBe(503);
  });

  it('outage: 503 SERVICE_UNAVAILABLE every time', async () => {
    api.scenario('outage');
    for (let i = 0; i < 3; i++) {
      const res = await call(api, 'tickets_list');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('maintenance: 503 MAINTENANCE with Retry-After', async () => {
    api.scenario('maintenance', { retryAfterSeconds: 120 });
    const res = await call(api, 'agents_list');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('MAINTENANCE');
    expect(res.headers.get('retry-after')).toBe('120');
  });

  it('slow: answers normally after the configured latency', async () => {
    api.scenario('slow', { latencyMs: 300 });
    const started = performance.now();
    const res = await call(api, 'agents_list');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    api.scenario('malformed');
    const res = await call(api, 'agents_list', { unchecked: true });
    expect(res.status).toBe(200);
    expect(res.response.headers.get('content-type')).toBe('application/json');
    expect(res.response.headers.get('x-request-id')).toMatch(/^req_/);
    await expect(res.response.json()).rejects.toThrow(SyntaxError);
  });

  it('network-error: fetch rejects', async () => {
    api.scenario('network-error');
    await expect(fetch(urlOf(api, 'agents_list'), { headers: { Authorization: `Bearer ${api.testKey}` } })).rejects.toThrow(TypeError);
  });

  it('can be limited to some operations', async () => {
    api.scenario('outage', { operations: ['tickets_list'] });
    expect((await call(api, 'tickets_list')).status).toBe(503);
    expect((await call(api, 'agents_list')).status).toBe(200);
  });

  it('switch off with the returned function, and on reset', async () => {
    const off = api.scenario('outage');
    expect((await call(api, 'agents_list')).status).toBe(503);
    off();
    expect((await call(api, 'agents_list')).status).toBe(200);
    api.scenario('outage');
    api.reset();
    expect((await call(api, 'agents_list')).status).toBe(200);
  });

  it('can be switched on from createMockApi options, and come back after reset', async () => {
    const failing = createMockApi({ seed: 71, baseUrl: 'https://failing.example/api', scenarios: [{ name: 'maintenance', retryAfterSeconds: 30 }] });
    server.use(...failing.handlers);
    expect((await call(failing, 'agents_list')).body.error.code).toBe('MAINTENANCE');
    failing.reset();
    expect((await call(failing, 'agents_list')).body.error.code).toBe('MAINTENANCE');
  });

  it('reject unknown names', () => {
    expect(() => api.scenario('chaos' as never)).toThrow(/Unknown scenario "chaos"/);
  });
});
