import { ConnectionError } from '../errors/index.js';
import { scrubErrorChain } from '../internal/scrub-error.js';
import type { CallContext, Next, OutgoingRequest } from './types.js';

// Failures that happen before a single byte of the request leaves: safe to send again.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN']);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * The end of the pipeline: one `fetch`. Redirects are not followed here (`redirect: 'manual'`)
 * so the auth policy can decide what credentials a redirect may carry. A thrown network error
 * becomes a `ConnectionError` that says whether the request may have reached the server.
 */
export function fetchTransport(getFetch: () => typeof fetch, scrub: (text: string) => string): Next {
  return (request: OutgoingRequest, context: CallContext): Promise<Response> => {
    const init: RequestInit = { method: request.method, headers: request.headers, redirect: 'manual' };
    if (request.body !== undefined) init.body = request.body;
    if (context.attemptSignal) init.signal = context.attemptSignal;
    let sent: Promise<Response>;
    try {
      sent = Promise.resolve(getFetch()(request.url.href, init)); // the same promise when it is one
    } catch (cause) {
      sent = Promise.reject(cause); // a custom fetch that throws instead of rejecting
    }
    return sent.then(undefined, (cause: unknown) => {
      if (context.attemptSignal?.aborted) throw context.attemptSignal.reason;
      const code = errorCode(cause);
      throw new ConnectionError({
        method: context.method,
        path: context.path,
        mayHaveSucceeded: !(code && NOT_SENT.has(code)),
        cause: scrubErrorChain(cause, scrub),
      });
    });
  };
}
