import { ConnectionError, TimeoutError } from '../errors/index.js';
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
 *
 * What an attempt costs is kept small: one `AbortController` (fetch must get a fresh signal per
 * attempt), one timer, one promise settled by whichever comes first — the response and its
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
      context.responseBody = undefined;
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
        // ignores its signal; the abort reaches fetch and the body stream.
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
        const failed = (error: unknown): void => {
          if (finish()) reject(error);
        };
        next(request, context).then((response) => {
          if (settled) return; // the attempt already ended: the abort has reached this response
          if (NULL_BODY_STATUS.has(response.status)) {
            if (finish()) resolve(response);
            return;
          }
          response.arrayBuffer().then(
            (body) => {
              if (!finish()) return; // a late body never lands on the context of a later attempt
              context.responseBody = body;
              resolve(response);
            },
            (cause: unknown) => failed(bodyError(response, context, cause)),
          );
        }, failed);
      });
    },
  };
}

/** A body that broke while it was read: name the response, since its status and request id are what support needs. */
function bodyError(response: Response, context: CallContext, cause: unknown): ConnectionError {
  return new ConnectionError({
    method: context.method,
    path: context.path,
    mayHaveSucceeded: true,
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
    cause: new Error(`the connection broke while reading the body of the ${response.status} response${requestIdOf(response)}`, {
      cause: scrubErrorChain(cause, context.scrub),
    }),
  });
}

function requestIdOf(response: Response): string {
  const id = response.headers.get('x-request-id');
  return id ? ` (request ${id})` : '';
}
