/**
 * §1 Overhead: `GET /v1/auth/me` through every client, sequentially and 32 in flight. Each
 * client lives in its own process (its CPU is its own, its JIT is not shared); rounds are
 * interleaved, in a rotating order, so drift on the machine hits every client alike. Our SDK
 * runs compiled, as it ships; with `bench/fixes` applied it is measured too.
 */
import { fileURLToPath } from 'node:url';
import { CLIENT_NAMES, type ClientName } from '../clients.js';
import type { BenchConfig } from '../config.js';
import type { SdkBuilds } from '../lib/build-sdk.js';
import { Worker } from '../lib/child.js';
import { allCpus, pin, pinningPlan } from '../lib/pin.js';
import type { BenchServer } from '../lib/server-process.js';
import type { OverheadReply, OverheadRequest } from './overhead-worker.js';
import { runUnitCosts, type UnitCost } from './unit-costs.js';

const WORKER = fileURLToPath(new URL('./overhead-worker.ts', import.meta.url));
export const FIXED_PREFIX = 'ours + fixes: ';

export type Mode = 'sequential' | 'inFlight';
export interface OverheadSeries {
  /** Requests per second, one value per round. */
  rps: number[];
  /** Client CPU (user + system) µs per request, one value per round. */
  cpuUs: number[];
}
export interface OverheadResult {
  inFlight: number;
  rounds: number;
  /** Slices per batch, the clients taking turns slice by slice. */
  slices: number;
  n: Record<Mode, number>;
  /** By row label: the client names, then `ours + fixes: …` when the fixes apply. */
  series: Record<string, Record<Mode, OverheadSeries>>;
  /** What the building blocks of a request cost, µs per call. */
  unitCosts: UnitCost[];
  /** The CPUs the server and the clients were pinned to (bench/lib/pin.ts), when they were. */
  pinned?: { server: number; clients: number };
}

interface Row {
  label: string;
  client: ClientName;
  sdk: string;
}

function rows(sdks: SdkBuilds): Row[] {
  const all = CLIENT_NAMES.map((client) => ({ label: client, client, sdk: sdks.current }));
  if (!sdks.fixed) return all;
  const fixed = sdks.fixed;
  return [...all, ...(['ours: client.GET', 'ours: client.auth.me()'] as const).map((client) => ({ label: `${FIXED_PREFIX}${client.slice('ours: '.length)}`, client, sdk: fixed }))];
}

export async function runOverhead(server: BenchServer, sdks: SdkBuilds, config: BenchConfig['overhead'], log: (line: string) => void): Promise<OverheadResult> {
  await server.configure({ listTotal: 0, pageLatencyMs: 0, rateLimit: null });
  const list = rows(sdks);
  const workers = list.map((row) => new Worker<OverheadRequest, OverheadReply>(WORKER, [row.client, server.url], [], { BENCH_SDK: row.sdk }));
  const series: OverheadResult['series'] = Object.fromEntries(list.map((row) => [row.label, { sequential: { rps: [], cpuUs: [] }, inFlight: { rps: [], cpuUs: [] } }]));
  const batches: Record<Mode, OverheadRequest> = {
    sequential: { n: config.sequential, inFlight: 1, warmup: config.warmup },
    inFlight: { n: config.parallel, inFlight: config.inFlight, warmup: config.warmup },
  };
  const plan = pinningPlan();
  const pinned = plan && pin(server.pid, String(plan.server)) && workers.every((w) => pin(w.pid, String(plan.clients))) ? plan : undefined;
  log(pinned ? `overhead: server pinned to CPU ${pinned.server}, clients to CPU ${pinned.clients}` : 'overhead: not pinned to CPUs (no taskset, or one CPU)');
  try {
    // A first warm-up per client, so every measured round runs optimised code.
    for (const worker of workers) await worker.request({ n: config.warmup * 4, inFlight: config.inFlight, warmup: 0 });
    for (let round = 0; round < config.rounds; round++) {
      for (const mode of ['sequential', 'inFlight'] as const) {
        const batch = batches[mode];
        const totals = list.map(() => ({ ms: 0, cpuUs: 0 }));
        // Each client's batch runs in slices, the clients taking turns slice by slice, so a
        // drift of the shared machine's speed within the round falls on every client alike.
        for (let slice = 0; slice < config.slices; slice++) {
          for (let k = 0; k < list.length; k++) {
            const i = (k + round + slice) % list.length;
            const n = Math.round(batch.n / config.slices);
            const reply = await (workers[i] as Worker<OverheadRequest, OverheadReply>).request({ ...batch, n, warmup: slice === 0 ? batch.warmup : 0 });
            const total = totals[i] as { ms: number; cpuUs: number };
            total.ms += reply.ms;
            total.cpuUs += reply.cpuUs;
          }
        }
        const n = Math.round(batch.n / config.slices) * config.slices;
        list.forEach((row, i) => {
          const total = totals[i] as { ms: number; cpuUs: number };
          series[row.label]?.[mode].rps.push((n / total.ms) * 1000);
          series[row.label]?.[mode].cpuUs.push(total.cpuUs / n);
        });
      }
      log(`overhead: round ${round + 1}/${config.rounds}`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    if (plan) pin(server.pid, allCpus()); // the other sections run unpinned
  }
  const unitCosts = await runUnitCosts(sdks, config.unitIterations);
  return { inFlight: config.inFlight, rounds: config.rounds, slices: config.slices, n: { sequential: config.sequential, inFlight: config.parallel }, series, unitCosts, ...(pinned ? { pinned } : {}) };
}
