import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, createClient, MemoryRateLimitStore, SunsetError, type ClientOptions, type DeprecationNotice } from '../../src/index.js';
import { resetProcessDeprecationWarnings } from '../../src/transport/deprecation.js';
import { fakeFetch, json, me, TEST_KEY, type Handler } from '../support/fake-fetch.js';

const client = (handler: Handler, options: ClientOptions = {}) => {
  const fake = fakeFetch(handler);
  return { fake, client: createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() }, ...options }) };
};
const page = { data: { items: [], total: 0, page: 1, per_page: 50 } };
const deprecationHeaders = {
  deprecation: '@1788220800',
  sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
  link: '<https://app.opsmerge.cloud/api/docs/changelog#alerts-active>; rel="deprecation"; type="text/html"',
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  resetProcessDeprecationWarnings();
});

describe('deprecation warnings', () => {
  it('warns once per deprecated operation per client, with dates, successor and link', async () => {
    const notices: DeprecationNotice[] = [];
    const { client: c } = client(() => json(200, page, deprecationHeaders), { onDeprecation: (n) => notices.push(n) });
    await c.GET('/v1/active-alerts');
    await c.GET('/v1/active-alerts');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      operationId: 'alerts_listActive',
      successor: 'alerts_list',
      deprecatedAt: new Date('2026-09-01T00:00:00Z'),
      sunsetAt: new Date('2027-06-30T00:00:00Z'),
      link: 'https://app.opsmerge.cloud/api/docs/changelog#alerts-active',
    });
    expect(notices[0]!.message).toBe(
      'OpsMerge API: GET /v1/active-alerts (alerts_listActive) is deprecated since 2026-09-01 and stops working on 2027-06-30; use alerts_list instead. See https://app.opsmerge.cloud/api/docs/changelog#alerts-active.',
    );
  });

  it('hides a credential the server put in the deprecation link', async () => {
    const notices: DeprecationNotice[] = [];
    const { client: c } = client(() => json(200, page, { ...deprecationHeaders, link: `<https://docs.example/changelog?token=t0k3n-value&v=2#${TEST_KEY}>; rel="deprecation"` }), { onDeprecation: (n) => notices.push(n) });
    await c.GET('/v1/active-alerts');
    expect(notices[0]?.link).toBe('https://docs.example/changelog?token=REDACTED&v=2#REDACTED');
    expect(notices[0]?.message).not.toContain('t0k3n-value');
    expect(notices[0]?.message).not.toContain(TEST_KEY);
  });

  it('warns from the spec even when the server sends no headers', async () => {
    const notices: DeprecationNotice[] = [];
    const { client: c } = client(() => json(200, page), { onDeprecation: (n) => notices.push(n) });
    await c.GET('/v1/active-alerts');
    expect(notices[0]).toMatchObject({ operationId: 'alerts_listActive', sunsetAt: new Date('2027-06-30T00:00:00Z') });
  });

  it('warns for an operation the spec does not mark, when the server sends Deprecation', async () => {
    const notices: DeprecationNotice[] = [];
    const { client: c } = client(() => json(200, me, { deprecation: '@1788220800' }), { onDeprecation: (n) => notices.push(n) });
    await c.GET('/v1/auth/me');
    expect(notices[0]).toMatchObject({ operationId: 'auth_me', deprecatedAt: new Date('2026-09-01T00:00:00Z') });
  });

  it('ignores malformed Deprecation and Sunset values instead of throwing', async () => {
    const notices: DeprecationNotice[] = [];
    const { client: c } = client(() => json(200, me, { deprecation: 'soon-ish', sunset: 'never' }), { onDeprecation: (n) => notices.push(n) });
    const { data } = await c.GET('/v1/auth/me');
    expect(data).toEqual(me);
    expect(notices).toEqual([]);
  });

  it('emits a Node DeprecationWarning with code OPSMERGE_DEPRECATED by default', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const { client: c } = client(() => json(200, page, deprecationHeaders));
    await c.GET('/v1/active-alerts');
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]![1]).toEqual({ type: 'DeprecationWarning', code: 'OPSMERGE_DEPRECATED' });
  });

  it('writes the process warning once per operation per process, however many clients call it', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let i = 0; i < 5; i += 1) {
      const { client: c } = client(() => json(200, page, deprecationHeaders));
      await c.GET('/v1/active-alerts');
      await c.GET('/v1/active-alerts');
    }
    expect(emit).toHaveBeenCalledTimes(1);
    // Another deprecated operation still gets its own warning.
    const { client: c } = client(() => json(200, me, { deprecation: '@1788220800' }));
    await c.GET('/v1/auth/me');
    expect(emit).toHaveBeenCalledTimes(2);
    expect(String(emit.mock.calls[1]![0])).toContain('auth_me');
  });

  it('calls each client\'s onDeprecation hook once per operation, whatever other clients did', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const first: string[] = [];
    const second: string[] = [];
    const a = client(() => json(200, page, deprecationHeaders), { onDeprecation: (n) => first.push(n.operationId) }).client;
    const b = client(() => json(200, page, deprecationHeaders), { onDeprecation: (n) => second.push(n.operationId) }).client;
    const silentDefault = client(() => json(200, page, deprecationHeaders)).client;
    for (const c of [a, b, silentDefault, a, b, silentDefault]) await c.GET('/v1/active-alerts');
    expect(first).toEqual(['alerts_listActive']);
    expect(second).toEqual(['alerts_listActive']);
    // A client with a hook does not use up the process warning of the clients without one.
    expect(emit).toHaveBeenCalledTimes(1);
  });

  it("is silent with deprecations: 'off'", async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const { client: c } = client(() => json(200, page, deprecationHeaders), { deprecations: 'off' });
    await c.GET('/v1/active-alerts');
    expect(emit).not.toHaveBeenCalled();
  });

  it("throws SunsetError before sending a call past its sunset with deprecations: 'error'", async () => {
    vi.useFakeTimers({ now: Date.parse('2027-07-01T00:00:00Z'), toFake: ['Date'] });
    const { fake, client: c } = client(() => json(200, page), { deprecations: 'error', onDeprecation: () => undefined });
    const error = await c.GET('/v1/active-alerts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SunsetError);
    expect((error as Error).message).toMatch(/alerts_listActive .* reached its sunset on 2027-06-30.*use alerts_list instead/);
    expect(fake.calls).toHaveLength(0);
  });

  it("still sends before the sunset with deprecations: 'error'", async () => {
    vi.useFakeTimers({ now: Date.parse('2027-06-29T23:59:59Z'), toFake: ['Date'] });
    const { fake, client: c } = client(() => json(200, page), { deprecations: 'error', onDeprecation: () => undefined });
    await c.GET('/v1/active-alerts');
    expect(fake.calls).toHaveLength(1);
  });
});

describe('stability tiers at run time', () => {
  it('refuses a beta operation on a default client, naming the option, before sending', async () => {
    const { fake, client: c } = client(() => json(200, page));
    // As JavaScript would: the types of a default client do not offer beta paths.
    const untyped = c.GET as unknown as (path: string) => Promise<unknown>;
    const error = await untyped('/v1/audit-log').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("createClient({ stability: 'beta' })");
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses an internal operation on a beta client and allows it on an internal one', async () => {
    const fake = fakeFetch(() => json(200, page));
    const store = new MemoryRateLimitStore();
    const beta = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store }, stability: 'beta' });
    await beta.GET('/v1/audit-log');
    const untyped = beta.GET as unknown as (path: string, init: unknown) => Promise<unknown>;
    await expect(untyped('/v1/internal/settings/{panel}', { params: { path: { panel: 'general' } } })).rejects.toThrow(/stability: 'internal'/);
    const internal = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store }, stability: 'internal' });
    await internal.GET('/v1/internal/settings/{panel}', { params: { path: { panel: 'general' } } });
    expect(fake.calls).toHaveLength(2);
  });
});
