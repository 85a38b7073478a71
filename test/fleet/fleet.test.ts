import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLimitedApi, type LimitedApi } from './limited-api.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import type { WorkerConfig, WorkerReport } from './worker.js';

// The API allows 300 requests a minute per key; the test scales the minute down to WINDOW_S
// seconds (windows ≥ 2 s, on whole seconds, since X-RateLimit-Reset is in epoch seconds).
const LIMIT = 300;
const WINDOW_S = 3;
const WORKERS = 4;
const CALLS = 500;
const CONCURRENCY = 8;
const KEY = 'om_test_F1eetBudgetSharedByFourProcs2026';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

let redis: RedisServer;
let api: LimitedApi;
beforeAll(async () => {
  [redis, api] = await Promise.all([startRedisServer(), startLimitedApi({ limit: LIMIT, windowS: WINDOW_S })]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), api?.close()]);
});

/** The next IPC message of `type` from `child`; rejects if the child exits first. */
function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if ((message as { type?: unknown } | null)?.type !== type) return;
      cleanup();
      resolve(message as T);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`a worker exited (${code}) before sending "${type}"`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Forks the workers, starts them together once all are connected, and collects their reports. */
async function runFleet(): Promise<WorkerReport[]> {
  const config: WorkerConfig = { baseUrl: api.url, redisUrl: redis.url, apiKey: KEY, calls: CALLS, concurrency: CONCURRENCY };
  const children: ChildProcess[] = Array.from({ length: WORKERS }, () =>
    fork(workerPath, [JSON.stringify(config)], { cwd: root, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    await Promise.all(children.map((child) => nextMessage(child, 'ready')));
    // Start just after a window begins: the strictest case for the time bound (a run that
    // starts late in a window gets that window's whole budget for less than its length).
    const windowMs = WINDOW_S * 1000;
    await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 20));
    const reports = children.map((child) => nextMessage<WorkerReport>(child, 'report'));
    for (const child of children) child.send('go');
    return await Promise.all(reports);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

describe('one budget for a fleet of processes (Redis store)', () => {
  it(`${WORKERS} processes × ${CALLS} calls against ${LIMIT} per ${WINDOW_S} s: ≤ 1 % 429s on the wire, none reaching the callers, ≥ 90 % of the budget used`, async () => {
    const reports = await runFleet();
    const stats = api.stats();
    const total = WORKERS * CALLS;
    const windows = [...stats.acceptedByWindow.keys()];
    const spanned = Math.max(...windows) - Math.min(...windows) + 1;
    const elapsedMs = Math.max(...reports.map((r) => r.elapsedMs));
    // What 2000 calls at 300 per window need: 6⅔ windows.
    const neededMs = (total / LIMIT) * WINDOW_S * 1000;
    const numbers = {
      wire: stats.requests,
      rejected429: stats.rejected,
      rejectedShare: stats.rejected / stats.requests,
      callerErrors: reports.reduce((n, r) => n + Object.values(r.errors).reduce((a, b) => a + b, 0), 0),
      elapsedMs: Math.round(elapsedMs),
      neededMs,
      budgetUsed: total / (LIMIT * spanned),
      perWindow: [...stats.acceptedByWindow.entries()].sort(([a], [b]) => a - b).map(([, n]) => n),
      modes: reports.map((r) => r.modes.join('→') || 'redis'),
    };
    console.log('fleet run', JSON.stringify(numbers));

    expect(reports.map((r) => r.errors)).toEqual(Array.from({ length: WORKERS }, () => ({})));
    expect(reports.reduce((n, r) => n + r.ok, 0)).toBe(total);
    expect(stats.rejected).toBeLessThanOrEqual(0.01 * stats.requests);
    // ≥ 90 % of the budget used: no longer than what 2000 calls at 300 per window need, ÷ 0.9.
    // `budgetUsed` (the share of the touched windows' budget the calls used) is logged, not
    // asserted: one straggler landing in an extra window drops it to 83 % at the same throughput.
    expect(elapsedMs).toBeLessThanOrEqual(neededMs / 0.9);
  }, 90_000);
});
