/**
 * Time in the mock. Two readings, on purpose:
 * - `now()` dates the data (created_at, expiry checks, `since` filters). It starts at the
 *   configured `now` — or at the real time when none is given — and stays there (`frozen`,
 *   the default, so runs are reproducible) or moves with real time (`running`);
 *   `advance(ms)` moves it forward either way.
 * - `epochMs()` drives rate-limit windows, `X-RateLimit-Reset` and `Retry-After`. It is
 *   real time (`Date.now()`, so vitest's fake timers apply) plus what `advance` added,
 *   because clients pace themselves against their own clock.
 */

/** How the data clock moves. */
export type ClockMode = 'frozen' | 'running';

/** The mock's clock; see the module comment for its two readings. */
export class MockClock {
  /** The configured start, or undefined to start at the real time (again at every reset). */
  readonly #fixedAnchor: number | undefined;
  readonly #mode: ClockMode;
  #anchor: number;
  #offsetMs = 0;
  #startedAt: number;

  /**
   * @param anchor start of the data clock; without one it starts at the real time, and a
   *   `running` clock then reads the real time (plus what `advance` added).
   * @param mode whether it moves with real time.
   */
  constructor(anchor?: Date, mode: ClockMode = 'frozen') {
    this.#fixedAnchor = anchor?.getTime();
    this.#mode = mode;
    this.#startedAt = Date.now();
    this.#anchor = this.#fixedAnchor ?? this.#startedAt;
  }

  /** How the data clock moves. */
  get mode(): ClockMode {
    return this.#mode;
  }

  /** Whether the data clock reads the real time (no fixed start, running). */
  get followsRealTime(): boolean {
    return this.#fixedAnchor === undefined && this.#mode === 'running';
  }

  /** Where the data clock started (or restarted, at the last reset); seeded data lies before it. */
  start(): Date {
    return new Date(this.#anchor);
  }

  /** The data clock. */
  now(): Date {
    const running = this.#mode === 'running' ? Date.now() - this.#startedAt : 0;
    return new Date(this.#anchor + this.#offsetMs + running);
  }

  /** The data clock as an RFC 3339 timestamp with second precision (`2026-11-22T09:00:00Z`). */
  iso(): string {
    return toTimestamp(this.now());
  }

  /** Real time plus what `advance` added, in epoch milliseconds: the rate-limit clock. */
  epochMs(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Moves both readings forward by `ms`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() takes a non-negative number of ms, got ${ms}`);
    this.#offsetMs += ms;
  }

  /** Back to the start: the configured one, or the real time now. */
  reset(): void {
    this.#offsetMs = 0;
    this.#startedAt = Date.now();
    this.#anchor = this.#fixedAnchor ?? this.#startedAt;
  }
}

/** RFC 3339 timestamp with second precision. */
export function toTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `YYYY-MM-DD` of a date (UTC). */
export function toDateString(date: Date): string {
  return date.toISOString().slice(0, 10);
}
