/**
 * Every `createClient` / `createCoreClient` option × every wrong type: a ConfigurationError at
 * construction naming the option, never echoing the key, and no request ever sent. Then what
 * each option refuses beyond its type, unknown names, and hooks that throw after a response.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCoreClient } from '../../src/core.js';
import { CLIENT_OPTION_CHECKS } from '../../src/check-options.js';
import { ConfigurationError, createClient, MemoryRateLimitStore, OAuthTokenManager, type ClientOptions } from '../../src/index.js';
import { fakeFetch, json, me, TEST_KEY } from '../support/fake-fetch.js';

/** A value of each type JavaScript has, as a caller might pass by mistake. */
const WRONG = {
  string: 'false',
  emptyString: '',
  number: 1,
  nan: Number.NaN,
  infinity: Number.POSITIVE_INFINITY,
  boolean: true,
  null: null,
  object: {},
  array: [],
  function: () => 'x',
  symbol: Symbol('s'),
  bigint: 1n,
  date: new Date(0),
  promise: Promise.resolve(1),
} as const;
type Kind = keyof typeof WRONG;

const manager = (): OAuthTokenManager => new OAuthTokenManager({ clientId: 'cli_8f2k', tokens: { accessToken: 'at_0123456789abcdef', tokenType: 'Bearer' } });

/** Per option: the kinds of value it takes (all others are wrong), values it refuses beyond its type, and values it takes. */
const OPTIONS: { [K in keyof ClientOptions]-?: { takes: Kind[]; refuses: unknown[]; accepts: unknown[] } } = {
  apiKey: { takes: ['string', 'function'], refuses: ['', '   ', 'Bearer x', `${TEST_KEY}\r\nX: 1`, ` ${TEST_KEY}`], accepts: [TEST_KEY, () => TEST_KEY] },
  authScheme: { takes: [], refuses: ['Bearer', 'basic', ''], accepts: ['bearer', 'api-key', 'x-api-key', 'query'] },
  oauth: {
    takes: ['object'],
    refuses: [{ tokens: undefined }, { tokens: {} }, { tokens: { getAccessToken() {}, handleUnauthorized: 'no' } }, { tokens: 'at_0123' }, { tokns: 1 }],
    // Any TokenSource: handleUnauthorized is optional.
    accepts: [{ tokens: manager() }, { tokens: { getAccessToken: () => Promise.resolve('at_0123456789abcdef') } }],
  },
  baseUrl: {
    takes: [],
    refuses: ['app.opsmerge.cloud/api', 'ftp://example.com/api', 'https://user:pa55@example.com/api', 'https://example.com/api?x=1', 'https://example.com/api#f', 'https://example.com/api?', 'javascript:alert(1)', TEST_KEY],
    accepts: ['https://sandbox.opsmerge.cloud/api', 'http://127.0.0.1:4010', 'http://localhost:4010/api/'],
  },
  stability: { takes: [], refuses: ['Beta', 'experimental'], accepts: ['stable', 'beta', 'internal'] },
  maxRetries: { takes: ['number'], refuses: [-1, 1.5, 2 ** 60], accepts: [0, 10] },
  maxRetryAfter: { takes: ['number'], refuses: [-1, 2 ** 31], accepts: [0, 1.5, 2 ** 31 - 1] },
  timeout: { takes: ['number'], refuses: [0, -5, 0.5, 2 ** 31], accepts: [1, 60_000, 2 ** 31 - 1] },
  maxResponseBytes: { takes: ['number'], refuses: [0, -1, 1.5, 2 ** 60], accepts: [1, 10 * 1024 * 1024, Number.MAX_SAFE_INTEGER] },
  followCrossOriginRedirects: { takes: ['boolean'], refuses: [0, 1, 'true', 'false'], accepts: [true, false] },
  fetch: { takes: ['function'], refuses: [], accepts: [(r: Request) => globalThis.fetch(r)] },
  logger: {
    takes: [],
    refuses: [{ error() {}, warn() {}, info() {} }, { error() {}, warn() {}, info() {}, debug: 'console' }, console.log],
    accepts: [console, { error() {}, warn() {}, info() {}, debug() {} }],
  },
  logLevel: { takes: [], refuses: ['verbose', 'WARN', 'trace'], accepts: ['off', 'error', 'warn', 'info', 'debug'] },
  rateLimit: {
    takes: ['object'],
    refuses: [{ mode: 'fast' }, { mode: 'false' }, { store: {} }, { store: { reserve() {}, release() {} } }, { mdoe: 'off' }, { store: new Map() }],
    accepts: [{ mode: 'off' }, { store: new MemoryRateLimitStore() }],
  },
  onDeprecation: { takes: ['function'], refuses: [], accepts: [() => undefined] },
  onWait: { takes: ['function'], refuses: [], accepts: [() => undefined] },
  deprecations: { takes: [], refuses: ['throw', 'Error'], accepts: ['warn', 'error', 'off'] },
  allowInsecureHttp: { takes: ['boolean'], refuses: [0, 1, 'true'], accepts: [true, false] },
  headers: {
    takes: ['object'],
    refuses: [
      { 'bad name': 'x' },
      { 'x-ok': 'a\r\nInjected: 1' },
      { 'x-ok': 'a\nb' },
      { 'x-ok': 'nul\0' },
      { 'x-ok': '😀' },
      { 'x-ok': 5 },
      { 'x-ok': ['a'] },
      { '': 'x' },
      { Authorization: 'Bearer om_live_other' },
      { 'x-api-key': TEST_KEY },
      { 'Idempotency-Key': 'one-key-for-all-writes' },
      new Map([['x-ok', 'b']]),
      [['x-ok', 'b']],
    ],
    accepts: [{ 'x-tenant': 'northwind', 'User-Agent': 'app/1 (+https://example.com)' }, new Headers({ 'x-tenant': 'northwind' }), { 'x-maybe': undefined }],
  },
};

/** Base options that let a client be built, without the option under test. */
function base(option: keyof ClientOptions, fetch: typeof globalThis.fetch): ClientOptions {
  const options: ClientOptions = { apiKey: TEST_KEY, fetch, rateLimit: { store: new MemoryRateLimitStore() } };
  if (option === 'oauth') delete options.apiKey;
  if (option === 'baseUrl') options.allowInsecureHttp = false;
  delete options[option];
  return options;
}

const cases = (Object.keys(OPTIONS) as Array<keyof ClientOptions>).flatMap((option) => {
  const { takes, refuses } = OPTIONS[option];
  const wrongTypes = (Object.keys(WRONG) as Kind[]).filter((kind) => !takes.includes(kind) && !(kind === 'emptyString' && takes.includes('string'))).map((kind) => [kind, WRONG[kind]] as const);
  return [...wrongTypes, ...refuses.map((value, i) => [`refused #${i + 1}`, value] as const)].map(([what, value]) => [option, what, value] as const);
});

describe('createClient options, checked at construction', () => {
  it('has a row in this test for every option the SDK checks', () => {
    expect(Object.keys(OPTIONS).sort()).toEqual(Object.keys(CLIENT_OPTION_CHECKS).sort());
  });

  it.each(cases)('%s = %s is a ConfigurationError naming it, from both entries, with nothing sent', (option, _what, value) => {
    for (const create of [createClient, createCoreClient]) {
      const fake = fakeFetch(() => json(200, me));
      let thrown: unknown;
      try {
        create({ ...base(option, fake.fetch), [option]: value } as ClientOptions);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `${option} = ${String(value)}`).toBeInstanceOf(ConfigurationError);
      const error = thrown as ConfigurationError;
      expect(error.option.split(/[.[]/)[0]).toBe(option);
      expect(error.message).toContain(option);
      for (const text of [error.message, error.stack ?? '', JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })]) expect(text).not.toContain(TEST_KEY);
      expect(fake.calls).toHaveLength(0);
    }
  });

  it.each((Object.keys(OPTIONS) as Array<keyof ClientOptions>).flatMap((option) => OPTIONS[option].accepts.map((value) => [option, value] as const)))(
    '%s = %s is accepted',
    async (option, value) => {
      const fake = fakeFetch(() => json(200, me));
      const options = { ...base(option, fake.fetch), [option]: value } as ClientOptions;
      if (option === 'fetch' || option === 'baseUrl') Object.assign(options, { baseUrl: options.baseUrl ?? 'http://127.0.0.1:9' });
      expect(() => createClient(options)).not.toThrow();
    },
  );

  it('refuses allowInsecureHttp: "false" instead of sending the key over plain http', () => {
    const fake = fakeFetch(() => json(200, me));
    expect(() => createClient({ apiKey: TEST_KEY, baseUrl: 'http://api.example.com', allowInsecureHttp: 'false' as never, fetch: fake.fetch })).toThrow(
      new ConfigurationError('allowInsecureHttp must be true or false, got the string "false"', { option: 'allowInsecureHttp' }),
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses an unknown option, and says which one was meant', () => {
    expect(() => createClient({ apiKey: TEST_KEY, timout: 5000 } as never)).toThrow(/^Unknown option "timout" \(did you mean "timeout"\?\): createClient\(\) takes apiKey, /);
    expect(() => createClient({ apiKey: TEST_KEY, baseURL: 'https://sandbox.opsmerge.cloud/api' } as never)).toThrow('(did you mean "baseUrl"?)');
    expect(() => createCoreClient({ apiKey: TEST_KEY, retries: 3 } as never)).toThrow(expect.objectContaining({ option: 'retries' }));
  });

  it('refuses a string instead of the options object without echoing it (it may be the key)', () => {
    const error = (() => {
      try {
        createClient(TEST_KEY as never);
      } catch (e) {
        return e as ConfigurationError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toBe('createClient() takes an options object, got a string; pass the key as { apiKey }.');
  });

  it('refuses null and other non-objects as the options', () => {
    for (const bad of [null, 5, [], () => 1]) expect(() => createClient(bad as never)).toThrow(/^the options of createClient\(\) must be a plain object, got /);
  });

  it('checks OPSMERGE_BASE_URL like baseUrl, without echoing it', () => {
    const before = process.env['OPSMERGE_BASE_URL'];
    process.env['OPSMERGE_BASE_URL'] = 'https://user:secret-pass@example.com/api';
    try {
      expect(() => createClient({ apiKey: TEST_KEY })).toThrow(expect.objectContaining({ option: 'OPSMERGE_BASE_URL', message: expect.not.stringContaining('secret-pass') }));
    } finally {
      if (before === undefined) delete process.env['OPSMERGE_BASE_URL'];
      else process.env['OPSMERGE_BASE_URL'] = before;
    }
  });

  it('sends the headers it checked, read once: a later change to the object does not reach requests', async () => {
    const fake = fakeFetch(() => json(200, me));
    const headers: Record<string, string> = { 'x-tenant': 'northwind' };
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, headers, rateLimit: { store: new MemoryRateLimitStore() } });
    headers['x-tenant'] = 'evil\r\nx: 1';
    await client.auth.me();
    await client.GET('/v1/auth/me');
    expect(fake.calls.map((c) => c.headers.get('x-tenant'))).toEqual(['northwind', 'northwind']);
  });

  it('takes a Headers object, of this realm or a lookalike', async () => {
    const fake = fakeFetch(() => json(200, me));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, headers: new Headers({ 'X-Tenant': 'northwind' }), rateLimit: { store: new MemoryRateLimitStore() } });
    await client.auth.me();
    expect(fake.calls[0]!.headers.get('x-tenant')).toBe('northwind');
  });

  it('never shows a header value in its message: it may be a credential of another system', () => {
    expect(() => createClient({ apiKey: TEST_KEY, headers: { 'x-partner-token': 'tok_secret\n' } })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('tok_secret') }));
  });
});

describe('hooks that throw after the response', () => {
  it('a logger that throws does not fail a call whose request was sent', async () => {
    const fake = fakeFetch(() => json(200, me));
    const throwing = () => {
      throw new Error('log sink down');
    };
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, logLevel: 'debug', logger: { error: throwing, warn: throwing, info: throwing, debug: throwing }, rateLimit: { store: new MemoryRateLimitStore() } });
    await expect(client.auth.me()).resolves.toMatchObject({ environment: 'sandbox' });
    expect(fake.calls).toHaveLength(1);
  });

  it('an onDeprecation that throws does not fail the deprecated call, and is reported as a warning', async () => {
    const fake = fakeFetch(() => json(200, { data: { items: [], total: 0, page: 1, per_page: 50 } }, { deprecation: '@1788220800', sunset: 'Wed, 30 Jun 2027 00:00:00 GMT' }));
    const warnings: string[] = [];
    const client = createClient({
      apiKey: TEST_KEY,
      fetch: fake.fetch,
      logger: { error() {}, warn: (message: string) => warnings.push(message), info() {}, debug() {} },
      onDeprecation: () => {
        throw new Error('hook bug');
      },
      rateLimit: { store: new MemoryRateLimitStore() },
    });
    await expect(client.alerts.listActive()).resolves.toMatchObject({ total: 0 });
    expect(warnings.some((w) => w.includes('onDeprecation threw; the call goes on.'))).toBe(true);
  });
});
