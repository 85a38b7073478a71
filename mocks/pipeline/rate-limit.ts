/**
 * Per-key rate limits in fixed windows, one budget per rate-limit group (`default`
 * 300/min, `events` 100/min — the spec's `x-rate-limit-groups`), plus an optional
 * daily quota. Windows run on the clock's `epochMs()` so clients can pace on the headers.
 */
import { spec } from '../spec.js';

/** A group of the spec's `x-rate-limit-groups`. */
interface SpecRateLimitGroup {
  readonly limit: number;
  readonly window_seconds: number;
}

/** One group's budget. */
export interface RateLimitWindow {
  /** Requests allowed per window. */
  readonly limit: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

/** Budgets by rate-limit group. */
export type RateLimits = Readonly<Record<string, RateLimitWindow>>;

/** The spec's groups: default 300 per 60 s, events 100 per 60 s. */
export const DEFAULT_RATE_LIMITS: RateLimits = Object.fromEntries(
  Object.entries(spec['x-rate-limit-groups'] as Record<string, SpecRateLimitGroup>).map(([group, g]) => [group, { limit: g.limit, windowMs: g.window_seconds * 1000 }]),
);

/** The budget after a request, as the headers report it. */
export interface RateState {
  readonly limit: number;
  readonly remaining: number;
  /** `X-RateLimit-Reset`: when the window ends, epoch seconds. */
  readonly resetEpochSeconds: number;
  /** Seconds until the window ends (at least 1), for `Retry-After`. */
  readonly retryAfterSeconds: number;
}

/** Outcome of counting one request. */
export type RateDecision =
  | ({ readonly allowed: true } & RateState)
  | ({ readonly allowed: false; readonly reason: 'RATE_LIMITED' | 'QUOTA_EXCEEDED' } & RateState);

interface Window {
  start: number;
  count: number;
}

const DAY_MS = 86_400_000;
/** The shortest `Retry-After` of a quota 429, in seconds. */
const MIN_QUOTA_RETRY_AFTER_S = 60;

/** Counts requests per key and group. */
export class RateLimiter {
  readonly #limits: RateLimits;
  readonly #epochMs: () => number;
  readonly #dailyQuota: () => number | null;
  readonly #windows = new Map<string, Window>();
  readonly #days = new Map<string, Window>();

  /** @param dailyQuota the quota, or a function read on every request (the plan can change). */
  constructor(limits: RateLimits, epochMs: () => number, dailyQuota: number | null | (() => number | null) = null) {
    this.#limits = limits;
    this.#epochMs = epochMs;
    this.#dailyQuota = typeof dailyQuota === 'function' ? dailyQuota : () => dailyQuota;
  }

  /** The budget of a group (falls back to `default`). */
  window(group: string): RateLimitWindow {
    return this.#limits[group] ?? this.#limits['default'] ?? { limit: 300, windowMs: 60_000 };
  }

  /** The daily quota, or null. */
  get dailyQuota(): number | null {
    return this.#dailyQuota();
  }

  /** Counts one request of `keyId` in `group`, unless the budget is spent. */
  consume(keyId: string, group: string): RateDecision {
    const now = this.#epochMs();
    const { limit } = this.window(group);
    const w = this.#current(keyId, group, now);
    const quota = this.#dailyQuota();
    if (quota !== null) {
      const day = this.#day(keyId, now);
      if (day.count >= quota) {
        const state = this.#state(group, w, now);
        // The quota lasts until the next UTC day; never invite a retry within the minute (issue 16).
        return { allowed: false, reason: 'QUOTA_EXCEEDED', ...state, retryAfterSeconds: Math.max(MIN_QUOTA_RETRY_AFTER_S, Math.ceil((day.start + DAY_MS - now) / 1000)) };
      }
    }
    if (w.count >= limit) return { allowed: false, reason: 'RATE_LIMITED', ...this.#state(group, w, now) };
    w.count += 1;
    if (quota !== null) this.#day(keyId, now).count += 1;
    return { allowed: true, ...this.#state(group, w, now) };
  }

  /** The budget without counting (for responses that never reached the limiter). */
  peek(keyId: string | null, group: string): RateState {
    const now = this.#epochMs();
    const w = keyId === null ? { start: now, count: 0 } : this.#current(keyId, group, now);
    return this.#state(group, w, now);
  }

  /** Requests left today under the daily quota, or null without one. */
  quotaRemaining(keyId: string): number | null {
    const quota = this.#dailyQuota();
    if (quota === null) return null;
    return Math.max(0, quota - this.#day(keyId, this.#epochMs()).count);
  }

  /** Forgets every window. */
  reset(): void {
    this.#windows.clear();
    this.#days.clear();
  }

  #current(keyId: string, group: string, now: number): Window {
    const id = `${keyId}\u0000${group}`;
    const { windowMs } = this.window(group);
    let w = this.#windows.get(id);
    if (!w || now >= w.start + windowMs) {
      w = { start: now, count: 0 };
      this.#windows.set(id, w);
    }
    return w;
  }

  #day(keyId: string, now: number): Window {
    const start = Math.floor(now / DAY_MS) * DAY_MS;
    let d = this.#days.get(keyId);
    if (!d || d.start !== start) {
      d = { start, count: 0 };
      this.#days.set(keyId, d);
    }
    return d;
  }

  #state(group: string, w: Window, now: number): RateState {
    const { limit, windowMs } = this.window(group);
    const end = w.start + windowMs;
    return {
      limit,
      remaining: Math.max(0, limit - w.count),
      resetEpochSeconds: Math.ceil(end / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
    };
  }
}
