/** Paging, filtering and ordering helpers shared by the list handlers. @internal */

/** The paging parameters every list takes. */
export interface PageQuery {
  readonly page?: number;
  readonly per_page?: number;
}

/** A page of a list, in the API's envelope shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

/** Slices a filtered, ordered list into the requested page (page from 1, per_page default 50). */
export function paginate<T>(items: readonly T[], query: PageQuery): Page<T> {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? 50;
  const start = (page - 1) * perPage;
  return { items: items.slice(start, start + perPage), total: items.length, page, per_page: perPage };
}

/** Keeps items whose value equals the filter; no filter keeps everything. */
export function where<T, V>(items: readonly T[], filter: V | undefined, value: (item: T) => V): T[] {
  return filter === undefined ? [...items] : items.filter((item) => value(item) === filter);
}

/** True when any of the timestamps is at or after `since` (or there is no `since`). */
export function changedSince(since: string | undefined, ...timestamps: ReadonlyArray<string | null | undefined>): boolean {
  if (since === undefined) return true;
  const limit = Date.parse(since);
  return timestamps.some((t) => t !== null && t !== undefined && Date.parse(t) >= limit);
}

/** Sorts a copy, newest first by a timestamp, ties by id for a stable order. */
export function newestFirst<T extends { readonly id?: string }>(items: readonly T[], at: (item: T) => string): T[] {
  return [...items].sort((a, b) => Date.parse(at(b)) - Date.parse(at(a)) || String(b.id ?? '').localeCompare(String(a.id ?? '')));
}

// One collator for every sort: `localeCompare(…, 'en', options)` builds a new one per comparison.
const textOrder = new Intl.Collator('en', { sensitivity: 'base' });

/** Sorts a copy by a text key (case-insensitive), ties by id. */
export function byText<T extends { readonly id?: string }>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => textOrder.compare(key(a), key(b)) || String(a.id ?? '').localeCompare(String(b.id ?? '')));
}

/** Case-insensitive substring match over some fields. */
export function matchesText(q: string | undefined, ...fields: ReadonlyArray<string | null | undefined>): boolean {
  if (q === undefined) return true;
  const needle = q.toLowerCase();
  return fields.some((f) => f !== null && f !== undefined && f.toLowerCase().includes(needle));
}
