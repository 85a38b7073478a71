import { describe, expect, it, vi } from 'vitest';
import { ApiError, InternalServerError, isApiError } from '../../src/index.js';
import { faults, me } from './fault-server.js';
import { faultClient, rejectionOf, useFaultServer } from './helpers.js';

const server = useFaultServer();

describe('retryable statuses', () => {
  it.each([500, 502, 503, 504])('succeeds within 3 attempts when %i comes twice and then 200', async (status) => {
    // No Retry-After: the jitter decides the wait; 0 keeps the test fast without changing the count.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.respond(faults.status(status), faults.status(status), faults.ok());
    const data = await faultClient(server).auth.me();
    expect(data).toEqual(me.data);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/auth/me', 'GET /v1/auth/me', 'GET /v1/auth/me']);
  });

  it("retries a proxy's HTML 502 page like any 502", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    server.respond(faults.html(502), faults.ok());
    expect(await faultClient(server).auth.me()).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
  });
});

describe('statuses that are never retried', () => {
  it.each([400, 401, 403, 404, 422, 501, 505])('sends exactly one wire request for %i, even with Retry-After: 0', async (status) => {
    server.respond(faults.status(status, { 'retry-after': '0' }));
    const error = await rejectionOf(faultClient(server).auth.me());
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status, requestId: server.requests[0]!.requestId });
    expect(server.requests).toHaveLength(1);
  });
});

describe('a 100 % 503 outage', () => {
  it('stops multiplying the load once the retry budget is spent, and refills it after successes', async () => {
    // The default budget: 500 tokens, 5 per retry → 100 retries, i.e. 50 calls retried twice.
    server.respond(faults.status(503, { 'retry-after': '0' }));
    const client = faultClient(server, { maxRetries: 2 });
    for (let i = 0; i < 60; i++) expect(await rejectionOf(client.auth.me())).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(50 * 3 + 10);

    // Budget spent: each call is one wire request, well inside the 1.1× bound.
    server.respond(faults.status(503, { 'retry-after': '0' }));
    const calls = 200;
    const errors = await Promise.all(Array.from({ length: calls }, () => rejectionOf(client.auth.me())));
    expect(errors.every((e) => e instanceof InternalServerError && e.status === 503)).toBe(true);
    expect(server.requests.length).toBeLessThanOrEqual(1.1 * calls);

    // Still spent: a transient 503 is answered as is, not retried.
    server.respond(faults.status(503, { 'retry-after': '0' }), faults.ok());
    const unretried = await rejectionOf(client.auth.me());
    expect(unretried).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);

    // The outage ends: every success without a retry earns a token; 5 buy one retry again.
    server.respond(faults.ok());
    for (let i = 0; i < 5; i++) await client.auth.me();
    server.respond(faults.status(503, { 'retry-after': '0' }), faults.ok());
    expect(await client.auth.me()).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
  });

  it('gives every call its typed error with status and request id when retries run out', async () => {
    server.respond(faults.status(503, { 'retry-after': '0' }));
    const error = await rejectionOf(faultClient(server, { maxRetries: 1 }).auth.me());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'InternalServerError', status: 503, requestId: server.requests[1]!.requestId });
  });
});
