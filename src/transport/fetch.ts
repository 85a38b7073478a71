import { ConnectionError } from '../errors/index.js';
import { scrubErrorChain } from '../internal/scrub-error.js';
import { readResponse } from './response-body.js';
import type { CallContext, Next, OutgoingRequest } from './types.js';

// Codes of failures that happen before a single byte of the request leaves: DNS, TCP connect,
// TLS handshake. Node's undici puts them on the error's `cause`; Bun on the error itself.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ConnectionRefused', // older Bun
]);

// Runtimes that give no code say the same in the message. Deno: `client error (Connect): tcp
// connect error: Connection refused` or `… (Connect): dns error: …` on the cause of a bare
// "fetch failed" (hyper's Connect kind: the connection was never established). Bun: messages
// that start with the code. Browsers ("Failed to fetch") and workerd ("Network connection
// lost.") do not say whether anything was sent: those stay "may have succeeded".
const NOT_SENT_MESSAGE = /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b|client error \(Connect\)/;

/**
 * Whether a fetch failure proves the request never reached the server: a code or a message of
 * the connect phase anywhere in the first links of its cause chain. When in doubt, false: a
 * write that may have been applied must not be repeated without an idempotency key.
 */
export function neverSent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    if (typeof message === 'string' && NOT_SENT_MESSAGE.test(message)) return true;
  }
  return false;
}

/**
 * The end of the pipeline: one `fetch`, and the one place a response body is read
 * ({@link readResponse}: within the byte limit, under the attempt's signal, so the attempt's
 * deadline covers it). Redirects are not followed here (`redirect: 'manual'`) so the auth policy
 * can decide where a redirect may go and what credentials it may carry. A thrown network error
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
    return sent.then(
      (response) => readResponse(response, context),
      (cause: unknown) => {
        if (context.attemptSignal?.aborted) throw context.attemptSignal.reason;
        throw new ConnectionError({ method: context.method, path: context.path, mayHaveSucceeded: !neverSent(cause), cause: scrubErrorChain(cause, scrub) });
      },
    );
  };
}
