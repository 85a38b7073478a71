/**
 * The option checks of a list walk and the PaginationError class, message for message:
 * these messages are what a caller sees for a bad `page`, `concurrency` or `limit`.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, isOpsMergeError, OpsMergeError, PagePromise, PaginationError, type ListEnvelope } from '../../src/index.js';

function fetcherOf(total: number, perPage = 2) {
  const calls: number[] = [];
  const fetcher = (page: number): Promise<{ data: ListEnvelope<{ id: number }>; response: Response; requestId: string | undefined; rateLimit: undefined }> => {
    calls.push(page);
    const first = (page - 1) * perPage;
    const items = Array.from({ length: Math.max(0, Math.min(perPage, total - first)) }, (_, i) => ({ id: first + i }));
    return Promise.resolve({ data: { items, total, page, per_page: perPage }, response: new Response(), requestId: undefined, rateLimit: undefined });
  };
  return { fetcher, calls };
}

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('list walk options', () => {
  it.each([
    [0, 'concurrency must be a whole number from 1 to 4, got 0'],
    [5, 'concurrency must be a whole number from 1 to 4, got 5'],
    [1.5, 'concurrency must be a whole number from 1 to 4, got 1.5'],
    [Number.NaN, 'concurrency must be a whole number from 1 to 4, got NaN'],
  ])('rejects concurrency %s', (concurrency, message) => {
    const error = configurationError(() => new PagePromise(fetcherOf(10).fetcher, { concurrency }));
    expect(error.message).toBe(message);
    expect(error.option).toBe('concurrency');
  });

  it.each([1, 4])('accepts concurrency %i', (concurrency) => {
    expect(() => new PagePromise(fetcherOf(10).fetcher, { concurrency })).not.toThrow();
  });

  it.each([
    [0, 'page must be a whole number ≥ 1, got 0'],
    [-3, 'page must be a whole number ≥ 1, got -3'],
    [2.5, 'page must be a whole number ≥ 1, got 2.5'],
  ])('rejects start page %s, before checking concurrency', (start, message) => {
    const error = configurationError(() => new PagePromise(fetcherOf(10).fetcher, { concurrency: 9 }, start));
    expect(error.message).toBe(message);
    expect(error.option).toBe('page');
  });

  it.each([
    [-1, 'limit must be a whole number ≥ 0, got -1'],
    [0.5, 'limit must be a whole number ≥ 0, got 0.5'],
  ])('toArray rejects limit %s before fetching anything', async (limit, message) => {
    const { fetcher, calls } = fetcherOf(10);
    const walk = new PagePromise(fetcher);
    await expect(walk.toArray({ limit })).rejects.toThrow(new ConfigurationError(message, { option: 'limit' }));
    expect(calls).toEqual([]);
  });

  it('toArray with limit 0 fetches the first page only, and returns nothing', async () => {
    const { fetcher, calls } = fetcherOf(10);
    expect(await new PagePromise(fetcher).toArray({ limit: 0 })).toEqual([]);
    expect(calls).toEqual([1]);
  });

  it('walks from the start page to the last one, prefetching up to the concurrency', async () => {
    const { fetcher, calls } = fetcherOf(9, 2);
    const ids = await new PagePromise(fetcher, { concurrency: 2 }, 2).toArray();
    expect(ids.map((item) => item.id)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(calls).toEqual([2, 3, 4, 5]);
  });
});

describe('PaginationError', () => {
  it('is an OpsMergeError named on its prototype, whose toJSON adds the reason', async () => {
    const first = await new PagePromise(fetcherOf(2, 2).fetcher);
    const error = await first.getNextPage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toBeInstanceOf(OpsMergeError);
    expect(isOpsMergeError(error)).toBe(true);
    const paginationError = error as PaginationError;
    expect(paginationError.name).toBe('PaginationError');
    expect(Object.hasOwn(paginationError, 'name')).toBe(false);
    expect(Object.keys(paginationError)).toEqual(['reason']);
    expect(paginationError.message).toBe('page 1 is the last page (total 2, 2 per page)');
    expect(paginationError.stack?.split('\n')[0]).toBe(`PaginationError: ${paginationError.message}`);
    expect(JSON.stringify(paginationError)).toBe('{"name":"PaginationError","message":"page 1 is the last page (total 2, 2 per page)","reason":"last-page"}');
  });
});
