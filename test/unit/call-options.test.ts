/**
 * Per-call options — `signal`, `timeout`, `maxRetries`, `idempotencyKey`, and the names around
 * them — checked like the client's, for facade calls, list walks and low-level calls: a wrong one
 * rejects the call with a ConfigurationError naming it, and nothing is sent.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, MemoryRateLimitStore, paginate } from '../../src/index.js';
import { fakeFetch, json, me, TEST_KEY } from '../support/fake-fetch.js';

const page = { data: { items: [{ id: 'tkt_0000000001' }], total: 1, page: 1, per_page: 50 } };

function setup() {
  const fake = fakeFetch((r) => json(200, r.url.pathname.endsWith('/me') ? me : page));
  const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
  return { fake, client };
}

/** A fetch that answers only when the request's signal aborts (then rejects with its reason). */
function stallingFetch(): { fetch: typeof fetch; started: Promise<void> } {
  let resolveStarted!: () => void;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const signal = input instanceof Request ? input.signal : init?.signal;
    resolveStarted();
    return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
  };
  return { fetch: fetch as typeof globalThis.fetch, started };
}

/** A signal of this shape but not this realm's class: a polyfill's. */
class PolyfillSignal extends EventTarget {
  aborted = false;
  reason: unknown;
  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    this.dispatchEvent(new Event('abort'));
  }
}

const BAD: Array<[string, unknown, RegExp]> = [
  ['signal', {}, /^signal must be an AbortSignal, got an object$/],
  ['signal', new AbortController(), /^signal must be an AbortSignal, got an AbortController$/],
  ['signal', 'abort', /^signal must be an AbortSignal, got a string$/],
  ['timeout', 0, /^timeout must be a number of milliseconds from 1 to 2147483647, got 0$/],
  ['timeout', 2 ** 31, /^timeout must be a number of milliseconds from 1 to 2147483647, got 2147483648$/],
  ['timeout', '5000', /^timeout must be .*, got a string$/],
  ['timeout', Number.NaN, /got NaN$/],
  ['maxRetries', -1, /^maxRetries must be a whole number ≥ 0, got -1$/],
  ['maxRetries', 1.5, /got 1.5$/],
  ['idempotencyKey', 'short', /^idempotencyKey must be false or 8–255 characters/],
  ['idempotencyKey', 'has spaces in it', /^idempotencyKey must be false/],
  ['idempotencyKey', true, /got true$/],
  ['idempotencyKey', 12345678, /got 12345678$/],
];

describe('per-call options', () => {
  it.each(BAD)('facade: %s = %s rejects the call, naming it, with nothing sent', async (option, value, message) => {
    const { fake, client } = setup();
    const error = await client.tickets.create({ subject: 's', description: 'd', client_id: 'cli_01HZX2A7K3' }, { [option]: value } as never).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option, message: expect.stringMatching(message) });
    await expect(client.tickets.list({}, { [option]: value } as never)).rejects.toMatchObject({ option });
    expect(fake.calls).toHaveLength(0);
  });

  it.each(BAD)('low-level: %s = %s rejects the call, naming it, with nothing sent', async (option, value, message) => {
    const { fake, client } = setup();
    await expect(client.POST('/v1/tickets', { body: { subject: 's', description: 'd', client_id: 'cli_01HZX2A7K3' }, [option]: value } as never)).rejects.toMatchObject({
      name: 'ConfigurationError',
      option,
      message: expect.stringMatching(message),
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('facade: an unknown option is refused, with the one probably meant', async () => {
    const { fake, client } = setup();
    await expect(client.auth.me({ timout: 5000 } as never)).rejects.toThrow(
      new ConfigurationError('Unknown option "timout" (did you mean "timeout"?): auth.me() takes signal, timeout, maxRetries, idempotencyKey, maxResponseBytes, concurrency, maxPages.', { option: 'timout' }),
    );
    await expect(client.auth.me({ retries: 1 } as never)).rejects.toMatchObject({ option: 'retries' });
    await expect(client.auth.me('fast' as never)).rejects.toThrow('the options of auth.me() must be a plain object, got a string');
    expect(fake.calls).toHaveLength(0);
  });

  it('low-level: a misspelt option is refused; other RequestInit fields pass through to fetch', async () => {
    const { fake, client } = setup();
    await expect(client.GET('/v1/auth/me', { timout: 5000 } as never)).rejects.toThrow('Unknown option "timout" (did you mean "timeout"?) of GET /v1/auth/me.');
    await expect(client.GET('/v1/agents', { parms: { query: { status: 'online' } } } as never)).rejects.toThrow('(did you mean "params"?)');
    expect(fake.calls).toHaveLength(0);
    await client.GET('/v1/auth/me', { cache: 'no-store', priority: 'high', next: { revalidate: 60 } } as never);
    expect(fake.calls).toHaveLength(1);
  });

  it('low-level: a per-call baseUrl is refused, so the key never goes to a server the client did not check', async () => {
    const { fake, client } = setup();
    await expect(client.GET('/v1/auth/me', { baseUrl: 'http://attacker.example' } as never)).rejects.toMatchObject({ option: 'baseUrl', message: expect.stringContaining('Create a client for that server') });
    expect(fake.calls).toHaveLength(0);
  });

  it('paginate(): a wrong option or fetchPage is refused when the walk is created', () => {
    expect(() => paginate(undefined as never)).toThrow(new ConfigurationError('fetchPage must be a function, got undefined', { option: 'fetchPage' }));
    expect(() => paginate(() => Promise.reject(new Error('unused')), { concurency: 2 } as never)).toThrow('(did you mean "concurrency"?)');
    expect(() => paginate(() => Promise.reject(new Error('unused')), { signal: {} as never })).toThrow('signal must be an AbortSignal, got an object');
  });

  it('toArray(): a limit that is not a whole number ≥ 0, or an unknown option, is refused before fetching', async () => {
    const { fake, client } = setup();
    await expect(client.tickets.list().toArray({ limit: '10' } as never)).rejects.toThrow('limit must be a whole number ≥ 0, got a string');
    await expect(client.tickets.list().toArray({ max: 10 } as never)).rejects.toThrow('Unknown option "max"');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('a signal from another realm or a polyfill', () => {
  type Foreign = { signal: AbortSignal; abort: (reason: unknown) => void };
  // node:vm realms have no AbortController (it is Node's, not the language's): the signal there is the realm's own code.
  const otherRealm = (): Foreign =>
    runInNewContext(`(() => {
      class Signal {
        constructor() { this.aborted = false; this.listeners = []; }
        addEventListener(type, listener) { this.listeners.push(listener); }
        removeEventListener(type, listener) { this.listeners = this.listeners.filter((l) => l !== listener); }
      }
      const signal = new Signal();
      return { signal, abort(reason) { signal.aborted = true; signal.reason = reason; for (const l of signal.listeners) l(); } };
    })()`) as Foreign;
  const polyfill = (): Foreign => {
    const signal = new PolyfillSignal();
    return { signal: signal as unknown as AbortSignal, abort: (reason) => signal.abort(reason) };
  };
  const calls: Array<[string, (c: ReturnType<typeof createClient>, signal: AbortSignal) => Promise<unknown>]> = [
    ['a facade call', (c, signal) => c.auth.me({ signal })],
    ['a list walk', (c, signal) => c.tickets.list({}, { signal }).toArray()],
    ['a low-level call', (c, signal) => c.GET('/v1/auth/me', { signal })],
  ];
  const cases = [
    ['another realm (node:vm)', otherRealm],
    ['a polyfill', polyfill],
  ].flatMap(([what, make]) => calls.map(([name, call]) => [what, name, make, call] as const));

  it.each(cases)('from %s cancels %s', async (_what, _name, make, call) => {
    const { fetch, started } = stallingFetch();
    const client = createClient({ apiKey: TEST_KEY, fetch, maxRetries: 0, rateLimit: { store: new MemoryRateLimitStore() } });
    const foreign = (make as () => Foreign)();
    const result = call(client, foreign.signal).then(() => 'resolved', (e: unknown) => e);
    await started;
    const reason = new Error('the user left');
    foreign.abort(reason);
    expect(await result).toBe(reason);
  });

  it.each(cases)('from %s, already aborted, fails %s at once with its reason, sending nothing', async (_what, _name, make, call) => {
    const fake = fakeFetch(() => json(200, me));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    const foreign = (make as () => Foreign)();
    const reason = new Error('cancelled before it began');
    foreign.abort(reason);
    await expect(call(client, foreign.signal)).rejects.toBe(reason);
    expect(fake.calls).toHaveLength(0);
  });
});
