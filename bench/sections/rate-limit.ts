/**
 * §3 Rate-limit efficiency: 2,000 facade calls, 50 in flight, against a server enforcing
 * 300 per minute, time-scaled 20×: 300 per 3-second fixed window, windows aligned to whole
 * seconds so `X-RateLimit-Reset` stays exact epoch seconds and `Retry-After` whole seconds.
 * The peer is our own client with pacing off (it relies on retries and Retry-After alone).
 */
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from '../config.js';
import type { SdkBuilds } from '../lib/build-sdk.js';
import { runOnce } from '../lib/child.js';
import type { BenchServer } from '../lib/server-process.js';
import type { RateLimitArgs, RateLimitRun } from './rate-limit-worker.js';

const WORKER = fileURLToPath(new URL('./rate-limit-worker.ts', import.meta.url));
export const PACINGS = ['pace', 'off'] as const;
export type Pacing = (typeof PACINGS)[number];

export interface RateLimitRound {
  /** Time from the start of the first window to the last answer, ms. */
  elapsedMs: number;
  /** Windows needed × window length, ms. */
  minimumMs: number;
  wireRequests: number;
  wire429: number;
  callerErrors: Record<string, number>;
  ok: number;
  /** Requests the server accepted in each window, in order. */
  perWindow: number[];
  /** When the last answer came, counted from the start of the last window used, ms. */
  intoLastWindowMs: number;
}
export interface RateLimitResult {
  config: BenchConfig['rateLimit'];
  rounds: Record<Pacing, RateLimitRound[]>;
}

function windowsBetween(first: number, last: number, windowMs: number): number[] {
  const starts: number[] = [];
  for (let start = first; start <= last; start += windowMs) starts.push(start);
  return starts;
}

export async function runRateLimit(server: BenchServer, sdks: SdkBuilds, config: BenchConfig['rateLimit'], log: (line: string) => void): Promise<RateLimitResult> {
  await server.configure({ listTotal: 0, pageLatencyMs: 0, rateLimit: { limit: config.limit, windowMs: config.windowMs } });
  const rounds: RateLimitResult['rounds'] = { pace: [], off: [] };
  for (let round = 0; round < config.rounds; round++) {
    for (const pacing of PACINGS) {
      await server.reset(); // a fresh budget; the worker starts on the next window boundary
      const args: RateLimitArgs = { baseUrl: server.url, calls: config.calls, inFlight: config.inFlight, windowMs: config.windowMs, pacing };
      const run = await runOnce<RateLimitRun>(WORKER, [JSON.stringify(args)], [], { BENCH_SDK: sdks.current });
      const stats = await server.stats();
      const firstWindow = Math.floor((stats.firstRequestAt ?? run.startedAt) / config.windowMs) * config.windowMs;
      const lastWindow = Math.floor(run.finishedAt / config.windowMs) * config.windowMs;
      const accepted = new Map(stats.windows);
      rounds[pacing].push({
        elapsedMs: run.finishedAt - firstWindow,
        minimumMs: Math.ceil(config.calls / config.limit) * config.windowMs,
        wireRequests: stats.requests,
        wire429: stats.byStatus[429] ?? 0,
        callerErrors: run.errors,
        ok: run.ok,
        perWindow: windowsBetween(firstWindow, lastWindow, config.windowMs).map((start) => accepted.get(start) ?? 0),
        intoLastWindowMs: run.finishedAt - lastWindow,
      });
    }
    log(`rate limit: round ${round + 1}/${config.rounds}`);
  }
  return { config, rounds };
}
