/**
 * Runs list and get operations through the SDK facade and prints the result.
 *
 * `--json` prints, for one page, the API's list envelope (`items`, `total`, `page`,
 * `per_page`); for a walk (`--all`, `--limit`), `{ items, total }`. `--ndjson` prints one
 * item per line, as the pages arrive. A table is the default.
 */
import type { OperationInfo, PagePromise } from '@opsmerge/sdk';
import { facadeMethod, type Context } from './context.js';
import type { ListRequest } from './list-options.js';
import type { Column } from './output.js';
import { createProgress } from './progress.js';

type Item = Record<string, unknown>;

/** How a list or record is shown as a table. */
export interface Presentation {
  /** The plural noun of the items, e.g. `agents`. */
  readonly label: string;
  /** Table columns; picked from the items when absent. */
  readonly columns?: readonly Column[];
}

/** Lists one page, or walks pages for `--all` / `--limit`. */
export async function runList(ctx: Context, op: OperationInfo, request: ListRequest, presentation: Presentation): Promise<void> {
  const client = await ctx.client();
  const list = facadeMethod(client, op);
  const walk = request.all || request.limit !== undefined;
  const query: Record<string, unknown> = { ...request.query };
  // Walks fetch the most per request (fewer requests against the rate limit), unless told.
  if (walk && query['per_page'] === undefined) query['per_page'] = Math.min(100, request.limit ?? 100);
  const pages = list(...request.pathValues, query) as PagePromise<Item>;
  const { output } = ctx;

  if (!walk) {
    const page = await pages;
    if (output.format === 'json') output.json({ items: page.items, total: page.total, page: page.page, per_page: page.perPage });
    else if (output.format === 'ndjson') for (const item of page.items) output.json(item);
    else {
      output.table(page.items, presentation.columns);
      if (page.items.length === 0) output.note(`no ${presentation.label}`);
      else if (page.total > page.items.length) output.note(`${page.items.length} of ${page.total} ${presentation.label} shown; add --all or --limit N for more`);
    }
    return;
  }

  const max = request.limit ?? Number.POSITIVE_INFINITY;
  const progress = createProgress(ctx.io.stderr, presentation.label);
  const items: Item[] = [];
  let total = 0;
  let count = 0;
  try {
    for await (const page of pages.pages()) {
      total = page.total;
      const taken = page.items.slice(0, max - count);
      count += taken.length;
      if (output.format === 'ndjson') {
        progress?.clear();
        for (const item of taken) output.json(item);
      } else {
        items.push(...taken);
      }
      progress?.update(count, Math.min(total, max));
      if (count >= max) break;
    }
  } finally {
    progress?.clear();
  }
  if (output.format === 'json') output.json({ items, total });
  else if (output.format === 'table') {
    output.table(items, presentation.columns);
    if (items.length === 0) output.note(`no ${presentation.label}`);
    else if (total > items.length) output.note(`${items.length} of ${total} ${presentation.label} shown`);
  }
}

/** Fetches one record and prints it: JSON as the API's `data`, or a field/value table. */
export async function runGet(ctx: Context, op: OperationInfo, pathValues: readonly string[]): Promise<void> {
  const client = await ctx.client();
  const record = (await facadeMethod(client, op)(...pathValues)) as Item;
  if (ctx.output.machine) ctx.output.json(record);
  else ctx.output.record(Object.entries(record));
}
