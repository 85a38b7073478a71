/**
 * The API's rate limit: a fixed window per key, aligned to multiples of its length in epoch
 * time, so `X-RateLimit-Reset` (epoch seconds) is exact whenever the window is whole seconds.
 * A request refused with 429 does not use the budget.
 */
export class FixedWindow {
  readonly limit: number;
  readonly windowMs: number;
  #start = 0;
  #used = 0;
  /** Requests accepted per window start (epoch ms), for the report. */
  readonly acceptedPerWindow = new Map<number, number>();

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  take(nowMs: number): { ok: boolean; remaining: number; resetMs: number } {
    const start = Math.floor(nowMs / this.windowMs) * this.windowMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
    const ok = this.#used < this.limit;
    if (ok) {
      this.#used++;
      this.acceptedPerWindow.set(start, this.#used);
    }
    return { ok, remaining: this.limit - this.#used, resetMs: start + this.windowMs };
  }
}
