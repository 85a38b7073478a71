/**
 * Exponential backoff with "full jitter".
 *
 * @packageDocumentation
 */

/** Tuning for {@link fullJitterDelay}. */
export interface BackoffOptions {
  /**
   * The ceiling of the first retry's delay, in milliseconds.
   * @default 500
   */
  baseMs?: number;
  /**
   * The largest ceiling any retry's delay can reach, in milliseconds.
   * @default 8000
   */
  capMs?: number;
}

const DEFAULT_BASE_MS = 500;
const DEFAULT_CAP_MS = 8000;

/**
 * The delay before retry number `retry`: `floor(random × min(capMs, baseMs × 2^(retry−1)))`.
 *
 * Full jitter (uniform over the whole window, as AWS SDK's standard retry mode does)
 * spreads the retries of many clients that failed together, so they do not come back
 * in lock-step and knock the server over again. `random` is a parameter, not
 * `Math.random()`, so the function stays pure and testable.
 *
 * @param retry - Which retry this is, 1-based (1 = the first retry after the first failure).
 * @param random - A number in `[0, 1)`, usually `Math.random()`.
 * @param options - Base and cap of the window; see {@link BackoffOptions}.
 * @returns Whole milliseconds in `[0, min(capMs, baseMs × 2^(retry−1)))` (0 when the window is empty).
 * @throws RangeError when `retry` is not an integer ≥ 1, `random` is outside `[0, 1)`,
 *   or `baseMs` / `capMs` is negative or not finite.
 *
 * @example
 * ```ts
 * fullJitterDelay(1, Math.random()); // 0–499 ms
 * fullJitterDelay(3, 0.5); // 1000 ms: half of the 2000 ms window
 * fullJitterDelay(10, 0.99, { capMs: 5000 }); // 4950 ms
 * ```
 */
export function fullJitterDelay(retry: number, random: number, options: BackoffOptions = {}): number {
  const { baseMs = DEFAULT_BASE_MS, capMs = DEFAULT_CAP_MS } = options;
  if (!Number.isInteger(retry) || retry < 1) {
    throw new RangeError(`retry must be an integer >= 1, got ${retry}`);
  }
  if (!(random >= 0 && random < 1)) {
    throw new RangeError(`random must be in [0, 1), got ${random}`);
  }
  if (!Number.isFinite(baseMs) || baseMs < 0) {
    throw new RangeError(`baseMs must be a finite number >= 0, got ${baseMs}`);
  }
  if (!Number.isFinite(capMs) || capMs < 0) {
    throw new RangeError(`capMs must be a finite number >= 0, got ${capMs}`);
  }
  // 2 ** (retry - 1) reaches Infinity for large retries; Math.min then yields capMs.
  const window = Math.min(capMs, baseMs * 2 ** (retry - 1));
  return Math.floor(random * window);
}
