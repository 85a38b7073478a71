/**
 * The rules that make every list walk end: pure functions of what the pages say, property-tested
 * (test/property/page-rules.property.test.ts). A walk ends at the last page by `total`, or
 * fails with a reason when the server breaks the paging contract in a way that would otherwise
 * loop or silently lose items.
 *
 * @packageDocumentation
 */

/** Why a list walk failed with a `PaginationError`. */
export type PaginationErrorReason =
  /** `per_page` below 1: no page number reaches `total`. */
  | 'per-page'
  /** The server answered another page than the one asked for: it ignores `page`. */
  | 'page-mismatch'
  /** The same items as the page before: the walk would not advance. */
  | 'repeated-page'
  /** An empty page although its own `total` says items are on it or after it. */
  | 'empty-page'
  /** More pages than the walk's `maxPages`. */
  | 'too-many-pages'
  /** `getNextPage()` on the last page. */
  | 'last-page'
  /** The walk ended; a page still in flight was no longer needed (the abort reason, never thrown at the caller). */
  | 'walk-ended';

/** What a page says about itself. */
export interface PageFacts {
  /** The page number it says it is. */
  readonly page: number;
  /** Its `per_page`. */
  readonly perPage: number;
  /** Its `total`. */
  readonly total: number;
  /** How many items it holds. */
  readonly count: number;
}

/** A broken rule: why, and a message that says what the server did. */
export interface PageProblem {
  readonly reason: PaginationErrorReason;
  readonly message: string;
}

/** The number of the last page holding items, by `total` (0 for an empty collection; no end without a page size). */
export function lastPageOf(total: number, perPage: number): number {
  return perPage >= 1 ? Math.ceil(total / perPage) : Infinity;
}

/**
 * What is wrong with `got`, the answer to a request for page `asked`, given the items signature
 * of the page before it (`sameAsPrevious`: whether its items are those of the page before);
 * `undefined` when the page keeps the contract.
 */
export function pageProblem(got: PageFacts, asked: number, sameAsPrevious: boolean): PageProblem | undefined {
  if (got.perPage < 1) return { reason: 'per-page', message: `page ${asked} has per_page ${got.perPage}: no page reaches total ${got.total}` };
  if (got.page !== asked) {
    return { reason: 'page-mismatch', message: `asked for page ${asked}, got page ${got.page}: the server ignores page` };
  }
  if (got.count === 0 && (asked - 1) * got.perPage < got.total) {
    return { reason: 'empty-page', message: `page ${asked} is empty, but its total ${got.total} says it holds items` };
  }
  if (got.count > 0 && sameAsPrevious) {
    return { reason: 'repeated-page', message: `page ${asked} repeats page ${asked - 1}` };
  }
  return undefined;
}

/**
 * The last page a walk fetches: the last page by the first page's `total`, or an earlier one when
 * a later page reports a smaller total (items deleted during the walk). A total that grows does
 * not move it: offset pages promise nothing about items added during a walk, and following a
 * total that keeps growing is how a walk never ends.
 */
export function walkEnd(previousEnd: number, got: PageFacts): number {
  return Math.min(previousEnd, lastPageOf(got.total, got.perPage));
}
