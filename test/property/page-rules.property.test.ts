import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastPageOf, pageProblem, walkEnd } from '../../src/page-rules.js';
import { PagePromise, PaginationError, type ListEnvelope } from '../../src/pagination.js';

const perPage = fc.integer({ min: 1, max: 100 });
const total = fc.integer({ min: 0, max: 100_000 });

/** What an honest server answers for page `page`. */
const honest = (t: number, size: number, page: number) => ({ page, perPage: size, total: t, count: Math.max(0, Math.min(size, t - (page - 1) * size)) });

describe('the paging rules', () => {
  it('an honest server breaks none, and its walk ends at the last page by total', () => {
    fc.assert(
      fc.property(total, perPage, (t, size) => {
        let end = Infinity;
        let pages = 0;
        let items = 0;
        for (let n = 1; ; n++) {
          const got = honest(t, size, n);
          expect(pageProblem(got, n, false)).toBeUndefined();
          pages++;
          items += got.count;
          if (got.count === 0) break;
          end = walkEnd(end, got);
          if (n >= end) break;
        }
        expect(items).toBe(t);
        expect(pages).toBe(Math.max(1, lastPageOf(t, size)));
      }),
    );
  });

  it('a page with another number than the one asked for is a page-mismatch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -5, max: 1000 }), perPage, total, (asked, got, size, t) => {
        fc.pre(asked !== got);
        expect(pageProblem({ page: got, perPage: size, total: t, count: 1 }, asked, false)?.reason).toBe('page-mismatch');
      }),
    );
  });

  it('per_page below 1 is always a problem, whatever else the page says', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 1, max: 1000 }), total, fc.nat(100), fc.boolean(), (size, page, t, count, same) => {
        expect(pageProblem({ page, perPage: size, total: t, count }, page, same)?.reason).toBe('per-page');
      }),
    );
  });

  it('an empty page is a problem exactly when its own total says items are on or after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), perPage, total, (page, size, t) => {
        const problem = pageProblem({ page, perPage: size, total: t, count: 0 }, page, false);
        expect(problem?.reason === 'empty-page').toBe((page - 1) * size < t);
      }),
    );
  });

  it('the end never moves later: a growing total does not extend a walk, a shrinking one shortens it', () => {
    fc.assert(
      fc.property(fc.array(total, { minLength: 1, maxLength: 20 }), perPage, (totals, size) => {
        let end = Infinity;
        for (const t of totals) {
          const next = walkEnd(end, { page: 1, perPage: size, total: t, count: 1 });
          expect(next).toBeLessThanOrEqual(end);
          end = next;
        }
        expect(end).toBe(lastPageOf(Math.min(...totals), size));
      }),
    );
  });
});

// Any answer a server may give for a page: numbers that may lie, items that may repeat.
const answer = fc.record({
  page: fc.oneof(fc.constant<'echo'>('echo'), fc.integer({ min: 0, max: 50 })),
  perPage: fc.integer({ min: 0, max: 5 }),
  total: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  count: fc.integer({ min: 0, max: 5 }),
  firstId: fc.integer({ min: 0, max: 3 }),
});

describe('a list walk against any server', () => {
  it('always ends, within maxPages requests, with its items or a PaginationError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.func(answer), fc.integer({ min: 1, max: 30 }), async (server, maxPages) => {
        let requests = 0;
        const fetcher = (page: number) => {
          requests++;
          const a = server(page);
          const data: ListEnvelope<{ id: number }> = {
            items: Array.from({ length: a.count }, (_, i) => ({ id: a.firstId * 10 + i })),
            total: a.total,
            page: a.page === 'echo' ? page : a.page,
            per_page: a.perPage,
          };
          return Promise.resolve({ data, response: new Response(null), requestId: undefined, rateLimit: undefined });
        };
        const outcome = await new PagePromise(fetcher, { maxPages }).toArray({ limit: Number.MAX_SAFE_INTEGER }).then(
          (items) => items,
          (error: unknown) => error,
        );
        if (!Array.isArray(outcome)) expect(outcome).toBeInstanceOf(PaginationError);
        expect(requests).toBeLessThanOrEqual(maxPages); // prefetching never goes past maxPages either
      }),
      { numRuns: 300 },
    );
  });
});
