import { ConnectionError, TimeoutError } from '../errors.js';
import { scrubErrorChain } from '../internal/scrub-error.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

// Fetch forbids a body on these statuses (Fetch standard, "null body status").
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A deadline per attempt that covers the headers AND the body: the body is read inside the
 * deadline (openai-node #1825: timeouts that stop at the headers let a stalled body hang).
 * Reading it here also turns a truncated body into a typed `ConnectionError`. The body is kept on
 * the call context (`context.responseBody`) for every later reader: it is read once, never copied.
 */
export function timeoutPolicy(): Policy {
  return {
    name: 'timeout',
    async send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const controller = new AbortController();
      // A timed-out write was sent: it may have been applied (a retry is still safe with a key).
      const mayHaveSucceeded = !SAFE_METHODS.has(request.method);
      const timer = setTimeout(() => {
        controller.abort(new TimeoutError({ method: context.method, path: context.path, timeoutMs: context.timeoutMs, mayHaveSucceeded }));
      }, context.timeoutMs);
      const onAbort = (): void => controller.abort(context.signal?.reason);
      if (context.signal?.aborted) onAbort();
      else context.signal?.addEventListener('abort', onAbort, { once: true });
      context.attemptSignal = controller.signal;
      context.responseBody = undefined;
      // Race the abort too: a custom fetch that ignores its signal must not hang the call. The
      // listener goes when the attempt ends: left on the signal, it kept `aborted`, the races
      // and so every response body reachable until a full GC, since fetch's Request registers
      // this signal with a FinalizationRegistry (bench/results.md, list walks).
      let rejectAborted: (reason: unknown) => void = () => undefined;
      const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
      aborted.catch(() => undefined);
      const onAttemptAbort = (): void => rejectAborted(controller.signal.reason);
      controller.signal.addEventListener('abort', onAttemptAbort, { once: true });
      try {
        const response = await Promise.race([next(request, context), aborted]);
        if (!NULL_BODY_STATUS.has(response.status)) {
          try {
            context.responseBody = await Promise.race([response.arrayBuffer(), aborted]);
          } catch (cause) {
            if (controller.signal.aborted) throw controller.signal.reason;
            throw new ConnectionError({
              method: context.method,
              path: context.path,
              mayHaveSucceeded: true,
              status: response.status,
              requestId: response.headers.get('x-request-id') ?? undefined,
              // Name the response whose body broke: its status and request id are what support needs.
              cause: new Error(`the connection broke while reading the body of the ${response.status} response${requestIdOf(response)}`, {
                cause: scrubErrorChain(cause, context.scrub),
              }),
            });
          }
        }
        return response;
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason;
        throw error;
      } finally {
        clearTimeout(timer);
        context.signal?.removeEventListener('abort', onAbort);
        controller.signal.removeEventListener('abort', onAttemptAbort);
      }
    },
  };
}

function requestIdOf(response: Response): string {
  const id = response.headers.get('x-request-id');
  return id ? ` (request ${id})` : '';
}
