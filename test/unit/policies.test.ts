import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { PRODUCTION_URL } from '../../src/environment.js';
import { ConfigurationError, TimeoutError } from '../../src/errors/index.js';
import { InternalLogger, SecretRegistry } from '../../src/internal/logger.js';
import { MemoryRateLimitStore, type RateLimitStore } from '../../src/rate-limit/store.js';
import { sign } from '../../src/transport/auth.js';
import { composePolicies } from '../../src/transport/compose.js';
import { apiKeySource, credentialsPolicy } from '../../src/transport/credentials.js';
import { deprecationPolicy } from '../../src/transport/deprecation.js';
import { fetchTransport } from '../../src/transport/fetch.js';
import { idempotencyPolicy } from '../../src/transport/idempotency.js';
import { logPolicy } from '../../src/transport/log.js';
import { rateLimitPolicy } from '../../src/transport/rate-limit.js';
import { stabilityPolicy } from '../../src/transport/stability.js';
import { timeoutPolicy } from '../../src/transport/timeout.js';
import { until } from '../faults/helpers.js';
import type { CallContext, Next, OutgoingRequest } from '../../src/transport/types.js';

// The policies one by one, as the pipeline calls them. The client-level tests show what each
// policy does; these show that an idle one hands the call on untouched. How cheaply it does so
// (no async frame of its own, the rule of src/transport/compose.ts) is the bench's to measure:
// bench/sections/unit-costs-worker.ts, "the idle policies".

const KEY = 'om_test_0123456789abcdef0123456789abcdef';
const BASE = 'https://127.0.0.1:8443';
const OPERATION = {
  operationId: 'auth_me',
  method: 'GET',
  path: '/v1/auth/me',
  stability: 'stable',
  deprecated: false,
  deprecatedAt: null,
  sunset: null,
  successor: null,
  idempotencyKey: false,
  rateLimitGroup: 'default',
} as unknown as CallContext['operation'];

function request(method = 'GET'): OutgoingRequest {
  return { url: new URL(`${BASE}/v1/auth/me`), method, headers: new Headers({ accept: 'application/json' }), body: undefined };
}

function context(overrides: Partial<CallContext> = {}): CallContext {
  return {
    operation: OPERATION,
    method: 'GET',
    path: '/v1/auth/me',
    signal: undefined,
    timeoutMs: 1_000,
    maxRetries: 2,
    maxWaitMs: 1_000,
    idempotencyKey: undefined,
    attempt: 1,
    attemptSignal: undefined,
    credential: undefined,
    rateLimit: undefined,
    logger: new InternalLogger({ error() {}, warn() {}, info() {}, debug() {} }, 'warn', new SecretRegistry()),
    scrub: (text) => text,
    maxResponseBytes: 1024,
    ...overrides,
  };
}

/** A `next` that records the requests it gets and answers with one known response. */
function probe(response: Response = new Response('{}', { status: 200 })): { next: Next; response: Response; seen: OutgoingRequest[] } {
  const seen: OutgoingRequest[] = [];
  const next = vi.fn<Next>((r) => {
    seen.push(r);
    return Promise.resolve(response);
  });
  return { next, response, seen };
}

/** Sends one request through `policy` and checks it reached `next` as it was and came back as `next` answered. */
async function passesThrough(policy: { send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> }, ctx = context()): Promise<void> {
  const { next, response, seen } = probe();
  const sent = request();
  expect(await policy.send(sent, ctx, next)).toBe(response);
  expect(seen).toEqual([sent]);
  expect(seen[0]).toBe(sent);
}

describe('idle policies hand the call on untouched', () => {
  it('log, when debug is off', async () => {
    await passesThrough(logPolicy());
  });

  it('stability, for an operation the client may call', async () => {
    await passesThrough(stabilityPolicy('stable'));
  });

  it('idempotency, for a GET', async () => {
    await passesThrough(idempotencyPolicy());
  });

  it("deprecation, with warnings off, and for an operation it already warned about", async () => {
    await passesThrough(deprecationPolicy({ mode: 'off' }));

    const notices: string[] = [];
    const policy = deprecationPolicy({ mode: 'warn', onDeprecation: (notice) => notices.push(notice.operationId) });
    const deprecated = { ...OPERATION, deprecated: true } as CallContext['operation'];
    await policy.send(request(), context({ operation: deprecated }), probe().next);
    expect(notices).toEqual(['auth_me']);
    await passesThrough(policy, context({ operation: deprecated }));
    expect(notices).toEqual(['auth_me']);
  });

  it('deprecation still reads the Deprecation header of an operation the spec does not deprecate', async () => {
    const notices: string[] = [];
    const policy = deprecationPolicy({ mode: 'warn', onDeprecation: (notice) => notices.push(notice.message) });
    const headers = { deprecation: '@1735689600', sunset: 'Wed, 31 Dec 2031 00:00:00 GMT' };
    await policy.send(request(), context(), probe(new Response('{}', { headers })).next);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('is deprecated since 2025-01-01 and stops working on 2031-12-31');
    // Only once per operation.
    await policy.send(request(), context(), probe(new Response('{}', { headers })).next);
    expect(notices).toHaveLength(1);
  });

  it('deprecation warns about a spec-deprecated operation even when the call fails', async () => {
    const notices: string[] = [];
    const policy = deprecationPolicy({ mode: 'warn', onDeprecation: (notice) => notices.push(notice.operationId) });
    const failure = new Error('network down');
    const deprecated = { ...OPERATION, deprecated: true } as CallContext['operation'];
    await expect(policy.send(request(), context({ operation: deprecated }), () => Promise.reject(failure))).rejects.toBe(failure);
    expect(notices).toEqual(['auth_me']);
  });

  it('credentials, holding a key given as a string once it is checked and hashed', async () => {
    const policy = credentialsPolicy(apiKeySource(KEY, new SecretRegistry()), { url: BASE, fromKey: false });
    const firstContext = context();
    await policy.send(request(), firstContext, probe().next);
    expect(firstContext.credential).toMatchObject({ kind: 'key', value: KEY, id: expect.stringMatching(/^key:[0-9a-f]{16}$/) });

    const secondContext = context();
    await passesThrough(policy, secondContext);
    expect(secondContext.credential).toEqual(firstContext.credential);
  });

  it('credentials still refuse a test key for the production server on every call, sending nothing', async () => {
    const policy = credentialsPolicy(apiKeySource(KEY, new SecretRegistry()), { url: PRODUCTION_URL, fromKey: false });
    for (let call = 0; call < 2; call++) {
      const { next } = probe();
      // Through composePolicies, as the pipeline runs it: the second call finds the key in hand and throws synchronously.
      await expect(composePolicies([policy], next)(request(), context())).rejects.toBeInstanceOf(ConfigurationError);
      expect(next).not.toHaveBeenCalled();
    }
  });

  it('credentials still ask a key provider before every attempt', async () => {
    const provider = vi.fn(() => KEY);
    const policy = credentialsPolicy(apiKeySource(provider, new SecretRegistry()), { url: BASE, fromKey: false });
    await policy.send(request(), context(), probe().next);
    await policy.send(request(), context(), probe().next);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('credentials send a key-chosen server the same path and query on every call', async () => {
    const policy = credentialsPolicy(apiKeySource(KEY, new SecretRegistry()), { url: BASE, fromKey: true });
    const input = { ...request(), url: new URL(`${BASE}/v1/agents?page=2`) };
    const first = probe();
    await policy.send(input, context(), first.next);
    const second = probe();
    await policy.send(input, context(), second.next);
    expect(first.seen[0]?.url.href).toMatch(/^https:\/\/[^/]+\/v1\/agents\?page=2$/);
    expect(first.seen[0]?.url.origin).not.toBe(new URL(BASE).origin);
    expect(second.seen[0]?.url.href).toBe(first.seen[0]?.url.href);
    expect(input.url.href).toBe(`${BASE}/v1/agents?page=2`); // the caller's URL is not touched
  });
});

describe('rate-limit policy', () => {
  const limited = (): Response =>
    new Response('{}', { headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60) } });

  it('sends after a synchronous store reserved room, and records the window it answered with', async () => {
    const store = new MemoryRateLimitStore();
    const policy = rateLimitPolicy({ store, mode: 'pace' });
    const { next } = probe(limited());
    const ctx = context();
    await policy.send(request(), ctx, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(ctx.rateLimit).toMatchObject({ limit: 100, remaining: 99 });
    expect(store.get('anonymous:default')).toMatchObject({ limit: 100, remaining: 99 });
  });

  it('a store that throws synchronously rejects the call, sending nothing', async () => {
    const broken = new Error('store down');
    const store: RateLimitStore = {
      reserve: () => {
        throw broken;
      },
      release: () => undefined,
      get: () => undefined,
    };
    const { next } = probe(limited());
    await expect(composePolicies([rateLimitPolicy({ store, mode: 'pace' })], next)(request(), context())).rejects.toBe(broken);
    expect(next).not.toHaveBeenCalled();
  });

  it('waits for an asynchronous store, and for its release before the call ends', async () => {
    const events: string[] = [];
    const memory = new MemoryRateLimitStore();
    const store: RateLimitStore = {
      async reserve(bucket, nowMs) {
        events.push('reserve');
        return memory.reserve(bucket, nowMs);
      },
      async release(bucket, ticket, observed, nowMs) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`release ${observed?.remaining}`);
        memory.release(bucket, ticket, observed);
        void nowMs;
      },
      get: (bucket) => memory.get(bucket),
    };
    const policy = rateLimitPolicy({ store, mode: 'pace' });
    const next: Next = () => {
      events.push('send');
      return Promise.resolve(limited());
    };
    await policy.send(request(), context(), next);
    events.push('done');
    expect(events).toEqual(['reserve', 'send', 'release 99', 'done']);
  });

  it('releases the reservation when the attempt fails, and rethrows', async () => {
    const store = new MemoryRateLimitStore();
    const release = vi.spyOn(store, 'release');
    const policy = rateLimitPolicy({ store, mode: 'pace' });
    const failure = new Error('reset');
    await expect(policy.send(request(), context(), () => Promise.reject(failure))).rejects.toBe(failure);
    expect(release).toHaveBeenCalledWith('anonymous:default', 1, undefined, expect.any(Number));
  });

  it.each([
    [200, null],
    [404, null],
    [429, undefined],
    [502, undefined],
  ])('tells the store what a %i without rate-limit headers says about the budget: %s', async (status, observed) => {
    const store = new MemoryRateLimitStore();
    const release = vi.spyOn(store, 'release');
    await rateLimitPolicy({ store, mode: 'pace' }).send(request(), context(), probe(new Response('{}', { status })).next);
    expect(release).toHaveBeenCalledWith('anonymous:default', 1, observed, expect.any(Number));
  });

  it('paces by a window whose limit the server did not say, taking what remains as the limit', async () => {
    const store = new MemoryRateLimitStore();
    const now = Date.now();
    await rateLimitPolicy({ store, mode: 'pace', now: () => now }).send(request(), context(), probe(new Response('{}', { headers: { ratelimit: '"default";r=2;t=60' } })).next);
    expect(store.get('anonymous:default')).toEqual({ limit: 2, remaining: 2, resetAt: now + 60_000 });
  });

  it('with pacing off, records the window and never reserves', async () => {
    const store = new MemoryRateLimitStore();
    const reserve = vi.spyOn(store, 'reserve');
    const policy = rateLimitPolicy({ store, mode: 'off' });
    const ctx = context();
    await policy.send(request(), ctx, probe(limited()).next);
    expect(reserve).not.toHaveBeenCalled();
    expect(ctx.rateLimit).toMatchObject({ remaining: 99 });
    expect(store.get('anonymous:default')).toMatchObject({ remaining: 99 });
  });
});

describe('timeout policy', () => {
  it('resolves with the attempt, and leaves no listener on the caller signal', async () => {
    const caller = new AbortController();
    const ctx = context({ signal: caller.signal });
    const { next, response } = probe();
    expect(await timeoutPolicy().send(request(), ctx, next)).toBe(response);
    expect(ctx.attemptSignal?.aborted).toBe(false);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('leaves no listener on the caller signal when the attempt fails', async () => {
    const caller = new AbortController();
    const failure = new Error('reset');
    await expect(timeoutPolicy().send(request(), context({ signal: caller.signal }), () => Promise.reject(failure))).rejects.toBe(failure);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('ends an attempt whose fetch ignores its signal with TimeoutError, and aborts that signal', async () => {
    const ctx = context({ timeoutMs: 20 });
    const started = performance.now();
    const error = await timeoutPolicy()
      .send(request(), ctx, () => new Promise<Response>(() => undefined))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20, mayHaveSucceeded: false });
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(ctx.attemptSignal?.aborted).toBe(true);
    expect(ctx.attemptSignal?.reason).toBe(error);
  });

  it('covers the body the terminal step reads: a stalled body times out, and is cancelled at its next chunk even when fetch ignores the signal', async () => {
    const ctx = context({ timeoutMs: 20 });
    let more: (() => void) | undefined;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        more = () => controller.enqueue(new TextEncoder().encode('1,'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const ignoresSignal = (() => Promise.resolve(new Response(body))) as unknown as typeof fetch;
    const attempt = composePolicies([timeoutPolicy()], fetchTransport(() => ignoresSignal, (text) => text));
    const error = await attempt(request(), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(cancelled).toBe(false);
    more?.();
    await until(() => cancelled);
  });

  it("ends the attempt with the caller's reason the moment the caller aborts", async () => {
    const caller = new AbortController();
    const ctx = context({ signal: caller.signal });
    const pending = timeoutPolicy().send(request(), ctx, () => new Promise<Response>(() => undefined));
    const reason = new Error('stop');
    caller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(ctx.attemptSignal?.reason).toBe(reason);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('does not send when the caller signal is already aborted', async () => {
    const caller = new AbortController();
    const reason = new Error('already');
    caller.abort(reason);
    const { next } = probe();
    const ctx = context({ signal: caller.signal });
    await expect(timeoutPolicy().send(request(), ctx, next)).rejects.toBe(reason);
    expect(ctx.attemptSignal?.aborted).toBe(true);
    expect(next).not.toHaveBeenCalled();
  });
});

describe('signing an attempt', () => {
  it('copies only what it changes, and never the original request', () => {
    const original = request();
    const header = sign(original, KEY, 'bearer');
    expect(header.headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(original.headers.has('authorization')).toBe(false);
    expect(header.url).toBe(original.url); // the URL is not copied for a header scheme

    const query = sign(original, KEY, 'query');
    expect(query.url.searchParams.get('api_key')).toBe(KEY);
    expect(original.url.search).toBe('');
    expect(query.headers).toBe(original.headers); // nor the headers for the query scheme
  });
});
