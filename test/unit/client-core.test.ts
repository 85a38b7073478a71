import { describe, expect, it } from 'vitest';
import * as core from '../../src/core.js';
import * as full from '../../src/index.js';
import { apiError, fakeFetch, json, me, TEST_KEY } from '../support/fake-fetch.js';

function pair(handler: Parameters<typeof fakeFetch>[0]) {
  const fakeCore = fakeFetch(handler);
  const fakeFull = fakeFetch(handler);
  const options = { apiKey: TEST_KEY, headers: { 'x-tenant': 'northwind' }, maxRetries: 0 };
  return {
    coreClient: core.createCoreClient({ ...options, fetch: fakeCore.fetch, rateLimit: { store: new core.MemoryRateLimitStore() } }),
    fullClient: full.createClient({ ...options, fetch: fakeFull.fetch, rateLimit: { store: new full.MemoryRateLimitStore() } }),
    fakeCore,
    fakeFull,
  };
}

const wire = (c: { method: string; url: URL; headers: Headers; body: string }) => ({ method: c.method, url: c.url.href, headers: [...c.headers.entries()], body: c.body });

describe('@opsmerge/sdk/core', () => {
  it('is the low-level client alone: no resource facade', () => {
    const { coreClient, fullClient } = pair(() => json(200, me));
    expect(typeof coreClient.GET).toBe('function');
    expect((coreClient as unknown as Record<string, unknown>)['agents']).toBeUndefined();
    expect(typeof (fullClient as unknown as Record<string, Record<string, unknown>>)['agents']!['list']).toBe('function');
    expect({ baseUrl: coreClient.baseUrl, stability: coreClient.stability }).toEqual({ baseUrl: full.SANDBOX_URL, stability: 'stable' });
  });

  it('sends the same request and returns the same result as the full client', async () => {
    const page = { data: { items: [], total: 0, page: 1, per_page: 100 } };
    const { coreClient, fullClient, fakeCore, fakeFull } = pair(() => json(200, page, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '1795689600' }));
    const a = await coreClient.GET('/v1/agents', { params: { query: { status: 'online', per_page: 100 } } });
    const b = await fullClient.GET('/v1/agents', { params: { query: { status: 'online', per_page: 100 } } });
    expect(wire(fakeCore.calls[0]!)).toEqual(wire(fakeFull.calls[0]!));
    expect(a.data).toEqual(b.data);
    expect(a.response.status).toBe(b.response.status);
    expect(coreClient.rateLimit.last).toEqual(fullClient.rateLimit.last);
    expect(coreClient.rateLimit.last).toMatchObject({ limit: 300, remaining: 7 });
    const body = { name: 'Nightly sync', preset: 'read' as const };
    await coreClient.POST('/v1/api-keys', { body, idempotencyKey: 'same-key-for-both-1' } as never);
    await fullClient.POST('/v1/api-keys', { body, idempotencyKey: 'same-key-for-both-1' } as never);
    expect(wire(fakeCore.calls[1]!)).toEqual(wire(fakeFull.calls[1]!));
  });

  it('reports errors alike, with the classes both entries export', async () => {
    const { coreClient, fullClient } = pair(() => apiError(404, 'NOT_FOUND', 'No such resource: agt_01HZX4C9P2'));
    const a = await coreClient.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_01HZX4C9P2' } } });
    const b = await fullClient.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_01HZX4C9P2' } } });
    expect(a.error).toEqual(b.error);
    expect(core.ApiError).toBe(full.ApiError);
    const broken = pair(() => new Response('<html>proxy</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(broken.coreClient.GET('/v1/auth/me')).rejects.toBeInstanceOf(core.ResponseParseError);
    await expect(broken.fullClient.GET('/v1/auth/me')).rejects.toBeInstanceOf(full.ResponseParseError);
  });

  it('validates its options like createClient, without echoing the key', () => {
    const bad = 'om_test_short-and-secret';
    for (const create of [core.createCoreClient, full.createClient]) {
      expect(() => create({ apiKey: bad })).toThrow(core.ConfigurationError);
      try {
        create({ apiKey: bad });
      } catch (error) {
        expect(String((error as Error).message)).not.toContain('short-and-secret');
      }
    }
  });
});
