/** Small helpers the family modules share. */
import { expect } from './assert.js';
import { ApiError, type Page, type PagePromise } from '@opsmerge/sdk';
import type { ContractContext } from './contract.js';

/**
 * The first item of a list's first page that satisfies `pick` (any item by default); skips on
 * a partner's server without one, fails on Prism and the seeded mock.
 */
export async function firstOf<T>(t: ContractContext, list: PagePromise<T>, what: string, pick: (item: T) => boolean = () => true): Promise<T> {
  const page = await list;
  return t.need(page.items.find(pick), what);
}

/**
 * Checks the envelope of a first page: `page` 1, `per_page` as asked, at most that many items,
 * and a `total` that covers them. On Prism the page is the documented example, so only the
 * shape is checked (the validator already did).
 */
export function expectFirstPage<T>(t: ContractContext, page: Page<T>, perPage: number): void {
  if (!t.stateful) return;
  expect(page.page).toBe(1);
  expect(page.perPage).toBe(perPage);
  expect(page.items.length).toBeLessThanOrEqual(perPage);
  expect(page.total).toBeGreaterThanOrEqual(page.items.length);
}

/** On a stateful target, every item satisfies `check` (a filter was applied). */
export function expectEvery<T>(t: ContractContext, items: readonly T[], check: (item: T) => boolean, filter: string): void {
  if (!t.stateful) return;
  const wrong = items.filter((item) => !check(item));
  expect(wrong, `items that do not match ${filter}`).toEqual([]);
}

/** The ApiError a call rejects with (fails when it resolves or throws something else). */
export async function apiErrorOf(promise: PromiseLike<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with an ApiError, but it succeeded');
}
