/**
 * Combining signals without `AbortSignal.any` (missing on Vercel's edge-runtime and Safari
 * before 17.4): the helper, and a list walk with a caller's signal, with `AbortSignal.any`
 * deleted for the duration of each test.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, MemoryRateLimitStore } from '../../src/index.js';
import { anySignal } from '../../src/internal/any-signal.js';
import { fakeFetch, json, TEST_KEY } from '../support/fake-fetch.js';

const native = AbortSignal.any;
beforeEach(() => {
  delete (AbortSignal as { any?: unknown }).any;
});
afterEach(() => {
  AbortSignal.any = native;
});

describe('anySignal without AbortSignal.any', () => {
  it('aborts with the reason of whichever signal aborts first, and lets go of the others', () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const { signal } = anySignal([a.signal, b.signal]);
    expect(signal.aborted).toBe(false);
    const reason = new Error('b first');
    b.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    a.abort(new Error('a later'));
    expect(signal.reason).toBe(reason);
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);
  });

  it('is aborted at once when a signal already is', () => {
    const reason = new Error('already');
    const { signal } = anySignal([new AbortController().signal, AbortSignal.abort(reason)]);
    expect(signal.reason).toBe(reason);
  });

  it('removes its listeners on release', () => {
    const [a, b] = [new AbortController(), new AbortController()];
    const combined = anySignal([a.signal, b.signal]);
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(1);
    combined.release();
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(b.signal, 'abort')).toHaveLength(0);
    a.abort();
    expect(combined.signal.aborted).toBe(false);
  });

  it('returns a lone signal as it is, and leaves undefined ones out', () => {
    const a = new AbortController();
    expect(anySignal([a.signal, undefined]).signal).toBe(a.signal);
  });
});

/** A `/v1/agents` list of 25 items, 10 per page. */
function listClient() {
  const fake = fakeFetch((request) => {
    const page = Number(request.url.searchParams.get('page'));
    const items = Array.from({ length: Math.min(10, 25 - (page - 1) * 10) }, (_, i) => ({ id: `agt_${(page - 1) * 10 + i}` }));
    return json(200, { data: { items, total: 25, page, per_page: 10 } });
  });
  return { fake, client: createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() }, logLevel: 'off' }) };
}

describe('agents.list(query, { signal }) without AbortSignal.any', () => {
  it('walks every page, and leaves no listener on the caller signal', async () => {
    expect(AbortSignal.any).toBeUndefined();
    const caller = new AbortController();
    const { client, fake } = listClient();
    const items = await client.agents.list({ per_page: 10 }, { signal: caller.signal }).toArray();
    expect(items).toHaveLength(25);
    expect(fake.calls).toHaveLength(3);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it("stops the walk with the caller's reason when the caller aborts, even with the next page already fetched; an aborted signal fails the first page", async () => {
    const caller = new AbortController();
    const { client } = listClient();
    const reason = new Error('stop');
    const seen: string[] = [];
    const walk = (async () => {
      for await (const agent of client.agents.list({ per_page: 10 }, { signal: caller.signal })) {
        seen.push(agent.id);
        if (seen.length === 12) caller.abort(reason);
      }
    })();
    await expect(walk).rejects.toBe(reason);
    expect(seen.length).toBeLessThan(25);
    const first = await client.agents.list({ per_page: 10 }, { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(first).toBe(reason);
  });
});
