/**
 * A request that failed before it reached the server — DNS, a refused connection — is a
 * ConnectionError with `mayHaveSucceeded: false` (so even a write without an idempotency key is
 * safely sent again), on every runtime's way of saying so. Whatever proves nothing stays "may
 * have succeeded": a write is repeated only when it certainly was not applied.
 *
 * The error shapes of the other runtimes are the ones they gave against a closed loopback port
 * and an unknown host (Deno 2.9, Bun 1.4, Chromium 156, workerd via miniflare, edge-runtime).
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionError, createClient, MemoryRateLimitStore } from '../../src/index.js';
import { neverSent } from '../../src/transport/fetch.js';
import { KEY, rejectionOf, trigger } from './helpers.js';

const withCause = (error: Error, cause: unknown): Error => Object.assign(error, { cause });
const coded = (message: string, code: string, Type: ErrorConstructor = Error): Error => Object.assign(new Type(message), { code });

const NEVER_SENT: Array<[string, () => unknown]> = [
  ['Node: refused (undici, code on the cause)', () => withCause(new TypeError('fetch failed'), coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))],
  ['Node: unknown host', () => withCause(new TypeError('fetch failed'), coded('getaddrinfo ENOTFOUND api.invalid', 'ENOTFOUND'))],
  ['Node: DNS unavailable', () => withCause(new TypeError('fetch failed'), coded('getaddrinfo EAI_AGAIN api.example', 'EAI_AGAIN'))],
  ['Node: every address refused (happy eyeballs)', () => withCause(new TypeError('fetch failed'), Object.assign(new AggregateError([coded('x', 'ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }))],
  ['Deno: refused, no code anywhere', () => withCause(new TypeError('fetch failed'), new Error('error sending request for url (http://127.0.0.1:9/x): client error (Connect): tcp connect error: Connection refused (os error 111)'))],
  ['Deno: unknown host, no code anywhere', () => withCause(new TypeError('fetch failed'), new Error('error sending request for url (http://api.invalid/x): client error (Connect): dns error: failed to lookup address information: Name or service not known'))],
  ['Bun: refused, code on the error itself', () => coded('ECONNREFUSED: Unable to connect. Is the computer able to access the url?', 'ECONNREFUSED', TypeError)],
  ['Bun: refused, no code', () => new TypeError('ECONNREFUSED: Unable to connect. Is the computer able to access the url?')],
  ['Bun: unknown host', () => coded('getaddrinfo ENOTFOUND api.invalid', 'ENOTFOUND', TypeError)],
  ['older Bun: ConnectionRefused', () => coded('Unable to connect. Is the computer able to access the url?', 'ConnectionRefused', TypeError)],
  ['edge-runtime: refused (undici underneath)', () => withCause(new TypeError('fetch failed'), coded('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))],
];

const MAY_HAVE_BEEN_SENT: Array<[string, () => unknown]> = [
  ['Chromium: "Failed to fetch" (refused, CORS, reset: it never says)', () => new TypeError('Failed to fetch')],
  ['workerd: "Network connection lost."', () => new Error('Network connection lost.')],
  ['Node: a reset', () => withCause(new TypeError('fetch failed'), coded('read ECONNRESET', 'ECONNRESET'))],
  ['Node: the other side closed', () => withCause(new TypeError('fetch failed'), coded('other side closed', 'UND_ERR_SOCKET'))],
  ['Deno: the request was sent, the connection closed', () => withCause(new TypeError('fetch failed'), new Error('error sending request: client error (SendRequest): connection closed before message completed'))],
  ['something that is not an error', () => 'boom'],
  ['a cause chain that loops', () => {
    const a = new TypeError('fetch failed') as Error & { cause?: unknown };
    a.cause = a;
    return a;
  }],
];

describe('neverSent', () => {
  it.each(NEVER_SENT)('%s: never sent', (_name, make) => expect(neverSent(make())).toBe(true));
  it.each(MAY_HAVE_BEEN_SENT)('%s: may have been sent', (_name, make) => expect(neverSent(make())).toBe(false));
});

describe('through the client, a write without an idempotency key', () => {
  const cases = [...NEVER_SENT.map(([name, make]) => [name, make, false] as const), ...MAY_HAVE_BEEN_SENT.map(([name, make]) => [name, make, true] as const)];
  it.each(cases)('%s: mayHaveSucceeded is %s, and the write is sent again only when it was not', async (_name, make, mayHaveSucceeded) => {
    let calls = 0;
    const failing = (() => {
      calls++;
      return Promise.reject(make());
    }) as unknown as typeof fetch;
    const client = createClient({ apiKey: KEY, baseUrl: 'https://127.0.0.1:9', fetch: failing, maxRetries: 1, logLevel: 'off', rateLimit: { store: new MemoryRateLimitStore() } });
    const error = await rejectionOf(client.events.trigger(trigger, { idempotencyKey: false }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ mayHaveSucceeded });
    expect((error as Error).message.includes('may have reached the server')).toBe(mayHaveSucceeded);
    expect(calls).toBe(mayHaveSucceeded ? 1 : 2);
  });
});

describe('on this runtime, for real', () => {
  it('a refused loopback connection: mayHaveSucceeded false', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const client = createClient({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, logLevel: 'off', rateLimit: { store: new MemoryRateLimitStore() } });
    const error = await rejectionOf(client.events.trigger(trigger, { idempotencyKey: false }));
    expect(error).toMatchObject({ name: 'ConnectionError', mayHaveSucceeded: false });
  });

  it('an unknown host (.invalid never resolves, RFC 6761): mayHaveSucceeded false', async () => {
    const client = createClient({ apiKey: KEY, baseUrl: 'https://opsmerge-api.invalid', maxRetries: 0, logLevel: 'off', rateLimit: { store: new MemoryRateLimitStore() } });
    const error = await rejectionOf(client.events.trigger(trigger, { idempotencyKey: false }));
    expect(error).toMatchObject({ name: 'ConnectionError', mayHaveSucceeded: false });
  });
});
