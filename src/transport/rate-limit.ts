import { parseRateLimitHeaders, type RateLimitInfo } from '../headers/rate-limit.js';
import { sleep } from '../internal/sleep.js';
import type { RateLimitStore, RateLimitWindow } from '../rate-limit/store.js';
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

/**
 * Paces each attempt inside the key's budget, learned from the `X-RateLimit-*` (or IETF
 * `RateLimit`) headers of every response, so a burst waits on our side instead of collecting
 * 429s. With `mode: 'off'` it only records the state. Malformed headers are ignored.
 */
export function rateLimitPolicy(options: { store: RateLimitStore; mode: 'pace' | 'off'; now?: () => number }): Policy {
  const now = options.now ?? Date.now;
  const { store } = options;
  return {
    name: 'rate-limit',
    async send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const bucket = bucketOf(context);
      let ticket = 0;
      if (options.mode === 'pace') {
        for (;;) {
          const reservation = await store.reserve(bucket, now());
          if (reservation.ok) {
            ticket = reservation.ticket;
            break;
          }
          context.logger.debug(`pacing ${context.method} ${context.path}: waiting ${reservation.retryInMs} ms for the rate-limit window`);
          await sleep(reservation.retryInMs, context.signal);
        }
      }
      let observed: RateLimitWindow | undefined;
      try {
        const response = await next(request, context);
        const info = parseRateLimitHeaders(response.headers, now());
        if (info) context.rateLimit = info;
        observed = toWindow(info);
        return response;
      } finally {
        // With pacing off, ticket 0 was never reserved: releasing it only records the window.
        if (options.mode === 'pace' || observed) await store.release(bucket, ticket, observed, now());
      }
    },
  };
}
