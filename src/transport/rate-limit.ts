import { parseRateLimitHeaders, type RateLimitInfo } from '../headers/rate-limit.js';
import { sleep } from '../internal/sleep.js';
import type { RateLimitStore, RateLimitWindow, Reservation } from '../rate-limit/store.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

/** A bucket name: one budget per credential and rate-limit group (`x-rate-limit-group`). */
export function bucketName(credentialId: string | undefined, group: string | undefined): string {
  return `${credentialId ?? 'anonymous'}:${group ?? 'default'}`;
}

/** The bucket of a call. */
export function bucketOf(context: CallContext): string {
  return bucketName(context.credential?.id, context.operation?.rateLimitGroup);
}

function toWindow(info: RateLimitInfo | undefined): RateLimitWindow | undefined {
  if (!info || info.limit === undefined || info.remaining === undefined || info.resetAt === undefined) return undefined;
  return { limit: info.limit, remaining: info.remaining, resetAt: info.resetAt };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/**
 * Paces each attempt inside the key's budget, learned from the `X-RateLimit-*` (or IETF
 * `RateLimit`) headers of every response, so a burst waits on our side instead of collecting
 * 429s. With `mode: 'off'` it only records the state. Malformed headers are ignored.
 *
 * A store that answers synchronously (the in-memory default) costs no wait: the attempt is sent
 * in the same turn and one `then` reads the answer's headers; an asynchronous store is awaited.
 */
export function rateLimitPolicy(options: { store: RateLimitStore; mode: 'pace' | 'off'; now?: () => number }): Policy {
  const now = options.now ?? Date.now;
  const { store } = options;
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
    const release = (observed: RateLimitWindow | undefined): void | Promise<void> =>
      pace || observed ? store.release(bucket, ticket, observed, now()) : undefined;
    return next(request, context).then(
      (response) => {
        let observed: RateLimitWindow | undefined;
        let released: void | Promise<void>;
        try {
          const info = parseRateLimitHeaders(response.headers, now());
          if (info) context.rateLimit = info;
          observed = toWindow(info);
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
      if (!pace) return attempt(request, context, next, bucket, 0);
      const reservation = store.reserve(bucket, now()); // a store that throws rejects the call (composePolicies)
      if (!isPromise(reservation) && reservation.ok) return attempt(request, context, next, bucket, reservation.ticket);
      return waitForRoom(store, bucket, reservation, context, now).then((ticket) => attempt(request, context, next, bucket, ticket));
    },
  };
}

/** Asks the store until it has room for one more request in the bucket; returns the ticket. */
async function waitForRoom(store: RateLimitStore, bucket: string, first: Reservation | Promise<Reservation>, context: CallContext, now: () => number): Promise<number> {
  for (let answer = await first; ; answer = await store.reserve(bucket, now())) {
    if (answer.ok) return answer.ticket;
    context.logger.debug(`pacing ${context.method} ${context.path}: waiting ${answer.retryInMs} ms for the rate-limit window`);
    await sleep(answer.retryInMs, context.signal);
  }
}
