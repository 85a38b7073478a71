/**
 * Every wait inside a call is bounded (`maxRetryAfter`, `timeout`, the caller's signal), visible
 * when longer than a second (`onWait`, or one warning), and right: Retry-After beats a later
 * reset, and times on the server's clock are read with the response's Date header.
 */
import { describe, expect, it, vi } from 'vitest';
import { createClient, isRateLimitError, MemoryRateLimitStore, RateLimitError, type ClientOptions, type Logger, type WaitNotice } from '../../src/index.js';
import { faults, me, type Fault } from './fault-server.js';
import { faultClient, KEY, rejectionOf, useFaultServer } from './helpers.js';
import { httpDate } from './http-date.js';

const server = useFaultServer();

// Timers and the two clocks may disagree by a few milliseconds; a loaded machine adds more.
const SLACK_MS = 50;

/** Rate-limit headers saying the window is spent, resetting `inS` seconds after the next whole second. */
function spent(inS: number): Record<string, string> {
  return { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + inS) };
}

/** A logger that keeps what it is given. */
function recordingLogger(): Logger & { lines: { level: string; message: string; fields: unknown }[] } {
  const lines: { level: string; message: string; fields: unknown }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** A client at the default log level (faultClient silences logs). */
function clientAtDefaultLevel(options: ClientOptions) {
  return createClient({ apiKey: KEY, baseUrl: server.url, rateLimit: { store: new MemoryRateLimitStore() }, ...options });
}

const gap = (): number => server.requests[1]!.at - server.requests[0]!.at;

describe('a pacing wait is bounded', () => {
  it('refuses at once, without sending, every call while the window is spent for an hour, in every client on that budget', async () => {
    const store = new MemoryRateLimitStore();
    server.respond(faults.ok(spent(3600)), faults.ok());
    const first = faultClient(server, { rateLimit: { store } });
    const second = faultClient(server, { rateLimit: { store } });
    await first.auth.me();
    const started = performance.now();
    const errors = [await rejectionOf(first.auth.me()), await rejectionOf(second.auth.me()), await rejectionOf(second.auth.me({ timeout: 3_600_000 }))];
    expect(performance.now() - started).toBeLessThan(500);
    for (const error of errors) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', requestId: undefined, limit: 300, details: { reason: 'pacing', sent: false } });
      expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(3_598_000);
      expect((error as RateLimitError).retryAfterMs).toBeLessThanOrEqual(3_601_000);
      expect((error as RateLimitError).resetAt!.getTime()).toBeGreaterThan(Date.now() + 3_598_000);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a pacing wait longer than the call’s timeout, and waits one within it', async () => {
    server.respond(faults.ok(spent(2)), faults.ok());
    const client = faultClient(server);
    await client.auth.me();
    const started = performance.now();
    const error = await rejectionOf(client.auth.me({ timeout: 1000 }));
    expect(performance.now() - started).toBeLessThan(300);
    expect(isRateLimitError(error) && error.retryAfterMs).toBeGreaterThan(1000);
    expect(server.requests).toHaveLength(1);
    expect(await client.auth.me({ timeout: 5000 })).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
    expect(gap()).toBeGreaterThan(1000);
  });

  it('refuses a pacing wait longer than maxRetryAfter', async () => {
    server.respond(faults.ok(spent(2)), faults.ok());
    const client = faultClient(server, { maxRetryAfter: 1000 });
    await client.auth.me();
    expect(await rejectionOf(client.auth.me())).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });

  it('ends a pacing wait at once when the caller aborts', async () => {
    server.respond(faults.ok(spent(2)), faults.ok());
    const client = faultClient(server);
    await client.auth.me();
    const controller = new AbortController();
    const reason = new Error('the user left');
    setTimeout(() => controller.abort(reason), 100);
    const started = performance.now();
    expect(await rejectionOf(client.auth.me({ signal: controller.signal }))).toBe(reason);
    expect(performance.now() - started).toBeLessThan(100 + 300);
    expect(server.requests).toHaveLength(1);
  });
});

describe('a Retry-After wait is bounded', () => {
  it.each([
    ['the client’s timeout', { timeout: 1000 }, {}],
    ['the call’s timeout', {}, { timeout: 1000 }],
    ['maxRetryAfter', { maxRetryAfter: 1000 }, {}],
  ])('throws RateLimitError at once for a Retry-After longer than %s', async (_, clientOptions, callOptions) => {
    server.respond(faults.status(429, { 'retry-after': '3' }), faults.ok());
    const started = performance.now();
    const error = await rejectionOf(faultClient(server, clientOptions).auth.me(callOptions));
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3000, requestId: server.requests[0]!.requestId });
    expect(server.requests).toHaveLength(1);
  });

  it('answers a 503 with a longer Retry-After as it came, without waiting', async () => {
    server.respond(faults.status(503, { 'retry-after': '3' }), faults.ok());
    const started = performance.now();
    expect(await rejectionOf(faultClient(server, { timeout: 1000 }).auth.me())).toMatchObject({ status: 503 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });
});

describe('after a 429', () => {
  it('sends the next attempt at Retry-After, not at the later X-RateLimit-Reset of the same response', async () => {
    server.respond(faults.status(429, { 'retry-after': '1', ...spent(60) }), faults.ok());
    const started = performance.now();
    expect(await faultClient(server).auth.me()).toEqual(me.data);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(2);
    expect(gap()).toBeGreaterThanOrEqual(1000 - SLACK_MS);
  });
});

describe('a wait over a second is visible', () => {
  it('calls onWait for every waiting call, with the operation, the wait and the reason', async () => {
    server.respond(faults.ok(spent(2)), faults.ok());
    const notices: WaitNotice[] = [];
    const client = faultClient(server, { onWait: (notice) => notices.push(notice) });
    await client.auth.me();
    await Promise.all(Array.from({ length: 5 }, () => client.auth.me()));
    expect(notices).toHaveLength(5);
    for (const notice of notices) {
      expect(notice).toMatchObject({ operation: 'auth_me', method: 'GET', path: '/v1/auth/me', reason: 'pacing', attempt: 1 });
      expect(notice.waitMs).toBeGreaterThan(1000);
      expect(notice.waitMs).toBeLessThanOrEqual(3000);
    }
  });

  it('logs one warning at the default level for a burst waiting for the same reset, and none for short waits', async () => {
    server.respond(faults.ok(spent(2)), faults.ok());
    const logger = recordingLogger();
    const client = clientAtDefaultLevel({ logger });
    await client.auth.me();
    await Promise.all(Array.from({ length: 5 }, () => client.auth.me()));
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^\[opsmerge\] GET \/v1\/auth\/me waits [123]\.\d s \(pacing\)$/);
    expect(warnings[0]!.fields).toMatchObject({ operation: 'auth_me', reason: 'pacing' });

    server.respond(faults.status(503, { 'retry-after': '0' }), faults.ok());
    await client.auth.me();
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
  });

  it('reports a Retry-After over a second with the attempt it comes before', async () => {
    server.respond(faults.status(429, { 'retry-after': '2' }), faults.ok());
    const onWait = vi.fn();
    const logger = recordingLogger();
    expect(await clientAtDefaultLevel({ onWait, logger }).auth.me()).toEqual(me.data);
    expect(onWait).toHaveBeenCalledExactlyOnceWith({ operation: 'auth_me', method: 'GET', path: '/v1/auth/me', waitMs: 2000, reason: 'retry-after', attempt: 2 });
    // The hook replaces the warning.
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('keeps the call going when onWait throws, and says so in a warning', async () => {
    server.respond(faults.status(429, { 'retry-after': '2' }), faults.ok());
    const logger = recordingLogger();
    const onWait = (): void => {
      throw new Error('metrics backend down');
    };
    expect(await clientAtDefaultLevel({ onWait, logger }).auth.me()).toEqual(me.data);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: '[opsmerge] onWait threw: metrics backend down' }));
  });
});

describe('the onWait option', () => {
  it.each([['a string', 'log'], ['an object', { call: () => undefined }], ['null', null], ['a number', 1]])('refuses %s before any I/O, naming the option', (_, onWait) => {
    server.respond(faults.ok()); // clears the request log
    expect(() => faultClient(server, { onWait: onWait as unknown as (notice: WaitNotice) => void })).toThrow(expect.objectContaining({ name: 'ConfigurationError', option: 'onWait' }));
    expect(server.requests).toEqual([]);
  });
});

describe('times on the server clock, with the client clock 10 minutes off', () => {
  const imf = (ms: number): string => httpDate(ms, 'IMF-fixdate');
  /** This status with a Date header and the headers `at(dateMs)` gives, both from the server's (true) clock. */
  const dated =
    (status: number, at: (dateMs: number) => Record<string, string>): Fault =>
    (_req, res, { id }) => {
      const dateMs = Math.floor(new Date().getTime() / 1000) * 1000; // `new Date()` reads the true clock, not the mocked Date.now
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id, date: imf(dateMs), ...at(dateMs) }).end(JSON.stringify(status === 200 ? me : { error: { code: 'RATE_LIMITED', message: 'slow down', request_id: id } }));
    };
  /** A client whose clock reads `skewMs` more than the true one. */
  function skewedClient(skewMs: number) {
    const trueNow = Date.now;
    vi.spyOn(Date, 'now').mockImplementation(() => trueNow() + skewMs);
    return faultClient(server);
  }

  it.each([
    ['ahead', 600_000],
    ['behind', -600_000],
  ])('waits a Retry-After date 2 s after the Date header for 2 s with the clock %s', async (_, skewMs) => {
    server.respond(dated(429, (dateMs) => ({ 'retry-after': imf(dateMs + 2000) })), faults.ok());
    expect(await skewedClient(skewMs).auth.me()).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
    expect(gap()).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(gap()).toBeLessThan(2000 + 500);
  });

  it.each([
    ['ahead', 600_000],
    ['behind', -600_000],
  ])('paces until an X-RateLimit-Reset 2 s after the Date header with the clock %s', async (_, skewMs) => {
    server.respond(dated(200, (dateMs) => ({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(dateMs / 1000 + 2) })), faults.ok());
    const client = skewedClient(skewMs);
    await client.auth.me();
    expect(await client.auth.me()).toEqual(me.data);
    expect(gap()).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(gap()).toBeLessThan(2000 + 500);
  });
});
