import { ApiError, ConfigurationError, OpsMergeError } from './errors/index.js';
import { defineError } from './errors/base.js';
import { parseRateLimitHeaders } from './headers/rate-limit.js';
import { checkAbortSignal, checkFunction, checkNumber, checkOptions, type CheckTable } from './internal/check.js';
import type { WithResponse } from './facade/api-promise.js';

/** The list envelope of the API: `{"data": {"items", "total", "page", "per_page"}}`. */
export interface ListEnvelope<T> {
  /** The items of this page. */
  items: T[];
  /** Items in the whole collection for this query. */
  total: number;
  /** The page returned, from 1. */
  page: number;
  /** Page size used for this response. */
  per_page: number;
}

/** Fetches one page (1-based). The signal aborts it when the walk ends early. */
export type PageFetcher<T> = (page: number, signal: AbortSignal) => Promise<WithResponse<ListEnvelope<T>>>;

/** Options of a list walk. */
export interface PaginationOptions {
  /**
   * Pages fetched ahead of the one being consumed, at once (1–4). Page numbers are known from
   * `total`, so further pages can be fetched in parallel; every request still goes through
   * the rate-limit pacer.
   * @default 1
   */
  concurrency?: number;
  /** Stops the walk (and aborts the pages in flight). Another realm's or a polyfill's signal works too. */
  signal?: AbortSignal;
}

/** Above this many items, `toArray()` needs an explicit `limit`. */
export const TO_ARRAY_CAP = 1000;

/** The server broke the pagination contract (for example it repeated a page). */
export class PaginationError extends OpsMergeError {
  static {
    defineError(this, 'PaginationError');
  }
}

/** One page of a list. */
export class Page<T> {
  /** The items of this page. */
  readonly items: T[];
  /** Items in the whole collection, as of this response. */
  readonly total: number;
  /** This page's number, from 1. */
  readonly page: number;
  /** Page size. */
  readonly perPage: number;
  /** The HTTP response of this page. */
  readonly response: Response;
  /** `X-Request-Id` of this page's response. */
  readonly requestId: string | undefined;
  readonly #fetcher: PageFetcher<T>;

  /** @internal */
  constructor(result: WithResponse<ListEnvelope<T>>, fetcher: PageFetcher<T>) {
    this.items = result.data.items;
    this.total = result.data.total;
    this.page = result.data.page;
    this.perPage = result.data.per_page;
    this.response = result.response;
    this.requestId = result.requestId;
    this.#fetcher = fetcher;
  }

  /** Whether another page holds items, by `total`. */
  hasNextPage(): boolean {
    return this.items.length > 0 && this.page * this.perPage < this.total;
  }

  /** Fetches the next page. Check {@link Page.hasNextPage} first. */
  async getNextPage(signal: AbortSignal = new AbortController().signal): Promise<Page<T>> {
    if (!this.hasNextPage()) throw new PaginationError(`page ${this.page} is the last page (total ${this.total}, ${this.perPage} per page)`);
    return new Page(await this.#fetcher(this.page + 1, signal), this.#fetcher);
  }
}

function signatureOf(items: readonly unknown[]): string {
  return items.map((item) => (item && typeof item === 'object' && 'id' in item ? String((item as { id: unknown }).id) : JSON.stringify(item))).join('\u0000');
}

const checkStartPage = checkNumber({ min: 1, integer: true });
const checkLimit = checkNumber({ min: 0, integer: true });

/** The check of every list walk option (`paginate()`, and a facade list call's `concurrency` and `signal`). */
export const PAGINATION_OPTION_CHECKS: CheckTable<keyof PaginationOptions> = {
  concurrency: checkNumber({ min: 1, max: 4, integer: true }),
  signal: checkAbortSignal,
};

/**
 * What a list call returns: await it for the first page, or iterate it for every item.
 * While you consume page N, the next page is already in flight (`concurrency` pages ahead).
 * The walk stops at `total` or at an empty page, fails on a repeated page, holds only the pages
 * in flight in memory, and aborts what is in flight when you stop early.
 *
 * @example
 * ```ts
 * for await (const agent of client.agents.list({ status: 'online' })) console.log(agent.hostname);
 * const first = await client.agents.list({ per_page: 100 });
 * const some = await client.agents.list().toArray({ limit: 500 });
 * ```
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetcher: PageFetcher<T>;
  readonly #concurrency: number;
  readonly #signal: AbortSignal | undefined;
  readonly #start: number;
  #first: Promise<Page<T>> | undefined;
  #firstController = new AbortController();

  /** @internal `start` is the page the walk begins at (a list call's `page` parameter). */
  constructor(fetcher: PageFetcher<T>, options: PaginationOptions = {}, start = 1) {
    checkStartPage(start, 'page');
    checkOptions(options, PAGINATION_OPTION_CHECKS, 'paginate()');
    this.#start = start;
    this.#fetcher = fetcher;
    this.#concurrency = options.concurrency ?? 1;
    this.#signal = options.signal;
    if (this.#signal) this.#signal.addEventListener('abort', () => this.#firstController.abort(this.#signal?.reason), { once: true });
  }

  #fetchPage(n: number, signal: AbortSignal): Promise<Page<T>> {
    return this.#fetcher(n, signal).then((r) => new Page(r, this.#fetcher));
  }

  #firstPage(): Promise<Page<T>> {
    return (this.#first ??= this.#fetchPage(this.#start, this.#firstController.signal));
  }

  /** Resolves to the first page. */
  then<R1 = Page<T>, R2 = never>(
    onfulfilled?: ((value: Page<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  /** Handles a failure to fetch the first page. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.then(undefined, onrejected);
  }

  /** The first page with its response, request id and rate-limit state. */
  async withResponse(): Promise<WithResponse<Page<T>>> {
    const page = await this.#firstPage();
    return { data: page, response: page.response, requestId: page.requestId, rateLimit: undefined };
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(this.#signal?.reason);
    this.#signal?.addEventListener('abort', onAbort, { once: true });
    const inFlight = new Map<number, Promise<Page<T>>>();
    const fetchPage = (n: number): Promise<Page<T>> => {
      const p = this.#fetchPage(n, controller.signal);
      p.catch(() => undefined); // awaited later, or abandoned when the walk ends
      return p;
    };
    try {
      let page = await this.#firstPage();
      let previous: string | undefined;
      for (let n = this.#start; ; n++) {
        if (page.items.length === 0) return;
        const signature = signatureOf(page.items);
        if (signature === previous) {
          throw new PaginationError(`page ${n} repeats page ${n - 1}: the server ignored the page parameter, so the walk stopped`);
        }
        previous = signature;
        const lastPage = Math.ceil(page.total / page.perPage);
        // Prefetch while the caller works on this page.
        for (let ahead = n + 1; ahead <= Math.min(lastPage, n + this.#concurrency); ahead++) {
          if (!inFlight.has(ahead)) inFlight.set(ahead, fetchPage(ahead));
        }
        yield page;
        if (n >= lastPage) return;
        const next = inFlight.get(n + 1) ?? fetchPage(n + 1);
        inFlight.delete(n + 1);
        page = await next;
      }
    } finally {
      this.#signal?.removeEventListener('abort', onAbort);
      if (inFlight.size > 0) controller.abort(new PaginationError('the list walk ended; this page was no longer needed'));
    }
  }

  /** Every item of every page, in order: `for await (const item of list) …`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /**
   * Collects items into an array. Above {@link TO_ARRAY_CAP} items a `limit` is required, so a
   * huge list is never pulled into memory by accident.
   */
  async toArray(options: { limit?: number } = {}): Promise<T[]> {
    checkOptions(options, { limit: checkLimit }, 'toArray()');
    const { limit } = options;
    const first = await this.#firstPage();
    if (limit === undefined && first.total > TO_ARRAY_CAP) {
      throw new ConfigurationError(
        `this list has ${first.total} items; toArray() collects at most ${TO_ARRAY_CAP} without an explicit limit. ` +
          'Pass { limit } or iterate with for await…of to keep memory constant.',
        { option: 'limit' },
      );
    }
    const out: T[] = [];
    const max = limit ?? TO_ARRAY_CAP;
    if (max === 0) return out;
    for await (const item of this) {
      out.push(item);
      if (out.length >= max) break;
    }
    return out;
  }
}

/** The result of a low-level list call (`client.GET('/v1/agents', …)`). */
export interface LowLevelListResult<T> {
  /** The parsed success body, `{ data: { items, total, page, per_page } }`. */
  data?: {
    /** The page: its items and the list's paging fields. */
    data: ListEnvelope<T>;
  };
  /** The parsed error body, when the status was not 2xx. */
  error?: unknown;
  /** The HTTP response. */
  response: Response;
}

/**
 * Walks a list through the low-level client: give it a function that fetches page `n`.
 *
 * @example
 * ```ts
 * const agents = paginate((page, signal) =>
 *   client.GET('/v1/agents', { params: { query: { page, per_page: 100, status: 'online' } }, signal }),
 * );
 * for await (const agent of agents) console.log(agent.hostname);
 * ```
 */
export function paginate<T>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<LowLevelListResult<T>>,
  options: PaginationOptions = {},
): PagePromise<T> {
  checkFunction(fetchPage, 'fetchPage');
  const fetcher: PageFetcher<T> = async (page, signal) => {
    const { data, error, response } = await fetchPage(page, signal);
    if (!data) {
      const url = new URL(response.url || 'http://invalid/');
      throw ApiError.fromResponse({ status: response.status, body: error, headers: response.headers, method: 'GET', path: url.pathname });
    }
    return { data: data.data, response, requestId: response.headers.get('x-request-id') ?? undefined, rateLimit: parseRateLimitHeaders(response.headers, Date.now()) };
  };
  return new PagePromise(fetcher, options);
}
