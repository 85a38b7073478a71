/**
 * The waits inside a call (pacing, `Retry-After`, backoff): how long one may be, and how a long
 * one is made visible. The rate-limit and retry policies both use these.
 *
 * @packageDocumentation
 */
import { RateLimitError } from '../errors/index.js';
import type { InternalLogger } from '../internal/logger.js';
import type { WaitNotice, WaitReason } from '../options.js';
import type { CallContext } from './types.js';

/** A wait longer than this is reported (`onWait`, or a warning). */
export const VISIBLE_WAIT_MS = 1000;

/**
 * Reports a wait a call is about to make before its attempt number `attempt`; waits of
 * {@link VISIBLE_WAIT_MS} or less are ignored.
 */
export type ReportWait = (context: CallContext, waitMs: number, reason: WaitReason, attempt: number) => void;

/**
 * The reporter of one client: calls `onWait` for every wait over a second, or else logs a warning.
 * A burst of calls waiting for the same moment (a window's reset, one `Retry-After`) gets one
 * line: a wait that ends within a second of one already announced, for the same reason and
 * rate-limit group, is not logged again.
 *
 * @param options - The client's logger and its `onWait` option.
 * @param now - The clock, for tests.
 */
export function waitReporter(options: { logger: InternalLogger; onWait: ((notice: WaitNotice) => void) | undefined }, now: () => number = Date.now): ReportWait {
  const { logger, onWait } = options;
  const announcedUntil = new Map<string, number>();
  return (context, waitMs, reason, attempt) => {
    if (!(waitMs > VISIBLE_WAIT_MS)) return;
    const notice: WaitNotice = {
      operation: context.operation?.operationId ?? `${context.method} ${context.path}`,
      method: context.method,
      path: context.path,
      waitMs: Math.round(waitMs),
      reason,
      attempt,
    };
    if (onWait) {
      try {
        onWait(notice);
      } catch (error) {
        // The hook is the caller's: its failure must not fail the call it reports on.
        logger.warn(`onWait threw: ${error instanceof Error ? error.message : String(error)}`);
      }
      return;
    }
    const key = `${reason} ${context.operation?.rateLimitGroup ?? 'default'}`;
    const endsAt = now() + waitMs;
    if ((announcedUntil.get(key) ?? Number.NEGATIVE_INFINITY) >= endsAt - VISIBLE_WAIT_MS) return;
    announcedUntil.set(key, endsAt);
    logger.warn(`${context.method} ${context.path} waits ${(waitMs / 1000).toFixed(1)} s (${reason})`, { ...notice });
  };
}

/**
 * The error for a pacing wait longer than the call may wait (`maxRetryAfter`, `timeout`): thrown
 * before anything is sent, so it carries no request id; `details.reason` is `'pacing'`.
 *
 * @param context - The call.
 * @param waitMs - How long it would have had to wait.
 * @param window - What the store knows of the window, for `limit` and `remaining`.
 * @param nowMs - The client's clock.
 */
export function pacingRefusal(context: CallContext, waitMs: number, window: { limit: number; remaining: number } | undefined, nowMs: number): RateLimitError {
  return new RateLimitError({
    status: 429,
    code: 'RATE_LIMITED',
    message: '',
    method: context.method,
    path: context.path,
    details: { reason: 'pacing', sent: false },
    retryAfterMs: Math.ceil(waitMs),
    resetAt: new Date(nowMs + Math.ceil(waitMs)),
    limit: window?.limit,
    remaining: window?.remaining,
  });
}
