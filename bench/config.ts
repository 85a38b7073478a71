/** Counts of a full run and of the smoke run (`--smoke`, tiny counts, same code paths). */
export interface BenchConfig {
  smoke: boolean;
  overhead: { rounds: number; sequential: number; inFlight: number; parallel: number; warmup: number; unitIterations: number; /** Each batch runs in this many slices, the clients taking turns. */ slices: number };
  walk: { rounds: number; total: number; smallTotal: number; perPage: number; latencyMs: number; concurrency: number };
  rateLimit: { rounds: number; calls: number; inFlight: number; limit: number; windowMs: number };
  /**
   * Both run against the package built once by `scripts/build/build.ts --out` (bench/lib/build-package.ts).
   * `slowTsc`: also type-check the projects that take seconds each (skipLibCheck: false, the SDK's sources).
   */
  startup: { importRounds: number; tscRounds: number; slowTsc: boolean };
  /** §6: rounds of `requests` list requests, `inFlight` at a time, per server, after `warmup` requests each. */
  mock: { rounds: number; requests: number; inFlight: number; warmup: number };
}

export const FULL: BenchConfig = {
  smoke: false,
  // Rounds of 3,000 and 6,000 calls, each after 1,000 warm-up calls (4,000 once per process
  // first): with 500 and 2,000/4,000 calls the per-round spreads of the added CPU were wider
  // than the 20-µs budget being judged.
  overhead: { rounds: 9, sequential: 3000, inFlight: 32, parallel: 6000, warmup: 1000, unitIterations: 20_000, slices: 6 },
  walk: { rounds: 7, total: 20_000, smallTotal: 2_000, perPage: 100, latencyMs: 5, concurrency: 4 },
  // 300 per minute, time-scaled 20×: 300 per 3 s window, windows aligned to whole seconds.
  rateLimit: { rounds: 5, calls: 2000, inFlight: 50, limit: 300, windowMs: 3000 },
  startup: { importRounds: 30, tscRounds: 5, slowTsc: true },
  mock: { rounds: 7, requests: 4000, inFlight: 16, warmup: 2000 },
};

export const SMOKE: BenchConfig = {
  smoke: true,
  overhead: { rounds: 1, sequential: 30, inFlight: 8, parallel: 60, warmup: 10, unitIterations: 200, slices: 2 },
  walk: { rounds: 1, total: 1_000, smallTotal: 200, perPage: 100, latencyMs: 1, concurrency: 4 },
  rateLimit: { rounds: 1, calls: 40, inFlight: 10, limit: 20, windowMs: 1000 },
  startup: { importRounds: 1, tscRounds: 1, slowTsc: false },
  mock: { rounds: 1, requests: 64, inFlight: 16, warmup: 16 },
};

/** The same counts with `rounds` rounds in every section (for quick looks; never for results.md). */
export function withRounds(config: BenchConfig, rounds: number | undefined): BenchConfig {
  if (rounds === undefined) return config;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number ≥ 1, got ${rounds}`);
  return {
    ...config,
    overhead: { ...config.overhead, rounds },
    walk: { ...config.walk, rounds },
    rateLimit: { ...config.rateLimit, rounds },
    startup: { ...config.startup, importRounds: rounds, tscRounds: rounds },
    mock: { ...config.mock, rounds },
  };
}
