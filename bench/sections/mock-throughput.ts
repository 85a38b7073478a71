/**
 * §6 Mock throughput: partners run their own suites against the stateful mock. The same list
 * request, `GET /v1/agents?per_page=2`, 16 in flight, against the stateful mock over
 * HTTP (mocks/node-server.ts, rate limits raised for the run) and against Prism serving the
 * spec (started as test/setup/prism.ts starts it for the tests). Each server runs in its own
 * process, and so does the load; rounds alternate which server goes first, and the target is
 * judged on per-round ratios. Nothing is pinned to a CPU here, unlike §1: on this shared
 * two-CPU machine (load average 15–24 while this was written), the mock pinned to one CPU
 * answered 447 requests/s and unpinned 1,395, with the same code, minutes apart — pinning
 * confined each process to whatever share of one CPU the other tenants left.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startPrism } from '../../test/setup/prism.js';
import type { BenchConfig } from '../config.js';
import { Worker } from '../lib/child.js';
import type { LoadReply, LoadRequest } from './mock-load-worker.js';
import type { MockServerInfo } from './mock-server.js';

const LOAD_WORKER = fileURLToPath(new URL('./mock-load-worker.ts', import.meta.url));
const MOCK_SERVER = fileURLToPath(new URL('./mock-server.ts', import.meta.url));
/**
 * The request both servers answer. Two items a page: Prism answers every list with the spec's
 * example (two items), so both bodies are about the same size and the load process parses the
 * same bytes from either; the mock still filters, sorts and pages its seeded agents.
 */
export const MOCK_PATH = '/v1/agents?per_page=2';
export const MOCK_REQUEST = `GET ${MOCK_PATH}`;
export const SERVERS = ['stateful mock', 'Prism'] as const;
export type MockServerName = (typeof SERVERS)[number];

export interface MockRound {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process's CPU (user + system) per request, µs; null where /proc is not readable. */
  serverCpuUs: number | null;
  /** The load process's CPU per request, µs. */
  clientCpuUs: number;
  /** Body bytes of an answer. */
  bytes: number;
  statuses: Record<string, number>;
}
export interface MockThroughputResult {
  config: BenchConfig['mock'];
  rounds: Record<MockServerName, MockRound[]>;
  /** The machine's CPUs and 1-minute load average during the rounds (the p99 tail depends on them). */
  cpus: number;
  loadDuring: number[];
}

/** Nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

let ticksPerSecond: number | undefined;

/** CPU time a process has used, µs, from /proc (Linux); null elsewhere. */
function processCpuUs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return null;
  }
}

export async function runMockThroughput(config: BenchConfig['mock'], log: (line: string) => void): Promise<MockThroughputResult> {
  const mockProcess = new Worker<object, MockServerInfo>(MOCK_SERVER);
  const prism = await startPrism({ quiet: true });
  const load = new Worker<LoadRequest, LoadReply>(LOAD_WORKER);
  try {
    const mock = await mockProcess.request({});
    const servers: Record<MockServerName, { url: string; pid: number | undefined }> = {
      'stateful mock': { url: `${mock.url}${MOCK_PATH}`, pid: mockProcess.pid },
      Prism: { url: `${prism.url}${MOCK_PATH}`, pid: prism.process.pid },
    };
    const ask = (name: MockServerName, n: number) => load.request({ url: servers[name].url, key: mock.key, n, inFlight: config.inFlight });
    for (const name of SERVERS) await ask(name, config.warmup); // JIT, connections and Prism's first-request costs
    const rounds: MockThroughputResult['rounds'] = { 'stateful mock': [], Prism: [] };
    const loadDuring: number[] = [];
    for (let round = 0; round < config.rounds; round++) {
      loadDuring.push(loadavg()[0] ?? 0);
      for (const name of round % 2 === 0 ? SERVERS : [...SERVERS].reverse()) {
        const cpuBefore = processCpuUs(servers[name].pid);
        const reply = await ask(name, config.requests);
        const cpuAfter = processCpuUs(servers[name].pid);
        rounds[name].push({
          rps: (config.requests / reply.ms) * 1000,
          p50Ms: percentile(reply.latenciesMs, 50),
          p99Ms: percentile(reply.latenciesMs, 99),
          serverCpuUs: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / config.requests,
          clientCpuUs: reply.cpuUs / config.requests,
          bytes: reply.bytes,
          statuses: reply.statuses,
        });
      }
      log(`mock: round ${round + 1}/${config.rounds}`);
    }
    return { config, rounds, cpus: availableParallelism(), loadDuring };
  } finally {
    await load.close();
    await mockProcess.close();
    await prism.stop();
  }
}
