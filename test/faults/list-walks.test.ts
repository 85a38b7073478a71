/**
 * A list walk always ends, whatever the server says about its pages: a hostile list server on
 * loopback breaks the paging contract in each way, and each way of walking (`for await`,
 * `.pages()`, `.toArray()`, `paginate()` over the low-level client, and a `getNextPage()` loop)
 * ends with a typed PaginationError naming the reason, after a bounded number of requests.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PAGES, PagePromise, PaginationError, paginate, type ListEnvelope, type OpsMergeClient, type PaginationErrorReason, type PaginationOptions } from '../../src/index.js';
import type { Fault } from './fault-server.js';
import { faultClient, rejectionOf, useFaultServer } from './helpers.js';

const server = useFaultServer();

interface Answer {
  items: Array<{ id: string }>;
  total: number;
  page: number;
  per_page: number;
}

/** A `/v1/tickets` server whose answer to `?page=&per_page=` is up to `answer`. */
function listServer(answer: (page: number, perPage: number) => Answer): Fault {
  return (req: IncomingMessage, res, { id }) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '50');
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': id }).end(JSON.stringify({ data: answer(page, perPage) }));
  };
}

const ids = (from: number, count: number): Array<{ id: string }> => Array.from({ length: count }, (_, i) => ({ id: `tkt_${String(from + i).padStart(10, '0')}` }));
/** An honest page `page` of a collection of `total`. */
const honest = (total: number) => (page: number, perPage: number): Answer => ({ items: ids((page - 1) * perPage, Math.max(0, Math.min(perPage, total - (page - 1) * perPage))), total, page, per_page: perPage });

const hostile: Array<[string, PaginationErrorReason, (page: number, perPage: number) => Answer]> = [
  ['per_page: 0', 'per-page', (page) => ({ items: ids(page, 1), total: 1000, page, per_page: 0 })],
  ['a server that ignores page (always page 1)', 'page-mismatch', (_page, perPage) => honest(1000)(1, perPage)],
  ['a server that repeats the items of a page under the next number', 'repeated-page', (page, perPage) => ({ ...honest(1000)(1, perPage), page })],
  ['an empty page before total', 'empty-page', (page, perPage) => (page >= 3 ? { items: [], total: 1000, page, per_page: perPage } : honest(1000)(page, perPage))],
];

/** One way of walking the list; `options` are the walk's (`maxPages`). */
type Walk = (client: OpsMergeClient, options?: PaginationOptions) => Promise<unknown>;
const walks: Array<[string, Walk]> = [
  [
    'for await',
    async (client, options) => {
      for await (const ticket of client.tickets.list({ per_page: 10 }, options)) void ticket;
    },
  ],
  [
    '.pages()',
    async (client, options) => {
      for await (const page of client.tickets.list({ per_page: 10 }, options).pages()) void page;
    },
  ],
  ['.toArray({ limit })', (client, options) => client.tickets.list({ per_page: 10 }, options).toArray({ limit: 100_000 })],
  [
    'paginate() over client.GET',
    async (client, options) => {
      const walk = paginate((page, signal) => client.GET('/v1/tickets', { params: { query: { page, per_page: 10 } }, signal }), options);
      for await (const ticket of walk) void ticket;
    },
  ],
];
/** A caller's own loop: `maxPages` is a walk's, so this one is bounded by total alone. */
const manual: [string, Walk] = [
  'a getNextPage() loop',
  async (client) => {
    let page = await client.tickets.list({ per_page: 10 });
    while (page.hasNextPage()) page = await page.getNextPage();
  },
];

describe('a list walk over a server that breaks the paging contract ends with a PaginationError', () => {
  const cases = hostile.flatMap(([name, reason, answer]) => [...walks, manual].map(([how, walk]) => [name, how, reason, answer, walk] as const));
  it.each(cases)('%s, walked with %s', async (_name, _how, reason, answer, walk) => {
    server.respond(listServer(answer));
    const error = await rejectionOf(walk(faultClient(server)));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ reason });
    expect(server.requests.length).toBeLessThanOrEqual(4); // found at the first broken page (plus one prefetch)
  });
});

describe('a total that never comes within reach', () => {
  it('a total that grows with every page does not move the end: the walk stops at the pages the first page announced', async () => {
    // Every answer claims one more page than the one asked for, with fresh items.
    server.respond(listServer((page, perPage) => ({ items: ids((page - 1) * perPage, perPage), total: (page + 1) * perPage, page, per_page: perPage })));
    const items = await faultClient(server).tickets.list({ per_page: 10 }).toArray({ limit: 100_000 });
    expect(items).toHaveLength(20);
    expect(server.requests).toHaveLength(2);
  });

  it.each(walks)('an absurd total with fresh items on every page ends at maxPages, walked with %s', async (_how, walk) => {
    server.respond(listServer((page, perPage) => ({ items: ids((page - 1) * perPage, perPage), total: Number.MAX_SAFE_INTEGER, page, per_page: perPage })));
    const error = await rejectionOf(walk(faultClient(server), { maxPages: 7 }));
    expect(error).toMatchObject({ name: 'PaginationError', reason: 'too-many-pages' });
    expect((error as Error).message).toMatch(/^the walk fetched 7 pages \(maxPages\) of \d+$/);
    expect(server.requests).toHaveLength(7);
  });

  it(`stops at ${DEFAULT_MAX_PAGES} pages by default`, async () => {
    let requested = 0;
    const fetcher = (page: number) => {
      requested++;
      const data: ListEnvelope<{ id: string }> = { items: ids(page, 1), total: Number.MAX_SAFE_INTEGER, page, per_page: 1 };
      return Promise.resolve({ data, response: new Response(null), requestId: undefined, rateLimit: undefined });
    };
    const error = await rejectionOf(new PagePromise(fetcher).toArray({ limit: Number.MAX_SAFE_INTEGER }));
    expect(error).toMatchObject({ name: 'PaginationError', reason: 'too-many-pages' });
    expect(requested).toBe(DEFAULT_MAX_PAGES);
  });
});

describe('an honest server', () => {
  it.each([...walks, manual])('walked with %s: each page asked for once, and none past the last', async (_how, walk) => {
    server.respond(listServer(honest(95)));
    await walk(faultClient(server));
    expect(server.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('page'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });
});
