/** A rate-limit window as the server reported it. */
export interface RateLimitWindow {
  /** Requests allowed in the window. */
  limit: number;
  /** Requests left in the window. */
  remaining: number;
  /** When the window resets (epoch ms). */
  resetAt: number;
}

/** The answer of {@link RateLimitStore.reserve}: send now with a ticket, or ask again later. */
export type Reservation =
  | {
      /** Send now. */
      readonly ok: true;
      /** Identifies the reservation; pass it to {@link RateLimitStore.release}. */
      readonly ticket: number;
    }
  | {
      /** No room in the window yet. */
      readonly ok: false;
      /** Ask again after this many milliseconds. */
      readonly retryInMs: number;
    };

/**
 * Where the rate-limit budget of each key and group lives. The default is in memory, per
 * process; a shared implementation (Redis, say) lets a fleet of processes using one key share
 * one budget. Methods may be sync or async.
 */
export interface RateLimitStore {
  /** Reserves one request in `bucket` (a key id and a rate-limit group). */
  reserve(bucket: string, nowMs: number): Reservation | Promise<Reservation>;
  /**
   * Ends a reservation with what the answer said about the window: the window; `null` when the
   * server answered without rate-limit fields (it does not meter this bucket); `undefined` when
   * no answer told anything (a network error, or a 429 or 5xx without the fields: a gateway
   * or an overloaded server, which says nothing about the budget).
   */
  release(bucket: string, ticket: number, observed: RateLimitWindow | null | undefined, nowMs: number): void | Promise<void>;
  /** The last known window of a bucket. */
  get(bucket: string): RateLimitWindow | undefined | Promise<RateLimitWindow | undefined>;
}

interface BucketState {
  window: RateLimitWindow | undefined;
  /** Tickets of requests sent and not yet answered: each may still count against `window.remaining`. */
  inFlight: Set<number>;
  nextTicket: number;
  /** The server answered without rate-limit headers: nothing to pace by. */
  unmetered: boolean;
}

/** How long to wait while the first request of a bucket finds out the budget. */
const PROBE_POLL_MS = 5;

/**
 * The default store: in memory, per process. It paces without a clock of its own: the lowest
 * `remaining` the server reported in the window, minus every request still in flight, is what
 * may still go. Until the first response tells the budget, one request goes alone (a probe), and
 * again once a window has rolled over with nothing in flight to tell the new one; a server that
 * answers without rate-limit headers is not paced.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  #buckets = new Map<string, BucketState>();

  #state(bucket: string): BucketState {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = { window: undefined, inFlight: new Set(), nextTicket: 1, unmetered: false };
      this.#buckets.set(bucket, state);
    }
    return state;
  }

  reserve(bucket: string, nowMs: number): Reservation {
    const state = this.#state(bucket);
    const window = state.window;
    if (!window) {
      if (state.inFlight.size > 0 && !state.unmetered) return { ok: false, retryInMs: PROBE_POLL_MS };
      return this.#take(state);
    }
    if (nowMs >= window.resetAt) {
      // The window rolled over: a full budget, minus every request still in flight (it may be
      // counted in the new window).
      window.remaining = window.limit;
      window.resetAt = Number.POSITIVE_INFINITY;
    }
    // Every request in flight counts, whatever its ticket: concurrent requests reach the server
    // (and come back) in any order, so an answer says nothing about the requests sent before it.
    // Counting only the later ones let 16–64 concurrent calls overshoot a window by up to 13 %.
    if (window.remaining - state.inFlight.size > 0) return this.#take(state);
    if (window.resetAt !== Number.POSITIVE_INFINITY) return { ok: false, retryInMs: Math.max(1, window.resetAt - nowMs) };
    // Rolled over, and the last window's limit leaves no room (a limit of 0, say): with nothing
    // in flight no answer would ever tell the new window, so one request goes and finds out.
    return state.inFlight.size === 0 ? this.#take(state) : { ok: false, retryInMs: PROBE_POLL_MS * 10 };
  }

  #take(state: BucketState): Reservation {
    const ticket = state.nextTicket++;
    state.inFlight.add(ticket);
    return { ok: true, ticket };
  }

  release(bucket: string, ticket: number, observed: RateLimitWindow | null | undefined): void {
    const state = this.#state(bucket);
    const wasInFlight = state.inFlight.delete(ticket);
    const window = state.window;
    if (!observed) {
      // A server that answers without rate-limit headers gives nothing to pace by. A failed probe
      // says nothing: the next request goes alone again.
      if (!window && observed === null) state.unmetered = true;
      // No word about the window: assume the request counted.
      if (window && wasInFlight) window.remaining = Math.max(0, window.remaining - 1);
      return;
    }
    if (!window || window.resetAt === Number.POSITIVE_INFINITY || observed.resetAt > window.resetAt) {
      state.window = { ...observed };
    } else if (observed.resetAt === window.resetAt && observed.remaining < window.remaining) {
      window.remaining = observed.remaining;
    }
  }

  get(bucket: string): RateLimitWindow | undefined {
    const window = this.#buckets.get(bucket)?.window;
    return window ? { ...window } : undefined;
  }
}
