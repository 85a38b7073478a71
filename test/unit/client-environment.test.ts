import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, MemoryRateLimitStore, PRODUCTION_URL, SANDBOX_URL } from '../../src/index.js';
import { fakeFetch, json, LIVE_KEY, me, TEST_KEY } from '../support/fake-fetch.js';

const fresh = () => ({ rateLimit: { store: new MemoryRateLimitStore() } });

describe('createClient environments', () => {
  it('sends an om_test_ key to the sandbox and an om_live_ key to production by default', async () => {
    const fake = fakeFetch(() => json(200, me));
    await createClient({ apiKey: TEST_KEY, fetch: fake.fetch, ...fresh() }).GET('/v1/auth/me');
    await createClient({ apiKey: LIVE_KEY, fetch: fake.fetch, ...fresh() }).GET('/v1/auth/me');
    expect(fake.calls.map((c) => c.url.href)).toEqual([`${SANDBOX_URL}/v1/auth/me`, `${PRODUCTION_URL}/v1/auth/me`]);
  });

  it('refuses an om_test_ key against production before any I/O', () => {
    const fake = fakeFetch(() => json(200, me));
    expect(() => createClient({ apiKey: TEST_KEY, baseUrl: PRODUCTION_URL, fetch: fake.fetch })).toThrow(ConfigurationError);
    expect(() => createClient({ apiKey: LIVE_KEY, baseUrl: SANDBOX_URL, fetch: fake.fetch })).toThrow(/om_live_ key works only on the production server/);
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses a key provider that returns the wrong environment, before sending', async () => {
    const fake = fakeFetch(() => json(200, me));
    const client = createClient({ apiKey: async () => TEST_KEY, baseUrl: PRODUCTION_URL, fetch: fake.fetch, ...fresh() });
    await expect(client.GET('/v1/auth/me')).rejects.toThrow(ConfigurationError);
    expect(fake.calls).toHaveLength(0);
  });

  it('picks the server from the key a provider returns when no baseUrl is given', async () => {
    const fake = fakeFetch(() => json(200, me));
    await createClient({ apiKey: async () => TEST_KEY, fetch: fake.fetch, ...fresh() }).GET('/v1/auth/me');
    expect(fake.calls[0]!.url.origin).toBe(new URL(SANDBOX_URL).origin);
  });

  it.each([
    ['om_live_short', /5 characters after the prefix, expected 32/],
    ['sk_live_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a', /does not start with om_live_ or om_test_/],
    [` ${TEST_KEY}`, /white space/],
    [`Bearer ${TEST_KEY}`, /pass the key alone/],
  ])('rejects the malformed key %#, naming the problem without echoing it', (key, reason) => {
    let error: unknown;
    try {
      createClient({ apiKey: key });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain(key.trim().slice(8));
  });

  it('refuses credentials over plain http to a remote host unless allowInsecureHttp is set', () => {
    expect(() => createClient({ apiKey: TEST_KEY, baseUrl: 'http://api.example.com' })).toThrow(/allowInsecureHttp/);
    expect(() => createClient({ apiKey: TEST_KEY, baseUrl: 'http://api.example.com', allowInsecureHttp: true })).not.toThrow();
    expect(() => createClient({ apiKey: TEST_KEY, baseUrl: 'http://127.0.0.1:4010' })).not.toThrow();
    expect(() => createClient({ apiKey: TEST_KEY, baseUrl: 'http://localhost:4010' })).not.toThrow();
  });

  it('reads OPSMERGE_API_KEY and OPSMERGE_BASE_URL when no options are given', async () => {
    const fake = fakeFetch(() => json(200, me));
    process.env.OPSMERGE_API_KEY = TEST_KEY;
    process.env.OPSMERGE_BASE_URL = 'http://127.0.0.1:9';
    try {
      await createClient({ fetch: fake.fetch, ...fresh() }).GET('/v1/auth/me');
    } finally {
      delete process.env.OPSMERGE_API_KEY;
      delete process.env.OPSMERGE_BASE_URL;
    }
    expect(fake.calls[0]!.url.href).toBe('http://127.0.0.1:9/v1/auth/me');
    expect(fake.calls[0]!.headers.get('authorization')).toBe(`Bearer ${TEST_KEY}`);
  });

  it('says how to fix a missing key', () => {
    expect(() => createClient()).toThrow(/pass apiKey to createClient or set the OPSMERGE_API_KEY/);
  });

  it.each([
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ timeout: 0 }, 'timeout'],
    [{ authScheme: 'basic' }, 'authScheme'],
    [{ stability: 'alpha' }, 'stability'],
  ])('rejects the invalid option %o, naming it', (options, name) => {
    expect(() => createClient({ apiKey: TEST_KEY, ...(options as object) })).toThrow(expect.objectContaining({ option: name }));
  });
});
