import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, MemoryRateLimitStore, type AuthScheme, type ClientOptions, type Logger } from '../../src/index.js';
import { apiError, fakeFetch, json, me, TEST_KEY, type Handler } from '../support/fake-fetch.js';

const client = (handler: Handler, options: ClientOptions = {}) => {
  const fake = fakeFetch(handler);
  return { fake, client: createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() }, ...options }) };
};

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(fields ? `${message} ${JSON.stringify(fields)}` : message);
  };
  return { lines, error: write, warn: write, info: write, debug: write };
}

describe('auth schemes', () => {
  it.each<[AuthScheme, (r: { headers: Headers; url: URL }) => string | null]>([
    ['bearer', (r) => r.headers.get('authorization')],
    ['api-key', (r) => r.headers.get('authorization')],
    ['x-api-key', (r) => r.headers.get('x-api-key')],
    ['query', (r) => r.url.searchParams.get('api_key')],
  ])('sends the key with the %s scheme', async (scheme, read) => {
    const { fake, client: c } = client(() => json(200, me), { authScheme: scheme, logger: recordingLogger() });
    await c.GET('/v1/auth/me');
    const expected = { bearer: `Bearer ${TEST_KEY}`, 'api-key': `Api-Key ${TEST_KEY}`, 'x-api-key': TEST_KEY, query: TEST_KEY }[scheme];
    expect(read(fake.calls[0]!)).toBe(expected);
  });

  it('warns once that the query scheme puts the key in access logs', async () => {
    const logger = recordingLogger();
    const { client: c } = client(() => json(200, me), { authScheme: 'query', logger });
    await c.GET('/v1/auth/me');
    await c.GET('/v1/auth/me');
    expect(logger.lines.filter((l) => l.includes('access logs'))).toHaveLength(1);
    expect(logger.lines.join('\n')).not.toContain(TEST_KEY);
  });

  it('asks a key provider before every attempt, so a rotated key is used at once', async () => {
    const keys = [TEST_KEY, 'om_test_Zb8Lm2Qe5Rt7Yu9Io1Pa3Sd4Fg6HQx7e'];
    let n = 0;
    const { fake, client: c } = client((_, i) => (i === 0 ? apiError(503, 'SERVICE_UNAVAILABLE', 'down', { 'retry-after': '0' }) : json(200, me)), {
      apiKey: () => keys[Math.min(n++, 1)]!,
    });
    await c.GET('/v1/auth/me');
    expect(fake.calls.map((r) => r.headers.get('authorization'))).toEqual([`Bearer ${keys[0]}`, `Bearer ${keys[1]}`]);
  });
});

describe('redirects', () => {
  let other: Server;
  let seen: IncomingHttpHeaders[] = [];
  let otherUrl = '';
  let api: Server;
  let apiUrl = '';
  beforeAll(async () => {
    other = createServer((req, res) => {
      seen.push(req.headers);
      seen[seen.length - 1]!['x-url'] = req.url ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(me));
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    api = createServer((req, res) => {
      if (req.url?.startsWith('/v1/auth/me')) res.writeHead(302, { location: `${otherUrl}/landing` }).end();
      else if (req.url?.startsWith('/v1/users')) res.writeHead(307, { location: '/v1/auth/whoami' }).end();
      else {
        seen.push(req.headers);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { items: [], total: 0, page: 1, per_page: 50 } }));
      }
    });
    await new Promise<void>((r) => api.listen(0, 'localhost', r));
    apiUrl = `http://localhost:${(api.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    other.close();
    api.close();
  });

  it.each<AuthScheme>(['bearer', 'api-key', 'x-api-key', 'query'])('does not follow a cross-origin redirect by default (%s credentials): a RedirectError names the location', async (scheme) => {
    seen = [];
    const c = createClient({ apiKey: TEST_KEY, baseUrl: apiUrl, authScheme: scheme, rateLimit: { store: new MemoryRateLimitStore() }, logLevel: 'off' });
    await expect(c.GET('/v1/auth/me')).rejects.toMatchObject({ name: 'RedirectError', reason: 'cross-origin', status: 302, location: `${otherUrl}/landing` });
    expect(seen).toHaveLength(0);
  });

  it.each<AuthScheme>(['bearer', 'api-key', 'x-api-key', 'query'])('never carries %s credentials on a cross-origin redirect it was told to follow', async (scheme) => {
    seen = [];
    const c = createClient({ apiKey: TEST_KEY, baseUrl: apiUrl, authScheme: scheme, followCrossOriginRedirects: true, rateLimit: { store: new MemoryRateLimitStore() }, logLevel: 'off' });
    const { response } = await c.GET('/v1/auth/me');
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen[0])).not.toContain(TEST_KEY);
  });

  it('keeps the credentials on a same-origin redirect', async () => {
    seen = [];
    const c = createClient({ apiKey: TEST_KEY, baseUrl: apiUrl, rateLimit: { store: new MemoryRateLimitStore() } });
    await c.GET('/v1/users');
    expect(seen[0]!.authorization).toBe(`Bearer ${TEST_KEY}`);
  });
});

describe('redaction', () => {
  const canary = 'om_test_CANARYcanaryCANARYcanaryCANARY12';

  it('never shows the key in errors, their cause chain, stacks or debug logs', async () => {
    const logger = recordingLogger();
    const failures: Handler[] = [
      () => apiError(401, 'KEY_REVOKED', 'This API key was revoked'),
      () => Promise.reject(Object.assign(new TypeError(`fetch failed for Bearer ${canary}`), { cause: new Error(`socket closed, key ${canary}`) })),
      () => new Response(`<html>${canary}</html>`, { status: 502, headers: { 'content-type': 'application/json' } }),
    ];
    for (const handler of failures) {
      const { client: c } = client(handler, { apiKey: canary, logger, logLevel: 'debug', maxRetries: 0 });
      const error = await c.auth.me().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const views = [JSON.stringify(error), inspect(error, { depth: Infinity }), String((error as Error).stack ?? '')];
      for (let e: unknown = error; e instanceof Error; e = e.cause) views.push(e.message, String(e.stack));
      for (const view of views) expect(view).not.toContain(canary);
    }
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toContain(canary);
    expect(logger.lines.join('\n')).toContain('REDACTED');
  });

  it('logs method, path, status, attempt, request id and rate-limit state at debug', async () => {
    const logger = recordingLogger();
    const { client: c } = client(() => json(200, me, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '1795689600' }), { logger, logLevel: 'debug' });
    await c.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_01HZX4C9P2' } } });
    const line = logger.lines.find((l) => l.includes('→ 200'))!;
    expect(line).toContain('GET /v1/agents/{agent_id} → 200');
    expect(line).toMatch(/"attempt":1/);
    expect(line).toMatch(/"requestId":"req_/);
    expect(line).toMatch(/"remaining":299/);
    expect(line).toMatch(/"durationMs":\d+/);
  });

  it('logs every query parameter that is not on the allow-list, and the URLs of Location and Link, as REDACTED', async () => {
    const logger = recordingLogger();
    const { client: c } = client(() => json(200, { data: [] }, { link: '<https://x.example/v1/agents?page=2&session=s3ss10n>; rel="next"' }), { logger, logLevel: 'debug' });
    // A path the spec does not know: its query is not checked against a route, so anything goes out.
    await c.GET('/v1/not-in-the-spec' as never, { params: { query: { page: 2, status: 'online', password: 'hunter2', q: 'who@example.com' } } } as never);
    const line = logger.lines.find((l) => l.includes('→ 200'))!;
    expect(line).toContain('page=2');
    expect(line).toContain('status=online');
    expect(line).toContain('password=REDACTED');
    expect(line).toContain('q=REDACTED');
    expect(line).toContain('session=REDACTED');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('who@example.com');
    expect(line).not.toContain('s3ss10n');
  });

  it('logs nothing below the chosen level', async () => {
    const logger = recordingLogger();
    const { client: c } = client(() => json(200, me), { logger, logLevel: 'warn' });
    await c.GET('/v1/auth/me');
    expect(logger.lines).toEqual([]);
  });
});
