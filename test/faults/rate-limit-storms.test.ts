import { describe, expect, it, vi } from 'vitest';
import { RateLimitError } from '../../src/index.js';
import { faults, me, type Fault } from './fault-server.js';
import { faultClient, rejectionOf, useFaultServer } from './helpers.js';
import { httpDate, type HttpDateFormat } from './http-date.js';

const server = useFaultServer();

const FORMATS: HttpDateFormat[] = ['IMF-fixdate', 'RFC 850', 'asctime'];
// Date.now() and the timers' monotonic clock may disagree by a millisecond or two.
const CLOCK_SLACK_MS = 5;

/** `count` times the fault, then 200 for ever. */
const times = (count: number, fault: () => Fault): Fault[] => [...Array.from({ length: count }, fault), faults.ok()];

describe('429 storms', () => {
  it('absorbs a storm of 429s with Retry-After in seconds: every call waits and then succeeds', async () => {
    const calls = 20;
    server.respond(...times(calls, () => faults.status(429, { 'retry-after': '1' })));
    const client = faultClient(server);
    const results = await Promise.all(Array.from({ length: calls }, () => client.auth.me()));
    expect(results).toEqual(Array.from({ length: calls }, () => me.data));
    expect(server.requests).toHaveLength(2 * calls);
    const first = Math.min(...server.requests.slice(0, calls).map((r) => r.at));
    const retried = Math.min(...server.requests.slice(calls).map((r) => r.at));
    expect(retried - first).toBeGreaterThanOrEqual(1000 - CLOCK_SLACK_MS);
  });

  it('holds a burst on our side when the 429 says the window is spent, instead of collecting 429s', async () => {
    const resetS = Math.ceil(Date.now() / 1000) + 1;
    const spent = { 'retry-after': String(resetS - Math.floor(Date.now() / 1000)), 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetS) };
    server.respond(faults.status(429, spent), faults.ok({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '250', 'x-ratelimit-reset': String(resetS + 60) }));
    const client = faultClient(server);
    const results = await Promise.all(Array.from({ length: 20 }, () => client.auth.me()));
    expect(results).toHaveLength(20);
    // One probe met the 429; the other 19 waited for the reset and went once.
    expect(server.requests).toHaveLength(21);
    expect(Math.min(...server.requests.slice(1).map((r) => r.wallAt))).toBeGreaterThanOrEqual(resetS * 1000 - CLOCK_SLACK_MS);
  });
});

describe('Retry-After', () => {
  it('throws RateLimitError at once for Retry-After: 10000 instead of sleeping for hours', async () => {
    server.respond(faults.status(429, { 'retry-after': '10000' }), faults.ok());
    const started = performance.now();
    const error = await rejectionOf(faultClient(server).auth.me());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterMs: 10_000_000, requestId: server.requests[0]!.requestId });
    expect((error as Error).message).toMatch(/retry after 10000 s/);
    expect(server.requests).toHaveLength(1);
  });

  it.each(FORMATS)('honours an HTTP-date in %s format', async (format) => {
    // A whole second between 1 and 2 s away: HTTP-dates have no fractions.
    const dateMs = Math.ceil((Date.now() + 1000) / 1000) * 1000;
    server.respond(faults.status(429, { 'retry-after': httpDate(dateMs, format) }), faults.ok());
    expect(await faultClient(server).auth.me()).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.wallAt).toBeGreaterThanOrEqual(dateMs - CLOCK_SLACK_MS);
    expect(server.requests[1]!.wallAt).toBeLessThan(dateMs + 1000);
  });

  it.each(FORMATS)('retries at once when the %s date is in the past', async (format) => {
    // Were the date ignored, the full-jitter backoff would wait 499 ms with this random value.
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    server.respond(faults.status(503, { 'retry-after': httpDate(Date.parse('1994-11-06T08:49:37Z'), format) }), faults.ok());
    expect(await faultClient(server).auth.me()).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeLessThan(250);
  });
});
