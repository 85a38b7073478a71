/**
 * §2 List walks: every item of a 20,000-item list, 100 per page, 5 ms of server latency per
 * page. Time: an openapi-fetch loop vs our iterator (one page ahead) vs `concurrency: 4`.
 * Memory: the peak RSS of our iterator walking 20,000 items vs 2,000, each walk in a fresh
 * process (the loop is measured too, as the reference). With `bench/fixes`, ours is measured again.
 */
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from '../config.js';
import type { SdkBuilds } from '../lib/build-sdk.js';
import { runOnce } from '../lib/child.js';
import type { BenchServer } from '../lib/server-process.js';
import type { WalkArgs, WalkMode, WalkResult } from './list-walk-worker.js';

const WORKER = fileURLToPath(new URL('./list-walk-worker.ts', import.meta.url));

export interface Walk {
  label: string;
  mode: WalkMode;
  fixed: boolean;
}
export interface WalkSeries {
  ms: number[];
  peakRss: number[];
  baseRss: number[];
  peakNewSpace: number[];
  cpuMs: number[];
}
export interface ListWalkResult {
  config: BenchConfig['walk'];
  /** Walks of `total` items, by label. */
  time: Record<string, WalkSeries>;
  /** Walks of `smallTotal` and of `total` items, by label. */
  memory: Record<string, { small: WalkSeries; large: WalkSeries }>;
}

export const LOOP = 'openapi-fetch, sequential loop';
export const ITERATOR = 'our iterator (1 page ahead, default)';
export const CONCURRENT = 'our iterator, `concurrency: 4`';
export const FIXED = ' + fixes';

function walks(sdks: SdkBuilds): { time: Walk[]; memory: Walk[] } {
  const base: Walk[] = [
    { label: LOOP, mode: 'openapi-fetch loop', fixed: false },
    { label: ITERATOR, mode: 'iterator', fixed: false },
    { label: CONCURRENT, mode: 'concurrency', fixed: false },
  ];
  const fixed: Walk[] = sdks.fixed
    ? [
        { label: `${ITERATOR}${FIXED}`, mode: 'iterator', fixed: true },
        { label: `${CONCURRENT}${FIXED}`, mode: 'concurrency', fixed: true },
      ]
    : [];
  const time = [...base, ...fixed];
  return { time, memory: time.filter((w) => w.mode !== 'concurrency') };
}

const empty = (): WalkSeries => ({ ms: [], peakRss: [], baseRss: [], peakNewSpace: [], cpuMs: [] });

function record(series: WalkSeries | undefined, result: WalkResult): void {
  series?.ms.push(result.ms);
  series?.peakRss.push(result.peakRss);
  series?.baseRss.push(result.baseRss);
  series?.peakNewSpace.push(result.peakNewSpace);
  series?.cpuMs.push(result.cpuMs);
}

export async function runListWalks(server: BenchServer, sdks: SdkBuilds, config: BenchConfig['walk'], log: (line: string) => void): Promise<ListWalkResult> {
  const plan = walks(sdks);
  const walk = (w: Walk, total: number, sampleRss: boolean): Promise<WalkResult> => {
    const args: WalkArgs = { mode: w.mode, baseUrl: server.url, perPage: config.perPage, concurrency: config.concurrency, total, sampleRss };
    return runOnce<WalkResult>(WORKER, [JSON.stringify(args)], [], { BENCH_SDK: (w.fixed ? sdks.fixed : undefined) ?? sdks.current });
  };
  const configure = (total: number): Promise<void> => server.configure({ listTotal: total, pageLatencyMs: config.latencyMs, rateLimit: null });

  const time = Object.fromEntries(plan.time.map((w) => [w.label, empty()]));
  const memory = Object.fromEntries(plan.memory.map((w) => [w.label, { small: empty(), large: empty() }]));

  await configure(config.total);
  await walk(plan.time[0] as Walk, config.total, false); // warms the server's page cache
  for (let round = 0; round < config.rounds; round++) {
    for (const w of plan.time) record(time[w.label], await walk(w, config.total, false));
    log(`list walks: time round ${round + 1}/${config.rounds}`);
  }
  for (let round = 0; round < config.rounds; round++) {
    for (const [size, total] of [['small', config.smallTotal], ['large', config.total]] as const) {
      await configure(total);
      for (const w of plan.memory) record(memory[w.label]?.[size], await walk(w, total, true));
    }
    log(`list walks: memory round ${round + 1}/${config.rounds}`);
  }
  return { config, time, memory };
}
