import { TimeoutError } from '../errors/index.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A deadline per attempt that covers the headers AND the body (openai-node #1825: timeouts that
 * stop at the headers let a stalled body hang): the terminal fetch step reads the body before the
 * attempt resolves, under the signal made here, so this policy only races the attempt against
 * its deadline and the caller's abort.
 *
 * What an attempt costs is kept small: one `AbortController` (fetch must get a fresh signal per
 * attempt), one timer, one promise settled by whichever comes first — the response with its
 * body, the deadline or the caller's abort — and a listener on the caller's signal only when
 * there is one. Nothing listens on the attempt's own signal: fetch's `Request` registers that
 * signal with a `FinalizationRegistry`, which keeps it, and so anything its listeners hold
 * (earlier: the races and every response body), reachable until the Request is collected
 * (bench/results.md, list walks).
 */
export function timeoutPolicy(): Policy {
  return {
    name: 'timeout',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const controller = new AbortController();
      context.attemptSignal = controller.signal;
      const caller = context.signal;
      if (caller?.aborted) {
        controller.abort(caller.reason);
        return Promise.reject(controller.signal.reason);
      }
      // A timed-out write was sent: it may have been applied (a retry is still safe with a key).
      const mayHaveSucceeded = !SAFE_METHODS.has(request.method);
      return new Promise<Response>((resolve, reject) => {
        let settled = false;
        const finish = (): boolean => {
          if (settled) return false;
          settled = true;
          clearTimeout(timer);
          caller?.removeEventListener('abort', onCallerAbort);
          return true;
        };
        // The deadline or the caller ends the attempt at once, even with a custom fetch that
        // ignores its signal; the abort reaches fetch and the body being read.
        const abort = (reason: unknown): void => {
          if (!finish()) return;
          controller.abort(reason);
          reject(controller.signal.reason);
        };
        const timer = setTimeout(() => {
          abort(new TimeoutError({ method: context.method, path: context.path, timeoutMs: context.timeoutMs, mayHaveSucceeded }));
        }, context.timeoutMs);
        const onCallerAbort = (): void => abort((caller as AbortSignal).reason);
        caller?.addEventListener('abort', onCallerAbort, { once: true });
        next(request, context).then(
          (response) => {
            if (finish()) resolve(response);
          },
          (error: unknown) => {
            if (finish()) reject(error);
          },
        );
      });
    },
  };
}
