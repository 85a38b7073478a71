import { ApiError, ConfigurationError, OpsMergeError, ResponseShapeError, type OpsMergeErrorJSON } from './errors/index.js';
import { defineError, isError } from './errors/base.js';
import { parseRateLimitHeaders } from './headers/rate-limit.js';
import { checkAbortSignal, checkFunction, checkNumber, checkOptions, type CheckTable } from './internal/check.js';
import type { WithResponse } from './facade/api-promise.js';
import { lastPageOf, pageProblem, walkEnd, type PageFacts, type PaginationErrorReason } from './page-rules.js';
import { listProblem } from './transport/envelope.js';

export type { PaginationErrorReason } from './page-rules.js';

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
  /**
   * The most pages one walk (`for await`, `.pages()`, `.toArray()`) fetches; past it the walk
   * fails with a `PaginationError` (reason `too-many-pages`) rather than follow a server whose
   * list never ends. Raise it for a walk over more than a million items.
   * @default 10_000
   */
  maxPages?: number;
}

/** The default of {@link PaginationOptions.maxPages}: a million items at 100 per page. */
export const DEFAULT_MAX_PAGES = 10_000;

/** Above this many items, `toArray()` needs an explicit `limit`. */
export const TO_ARRAY_CAP = 1000;

/** What `PaginationError#toJSON()` returns. */
export interface PaginationErrorJSON extends OpsMergeErrorJSON {
  /** Why the walk failed. */
  reason: PaginationErrorReason;
}

/**
 * A list walk cannot go on: the server broke the paging contract (it ignored `page`, repeated a
 * page, answered an empty page before `total`, sent `per_page: 0`), the walk reached its
 * `maxPages`, or `getNextPage()` was called on the last page. `reason` says which.
 */
export class PaginationError extends OpsMergeError {
  static {
    defineError(this, 'PaginationError', ['reason']);
  }

  /** Why the walk failed. */
  readonly reason: PaginationErrorReason;

  /**
   * @param message - What happened, naming the pages.
   * @param reason - Why the walk failed.
   */
  constructor(message: string, reason: PaginationErrorReason) {
    super(message);
    this.reason = reason;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface PaginationError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): PaginationErrorJSON;
}

/** Whether `value` is a {@link PaginationError}. */
export function isPaginationError(value: unknown): value is PaginationError {
  return isError(value, PaginationError);
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
  // The last page by the smallest total seen since the first page (see walkEnd).
  readonly #end: number;

  /** @internal `end` is the walk's last page so far, when this page was reached from another. */
  constructor(result: WithResponse<ListEnvelope<T>>, fetcher: PageFetcher<T>, end = Infinity) {
    this.items = result.data.items;
    this.total = result.data.total;
    this.page = result.data.page;
    this.perPage = result.data.per_page;
    this.response = result.response;
    this.requestId = result.requestId;
    this.#fetcher = fetcher;
    this.#end = walkEnd(end, facts(this));
  }

  /** Whether another page holds items, by `total` (the smallest seen since the first page). */
  hasNextPage(): boolean {
    return this.items.length > 0 && (this.perPage < 1 || this.page < this.#end);
  }

  /**
   * Fetches the next page. Check {@link Page.hasNextPage} first. Fails with a `PaginationError`
   * on the last page, and when the next page breaks the paging contract.
   */
  async getNextPage(signal: AbortSignal = new AbortController().signal): Promise<Page<T>> {
    if (!this.hasNextPage()) throw new PaginationError(`page ${this.page} is the last page (total ${this.total}, ${this.perPage} per page)`, 'last-page');
    check(this, this.page, undefined); // this page's own faults (per_page below 1) stop here, before a request
    const next = new Page(await this.#fetcher(this.page + 1, signal), this.#fetcher, this.#end);
    check(next, this.page + 1, this);
    return next;
  }
}

function facts(page: Page<unknown>): PageFacts {
  return { page: page.page, perPage: page.perPage, total: page.total, count: page.items.length };
}

function signatureOf(items: readonly unknown[]): string {
  return items.map((item) => (item && typeof item === 'object' && 'id' in item ? String((item as { id: unknown }).id) : JSON.stringify(item))).join('\u0000');
}

/** Throws the `PaginationError` of a page that breaks the paging contract (see page-rules.ts). */
function check(page: Page<unknown>, asked: number, previous: Page<unknown> | undefined): void {
  const same = previous !== undefined && page.items.length === previous.items.length && signatureOf(page.items) === signatureOf(previous.items);
  const problem = pageProblem(facts(page), asked, same);
  if (problem) throw new PaginationError(problem.message, problem.reason);
}

const checkStartPage = checkNumber({ min: 1, integer: true });
const checkLimit = checkNumber({ min: 0, integer: true });

/** The check of every list walk option (`paginate()`, and a facade list call's `concurrency`, `signal` and `maxPages`). */
export const PAGINATION_OPTION_CHECKS: CheckTable<keyof PaginationOptions> = {
  concurrency: checkNumber({ min: 1, max: 4, integer: true }),
  signal: checkAbortSignal,
  maxPages: checkNumber({ min: 1, integer: true }),
};

/**
 * What a list call returns: await it for the first page, or iterate it for every item.
 * While you consume page N, the next page is already in flight (`concurrency` pages ahead).
 * The walk always ends: at the last page by `total` (a total that shrinks during the walk ends
 * it earlier, one that grows does not move it), or with a `PaginationError` when the server
 * breaks the paging contract or the walk reaches `maxPages`. It holds only the pages in flight
 * in memory, and aborts what is in flight when you stop early.
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
  readonly #maxPages: number;
  #first: Promise<Page<T>> | undefined;

  /** @internal `start` is the page the walk begins at (a list call's `page` parameter). */
  constructor(fetcher: PageFetcher<T>, options: PaginationOptions = {}, start = 1) {
    checkStartPage(start, 'page');
    checkOptions(options, PAGINATION_OPTION_CHECKS, 'paginate()');
    this.#start = start;
    this.#fetcher = fetcher;
    this.#concurrency = options.concurrency ?? 1;
    this.#maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.#signal = options.signal;
  }

  #fetchPage(n: number, signal: AbortSignal): Promise<Page<T>> {
    return this.#fetcher(n, signal).then((r) => new Page(r, this.#fetcher));
  }

  #firstPage(): Promise<Page<T>> {
    // The caller's signal as it is: a listener on it would outlive the walk.
    return (this.#first ??= this.#fetchPage(this.#start, this.#signal ?? new AbortController().signal));
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
    // The walk never asks for a page past this one.
    const lastAllowed = this.#start + this.#maxPages - 1;
    try {
      let page = await this.#firstPage();
      let previous: Page<T> | undefined;
      let end = Infinity;
      for (let n = this.#start; ; n++) {
        // A page already here is not handed out once the caller aborted.
        if (this.#signal?.aborted) throw this.#signal.reason;
        check(page, n, previous);
        if (page.items.length === 0) return; // an empty page where total says nothing is left
        end = walkEnd(end, facts(page));
        // Prefetch while the caller works on this page.
        for (let ahead = n + 1; ahead <= Math.min(end, lastAllowed, n + this.#concurrency); ahead++) {
          if (!inFlight.has(ahead)) inFlight.set(ahead, fetchPage(ahead));
        }
        yield page;
        if (n >= end) return;
        if (n >= lastAllowed) {
          throw new PaginationError(
            `the walk fetched ${this.#maxPages} pages (maxPages) of ${lastPageOf(page.total, page.perPage)}`,
            'too-many-pages',
          );
        }
        const next = inFlight.get(n + 1) ?? fetchPage(n + 1);
        inFlight.delete(n + 1);
        previous = page;
        page = await next;
      }
    } finally {
      this.#signal?.removeEventListener('abort', onAbort);
      if (inFlight.size > 0) controller.abort(new PaginationError('the list walk ended; this page was no longer needed', 'walk-ended'));
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
    const path = new URL(response.url || 'http://invalid/').pathname;
    if (!data) throw ApiError.fromResponse({ status: response.status, body: error, headers: response.headers, method: 'GET', path });
    // The low-level client checks the envelope of the operations it knows; a fetchPage may be anything.
    const problem = listProblem(data.data);
    if (problem) throw new ResponseShapeError({ operation: `GET ${path}`, method: 'GET', path, status: response.status, headers: response.headers, problem });
    return { data: data.data, response, requestId: response.headers.get('x-request-id') ?? undefined, rateLimit: parseRateLimitHeaders(response.headers, Date.now()) };
  };
  return new PagePromise(fetcher, options);
}
