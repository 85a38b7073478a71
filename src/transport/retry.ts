import { ApiError, isConnectionError, isTimeoutError, type ConnectionError, type TimeoutError } from '../errors/index.js';
import { retryAfterFromHeaders } from '../headers/server-clock.js';
import { fullJitterDelay } from '../internal/backoff.js';
import type { RetryBudget } from '../internal/retry-budget.js';
import { sleep } from '../internal/sleep.js';
import { bodyText } from './response-body.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';
import type { ReportWait } from './waits.js';

/** Statuses worth another attempt; never 400/401/403/404/409/422/501/505. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * What the retry strategy decided for one failed attempt. The policy does the waiting: `delayMs`
 * is the server's `Retry-After` (`hinted`) or our backoff.
 */
export type RetryDecision = { retry: true; delayMs: number; hinted: boolean; kind: 'error' | 'timeout' } | { retry: false };

/** Options of {@link retryPolicy}. */
export interface RetryPolicyOptions {
  budget: RetryBudget;
  /** Makes a wait of more than a second visible. */
  reportWait?: ReportWait;
  /** For tests: the source of jitter. */
  random?: () => number;
  /** For tests: the client's clock. */
  now?: () => number;
}

/**
 * A write may be sent again only when repeating it cannot duplicate it: an idempotent method,
 * or a write carrying an `Idempotency-Key` (the server then replays the first result).
 */
export function isSafeToRepeat(request: OutgoingRequest): boolean {
  return IDEMPOTENT_METHODS.has(request.method) || request.headers.has('idempotency-key');
}

/**
 * Decides, without side effects, whether and when to retry a response. A `Retry-After` longer
 * than `maxWaitMs` is not waited for (`tooLongMs`).
 */
export function decideForResponse(
  response: Response,
  request: OutgoingRequest,
  retryNumber: number,
  options: { maxWaitMs: number; random: number; nowMs: number },
): RetryDecision | { retry: false; tooLongMs: number } {
  if (!RETRYABLE_STATUS.has(response.status) || !isSafeToRepeat(request)) return { retry: false };
  // RFC 9110 §10.2.3: Retry-After (seconds, or an HTTP-date on the server's clock) wins over our own backoff.
  const hinted = retryAfterFromHeaders(response.headers, options.nowMs);
  if (hinted !== undefined && hinted > options.maxWaitMs) return { retry: false, tooLongMs: hinted };
  if (hinted !== undefined) return { retry: true, delayMs: hinted, hinted: true, kind: 'error' };
  return { retry: true, delayMs: fullJitterDelay(retryNumber, options.random), hinted: false, kind: 'error' };
}

/** Decides whether a thrown connection error or timeout may be retried. */
export function decideForError(error: unknown, request: OutgoingRequest, retryNumber: number, random: number): RetryDecision {
  const timeout = isTimeoutError(error);
  if (!timeout && !isConnectionError(error)) return { retry: false };
  // A write that may have reached the server is repeated only with an idempotency key; one
  // that certainly did not (connection refused) is safe to send again.
  const reached = (error as ConnectionError | TimeoutError).mayHaveSucceeded;
  if (reached && !isSafeToRepeat(request)) return { retry: false };
  return { retry: true, delayMs: fullJitterDelay(retryNumber, random), hinted: false, kind: timeout ? 'timeout' : 'error' };
}

/**
 * Attempts, backoff and the retry budget. Exponential backoff with full jitter (base 500 ms,
 * cap 8 s); `Retry-After` wins, and the next attempt then goes at that time, unpaced; a
 * `Retry-After` longer than the call may wait (`maxRetryAfter`, `timeout`) is not slept but
 * thrown as `RateLimitError` for a 429 (a daily quota must surface, not spin); a token bucket,
 * as in AWS's standard retry mode, stops retry storms during an outage. Abort ends any wait at
 * once; a wait longer than a second is reported.
 */
export function retryPolicy(options: RetryPolicyOptions): Policy {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const { budget, reportWait } = options;
  return {
    name: 'retry',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      // Waits, then sends the next attempt; the retry tokens taken so far go along.
      const again = (retry: number, tokensTaken: number, decision: { delayMs: number; hinted: boolean }, after: string): Promise<Response> => {
        const { delayMs, hinted } = decision;
        context.logger.debug(`retrying ${context.method} ${context.path} in ${delayMs} ms after ${after}`, { attempt: context.attempt });
        reportWait?.(context, delayMs, hinted ? 'retry-after' : 'backoff', retry + 2);
        return sleep(delayMs, context.signal).then(() => {
          context.retryAfterHonoured = hinted;
          return attempt(retry + 1, tokensTaken);
        });
      };
      const attempt = (retry: number, tokensTaken: number): Promise<Response> => {
        context.attempt = retry + 1;
        const canRetry = retry < context.maxRetries;
        return next(request, context).then(
          (response) => {
            if (!RETRYABLE_STATUS.has(response.status)) {
              if (response.ok) budget.onSuccess(tokensTaken);
              return response;
            }
            const decision = decideForResponse(response, request, retry + 1, { maxWaitMs: context.maxWaitMs, random: random(), nowMs: now() });
            if (!decision.retry) {
              if ('tooLongMs' in decision && response.status === 429) {
                return rateLimitError(response, context, now()).then((error) => {
                  throw error;
                });
              }
              return response;
            }
            // Out of retries, or the budget is spent (an outage): answer with what we have
            // rather than pile on.
            const taken = canRetry ? budget.acquire(decision.kind) : undefined;
            if (taken === undefined) return response;
            return again(retry, tokensTaken + taken, decision, String(response.status));
          },
          (error: unknown) => {
            if (context.signal?.aborted) throw context.signal.reason;
            const decision = decideForError(error, request, retry + 1, random());
            const taken = decision.retry && canRetry ? budget.acquire(decision.kind) : undefined;
            if (!decision.retry || taken === undefined) throw error;
            return again(retry, tokensTaken + taken, decision, (error as Error).name);
          },
        );
      };
      return attempt(0, 0);
    },
  };
}

async function rateLimitError(response: Response, context: CallContext, nowMs: number): Promise<ApiError> {
  // fromResponse parses the text itself; a broken 429 body still becomes a RateLimitError (code
  // HTTP_429) that keeps a snippet of it.
  return ApiError.fromResponse({ status: response.status, body: bodyText(response), headers: response.headers, method: context.method, path: context.path, nowMs });
}
