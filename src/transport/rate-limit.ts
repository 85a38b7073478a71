import { parseRateLimitHeaders, type RateLimitInfo } from '../headers/rate-limit.js';
import { sleep } from '../internal/sleep.js';
import type { RateLimitStore, RateLimitWindow, Reservation } from '../rate-limit/store.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';
import { pacingRefusal, VISIBLE_WAIT_MS, type ReportWait } from './waits.js';

/** A bucket name: one budget per credential and rate-limit group (`x-rate-limit-group`). */
export function bucketName(credentialId: string | undefined, group: string | undefined): string {
  return `${credentialId ?? 'anonymous'}:${group ?? 'default'}`;
}

/**
 * What an answer tells the store (see `RateLimitStore.release`): the window; `null` for an answer
 * of the server's own without rate-limit fields (it does not meter us); `undefined` when it tells
 * nothing (a 429 or 5xx without the fields: a gateway or an overloaded server). Without a limit,
 * the remaining count stands in for it: after the reset, no more than that goes before an answer
 * tells the new window.
 */
function toWindow(info: RateLimitInfo | undefined, status: number): RateLimitWindow | null | undefined {
  if (!info || info.remaining === undefined || info.resetAt === undefined) return status < 500 && status !== 429 ? null : undefined;
  return { limit: Math.max(info.limit ?? info.remaining, info.remaining), remaining: info.remaining, resetAt: info.resetAt };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** Options of {@link rateLimitPolicy}. */
export interface RateLimitPolicyOptions {
  store: RateLimitStore;
  mode: 'pace' | 'off';
  /** Makes a wait of more than a second visible. */
  reportWait?: ReportWait;
  /** For tests: the client's clock. */
  now?: () => number;
}

/**
 * Paces each attempt inside the key's budget, learned from the `X-RateLimit-*` (or IETF
 * `RateLimit`) headers of every response, so a burst waits on our side instead of collecting
 * 429s. With `mode: 'off'` it only records the state. Malformed headers are ignored.
 *
 * A wait is bounded: one longer than the call's `maxWaitMs` (`maxRetryAfter`, `timeout`) throws
 * `RateLimitError` at once, without sending; the call's signal ends it at once. The attempt
 * after a `Retry-After` wait goes unpaced, at the time the server named.
 *
 * A store that answers synchronously (the in-memory default) costs no wait: the attempt is sent
 * in the same turn and one `then` reads the answer's headers; an asynchronous store is awaited.
 */
export function rateLimitPolicy(options: RateLimitPolicyOptions): Policy {
  const now = options.now ?? Date.now;
  const { store, reportWait } = options;
  const pace = options.mode === 'pace';
  // The bucket name of the last call: the same key and group give the same string, whose hash
  // the store's map already knows.
  let last: { id: string | undefined; group: string | undefined; bucket: string } = { id: undefined, group: undefined, bucket: bucketName(undefined, undefined) };
  const bucketFor = (context: CallContext): string => {
    const id = context.credential?.id;
    const group = context.operation?.rateLimitGroup;
    if (id !== last.id || group !== last.group) last = { id, group, bucket: bucketName(id, group) };
    return last.bucket;
  };

  const attempt = (request: OutgoingRequest, context: CallContext, next: Next, bucket: string, ticket: number): Promise<Response> => {
    // With pacing off, ticket 0 was never reserved: releasing it only records the window.
    const release = (observed: RateLimitWindow | null | undefined): void | Promise<void> =>
      pace || observed ? store.release(bucket, ticket, observed, now()) : undefined;
    return next(request, context).then(
      (response) => {
        let observed: RateLimitWindow | null | undefined;
        let released: void | Promise<void>;
        try {
          const info = parseRateLimitHeaders(response.headers, now());
          if (info) context.rateLimit = info;
          observed = toWindow(info, response.status);
        } finally {
          released = release(observed);
        }
        return isPromise(released) ? released.then(() => response) : response;
      },
      (error: unknown) => {
        const released = release(undefined);
        if (!isPromise(released)) throw error;
        return released.then(() => {
          throw error;
        });
      },
    );
  };

  return {
    name: 'rate-limit',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const bucket = bucketFor(context);
      // Ticket 0 is no reservation: the answer is only recorded.
      if (!pace) return attempt(request, context, next, bucket, 0);
      if (context.retryAfterHonoured) {
        context.retryAfterHonoured = false;
        return attempt(request, context, next, bucket, 0);
      }
      const reservation = store.reserve(bucket, now()); // a store that throws rejects the call (composePolicies)
      if (!isPromise(reservation) && reservation.ok) return attempt(request, context, next, bucket, reservation.ticket);
      return waitForRoom(store, bucket, reservation, context, now, reportWait).then((ticket) => attempt(request, context, next, bucket, ticket));
    },
  };
}

/**
 * Asks the store until it has room for one more request in the bucket; returns the ticket. The
 * waits add up to at most `context.maxWaitMs`: the one that would go past it is not slept but
 * thrown as `RateLimitError`, carrying the store's wait.
 */
async function waitForRoom(
  store: RateLimitStore,
  bucket: string,
  first: Reservation | Promise<Reservation>,
  context: CallContext,
  now: () => number,
  reportWait: ReportWait | undefined,
): Promise<number> {
  const startedAt = now();
  let reported = false;
  for (let answer = await first; ; answer = await store.reserve(bucket, now())) {
    if (answer.ok) return answer.ticket;
    const nowMs = now();
    if (nowMs - startedAt + answer.retryInMs > context.maxWaitMs) {
      throw pacingRefusal(context, answer.retryInMs, await knownWindow(store, bucket), nowMs);
    }
    context.logger.debug(`pacing ${context.method} ${context.path}: waiting ${answer.retryInMs} ms for the rate-limit window`);
    if (!reported && answer.retryInMs > VISIBLE_WAIT_MS) {
      reported = true; // once per pacing wait, however many times the store is asked again
      reportWait?.(context, answer.retryInMs, 'pacing', context.attempt);
    }
    await sleep(answer.retryInMs, context.signal);
  }
}

/** The store's window of a bucket, for the error's `limit`; a store that fails to say gives none. */
async function knownWindow(store: RateLimitStore, bucket: string): Promise<RateLimitWindow | undefined> {
  try {
    return await store.get(bucket);
  } catch {
    return undefined;
  }
}
