/**
 * One list walk in a fresh process, so each starts from a clean heap: the time and CPU to see
 * every item, the peak RSS (sampled after every page, and every millisecond in memory runs), and
 * the size V8 grew its young generation to (what peak RSS mostly follows).
 */
import { getHeapSpaceStatistics } from 'node:v8';
import createFetchClient from 'openapi-fetch';
import type { paths } from '../../generated/schema.js';
import { API_KEY, importSdk } from '../clients.js';

export type WalkMode = 'openapi-fetch loop' | 'iterator' | 'concurrency';
export interface WalkArgs {
  mode: WalkMode;
  baseUrl: string;
  perPage: number;
  concurrency: number;
  total: number;
  /** Sample RSS every millisecond (memory runs); timed runs sample after each page only. */
  sampleRss: boolean;
}
export interface WalkResult {
  ms: number;
  items: number;
  pages: number;
  baseRss: number;
  peakRss: number;
  /** The largest size of V8's new space during the walk, bytes. */
  peakNewSpace: number;
  /** CPU (user + system) of this process during the walk, ms. */
  cpuMs: number;
}

const args = JSON.parse(process.argv[2] as string) as WalkArgs;
const { createClient } = await importSdk();
const low = createFetchClient<paths>({ baseUrl: args.baseUrl, headers: { authorization: `Bearer ${API_KEY}` } });
const ours = createClient({ apiKey: API_KEY, baseUrl: args.baseUrl, logLevel: 'off' });

let peakRss = 0;
let peakNewSpace = 0;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
const samplePage = (): void => {
  sample();
  peakNewSpace = Math.max(peakNewSpace, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0);
};

/** What a caller does with an item: look at it, keep nothing. */
let seen = 0;
let digest = 0;
const consume = (agent: { hostname: string }): void => {
  seen++;
  digest = (digest + agent.hostname.length) | 0;
};

async function openapiFetchLoop(): Promise<number> {
  let pages = 0;
  for (let page = 1; ; page++) {
    const { data, error } = await low.GET('/v1/agents', { params: { query: { page, per_page: args.perPage } } });
    if (!data) throw new Error(`page ${page}: ${JSON.stringify(error)}`);
    pages++;
    for (const agent of data.data.items) consume(agent);
    samplePage();
    if (data.data.items.length === 0 || page * data.data.per_page >= data.data.total) return pages;
  }
}

/** `for await (const agent of client.agents.list())`, the way the README shows it. */
async function iterator(concurrency: number | undefined): Promise<number> {
  for await (const agent of ours.agents.list({ per_page: args.perPage }, concurrency === undefined ? {} : { concurrency })) {
    consume(agent);
    if (seen % args.perPage === 0) samplePage();
  }
  return Math.ceil(seen / args.perPage);
}

const baseRss = process.memoryUsage.rss();
const timer = args.sampleRss ? setInterval(sample, 1) : undefined;
const cpu = process.cpuUsage();
const started = performance.now();
const pages = args.mode === 'openapi-fetch loop' ? await openapiFetchLoop() : await iterator(args.mode === 'concurrency' ? args.concurrency : undefined);
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
clearInterval(timer);
samplePage();
if (seen !== args.total || digest === 0) throw new Error(`${args.mode} saw ${seen} items, expected ${args.total}`);
process.send?.({ ms, items: seen, pages, baseRss, peakRss, peakNewSpace, cpuMs: (used.user + used.system) / 1000 } satisfies WalkResult);
