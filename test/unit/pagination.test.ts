import { describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, MemoryRateLimitStore } from '../../src/index.js';
import { PaginationError, paginate } from '../../src/pagination.js';
import { fakeFetch, json, TEST_KEY, type RecordedRequest } from '../support/fake-fetch.js';

interface ListServer {
  total: number;
  delayMs?: number;
  /** Changes the answer for one request. */
  override?: (page: number, perPage: number, request: RecordedRequest) => Response | undefined;
}

/** A fake `/v1/tickets` list of `total` items, recording the pages asked for and aborts. */
function listApi(server: ListServer) {
  const pages: number[] = [];
  const aborted: number[] = [];
  const fake = fakeFetch(async (request) => {
    const page = Number(request.url.searchParams.get('page') ?? 1);
    const perPage = Number(request.url.searchParams.get('per_page') ?? 50);
    pages.push(page);
    if (server.delayMs) await new Promise((r) => setTimeout(r, server.delayMs));
    const custom = server.override?.(page, perPage, request);
    if (custom) return custom;
    const start = (page - 1) * perPage;
    const items = Array.from({ length: Math.max(0, Math.min(perPage, server.total - start)) }, (_, i) => ({ id: `tkt_${String(start + i).padStart(10, '0')}` }));
    return json(200, { data: { items, total: server.total, page, per_page: perPage } });
  });
  const wrapped: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const page = Number(new URL(request.url).searchParams.get('page'));
    request.signal.addEventListener('abort', () => aborted.push(page));
    return fake.fetch(input, init);
  };
  const client = createClient({ apiKey: TEST_KEY, fetch: wrapped, rateLimit: { store: new MemoryRateLimitStore() }, maxRetries: 0 });
  return { client: Object.assign(client, { fetchForTest: wrapped }), pages, aborted, fake };
}

describe('list walks', () => {
  it('awaits to the first page with items, total, page, perPage and the next page', async () => {
    const { client } = listApi({ total: 120 });
    const first = await client.tickets.list({ per_page: 50 });
    expect(first.items).toHaveLength(50);
    expect(first).toMatchObject({ total: 120, page: 1, perPage: 50 });
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.page).toBe(2);
    const third = await second.getNextPage();
    expect(third.items).toHaveLength(20);
    expect(third.hasNextPage()).toBe(false);
    await expect(third.getNextPage()).rejects.toBeInstanceOf(PaginationError);
  });

  it('walks every item in order with for await, stopping at total', async () => {
    const { client, pages } = listApi({ total: 230 });
    const ids: string[] = [];
    for await (const ticket of client.tickets.list({ per_page: 100 })) ids.push(ticket.id);
    expect(ids).toHaveLength(230);
    expect(ids[229]).toBe('tkt_0000000229');
    expect(new Set(ids).size).toBe(230);
    expect(pages.sort()).toEqual([1, 2, 3]);
  });

  it('has the next page in flight while the caller consumes the current one', async () => {
    const { client, pages } = listApi({ total: 300 });
    const iterator = client.tickets.list({ per_page: 100 }).pages()[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((r) => setTimeout(r, 10));
    expect(pages).toEqual([1, 2]);
    await iterator.return(undefined);
  });

  it('sends no request beyond the one in flight after an early break, and aborts that one', async () => {
    const { client, pages, aborted } = listApi({ total: 1000, delayMs: 30 });
    let seen = 0;
    for await (const ticket of client.tickets.list({ per_page: 10 })) {
      void ticket;
      if (++seen === 15) break;
    }
    await new Promise((r) => setTimeout(r, 80));
    expect(pages).toEqual([1, 2, 3]);
    expect(aborted).toEqual([3]);
  });

  it('rethrows an error on page 3 after yielding pages 1 and 2', async () => {
    const { client } = listApi({
      total: 500,
      override: (page) => (page === 3 ? json(404, { error: { code: 'NOT_FOUND', message: 'gone', request_id: 'req_00000000000000000000dead' } }) : undefined),
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const ticket of client.tickets.list({ per_page: 100 })) seen.push(ticket.id);
    })().then(() => undefined, (e: unknown) => e);
    expect(seen).toHaveLength(200);
    expect(error).toMatchObject({ name: 'NotFoundError', status: 404 });
  });

  it('follows a total that shrinks during the walk', async () => {
    let total = 250;
    const { client, pages } = listApi({
      get total() {
        return total;
      },
      override: (page) => {
        if (page === 2) total = 150; // items were deleted while we walked
        return undefined;
      },
    });
    const ids: string[] = [];
    for await (const ticket of client.tickets.list({ per_page: 100 })) ids.push(ticket.id);
    expect(ids).toHaveLength(150);
    expect(pages.sort()).toEqual([1, 2]);
  });

  it('yields nothing for an empty collection, after one request', async () => {
    const { client, pages } = listApi({ total: 0 });
    const items: unknown[] = [];
    for await (const t of client.tickets.list()) items.push(t);
    expect(items).toEqual([]);
    expect(pages).toEqual([1]);
  });

  it('fails at an empty page when its total promises more, after the items before it', async () => {
    const { client } = listApi({ total: 500, override: (page, perPage) => (page === 2 ? json(200, { data: { items: [], total: 500, page, per_page: perPage } }) : undefined) });
    const ids: string[] = [];
    const error = await (async () => {
      for await (const t of client.tickets.list({ per_page: 100 })) ids.push(t.id);
    })().then(() => undefined, (e: unknown) => e);
    expect(ids).toHaveLength(100);
    expect(error).toMatchObject({ name: 'PaginationError', reason: 'empty-page' });
  });

  it('stops quietly at an empty page when its own total says nothing is left (items deleted during the walk)', async () => {
    const { client } = listApi({ total: 500, override: (page, perPage) => (page === 2 ? json(200, { data: { items: [], total: 100, page, per_page: perPage } }) : undefined) });
    const ids: string[] = [];
    for await (const t of client.tickets.list({ per_page: 100 })) ids.push(t.id);
    expect(ids).toHaveLength(100);
  });

  it('detects a server that repeats a page', async () => {
    const { client } = listApi({
      total: 500,
      override: (page, perPage) =>
        page > 1 ? json(200, { data: { items: Array.from({ length: perPage }, (_, i) => ({ id: `tkt_${String(i).padStart(10, '0')}` })), total: 500, page, per_page: perPage } }) : undefined,
    });
    const error = await client.tickets.list({ per_page: 100 }).toArray({ limit: 500 }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(/page 2 repeats page 1/);
    expect(error).toMatchObject({ reason: 'repeated-page' });
  });

  it('fetches up to 4 pages at once with concurrency: 4, in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { client, pages } = listApi({
      total: 1000,
      override: () => {
        maxInFlight = Math.max(maxInFlight, inFlight);
        return undefined;
      },
    });
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      await new Promise((r) => setTimeout(r, 10));
      try {
        return await client.fetchForTest(input, init);
      } finally {
        inFlight--;
      }
    };
    const walker = createClient({ apiKey: TEST_KEY, fetch: counting, rateLimit: { store: new MemoryRateLimitStore() } });
    const ids: string[] = [];
    for await (const t of walker.tickets.list({ per_page: 100 }, { concurrency: 4 })) ids.push(t.id);
    expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => `tkt_${String(i).padStart(10, '0')}`));
    expect(pages.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(maxInFlight).toBe(4);
  });

  it('keeps concurrency: 4 inside the rate-limit budget', async () => {
    const limit = 3;
    const perWindow = new Map<number, number>();
    let rejected = 0;
    const fake = fakeFetch((request) => {
      const window = Math.floor(Date.now() / 1000);
      const used = (perWindow.get(window) ?? 0) + 1;
      perWindow.set(window, used);
      const headers = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, limit - used)), 'x-ratelimit-reset': String(window + 1) };
      if (used > limit) {
        rejected++;
        return json(429, { error: { code: 'RATE_LIMITED', message: 'slow down', request_id: 'req_000000000000000000000000' } }, { ...headers, 'retry-after': '1' });
      }
      const page = Number(request.url.searchParams.get('page'));
      return json(200, { data: { items: [{ id: `tkt_${page}` }], total: 6, page, per_page: 1 } }, headers);
    });
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() }, maxRetries: 0 });
    const ids = await client.tickets.list({ per_page: 1 }, { concurrency: 4 }).toArray();
    expect(ids).toHaveLength(6);
    expect(rejected).toBe(0);
  });

  it('starts the walk at the page the caller asks for', async () => {
    const { client, pages } = listApi({ total: 250 });
    const first = await client.tickets.list({ page: 2, per_page: 100 });
    expect(first.page).toBe(2);
    const ids: string[] = [];
    for await (const t of client.tickets.list({ page: 2, per_page: 100 })) ids.push(t.id);
    expect(ids[0]).toBe('tkt_0000000100');
    expect(ids).toHaveLength(150);
    expect(pages.filter((p) => p === 1)).toEqual([]);
  });

  it('rejects concurrency outside 1–4 when the walk is awaited or iterated, sending nothing', async () => {
    const { client, fake } = listApi({ total: 1 });
    const walk = client.tickets.list({}, { concurrency: 8 });
    await expect(walk).rejects.toThrow(ConfigurationError);
    await expect(walk.toArray()).rejects.toThrow('concurrency must be a whole number from 1 to 4, got 8');
    expect(fake.calls).toHaveLength(0);
  });

  it('needs an explicit limit in toArray() above the cap', async () => {
    const { client } = listApi({ total: 5000 });
    await expect(client.tickets.list({ per_page: 100 }).toArray()).rejects.toThrow(/toArray\(\) collects at most 1000 without an explicit limit/);
    expect(await client.tickets.list({ per_page: 100 }).toArray({ limit: 250 })).toHaveLength(250);
  });

  it('works over the low-level client with paginate()', async () => {
    const { client } = listApi({ total: 130 });
    const walk = paginate((page, signal) => client.GET('/v1/tickets', { params: { query: { page, per_page: 50 } }, signal }));
    const ids: string[] = [];
    for await (const t of walk) ids.push(t.id);
    expect(ids).toHaveLength(130);
  });
});
