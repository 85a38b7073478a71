/**
 * Answers given outside any operation — an unknown path (404), a method the path does not
 * document (405 with `Allow`), `OPTIONS` (204 with `Allow`), and the HTTP layer's own errors
 * (400, 408, 413, 431) — and the headers every answer carries: `X-Request-Id` and the
 * `X-RateLimit-*` trio (the `default` group's full budget when no key was counted).
 */
import type { ErrorCode } from '@opsmerge/sdk';
import { MockApiError, errorResponse } from './errors.js';
import type { RateLimiter, RateState } from './rate-limit.js';
import type { RequestIds } from './request-id.js';

/** What protocol answers need of the pipeline's state. */
export interface ProtocolDeps {
  readonly requestIds: RequestIds;
  readonly limiter: RateLimiter;
}

/** Sets `X-Request-Id` and `X-RateLimit-Limit`, `-Remaining`, `-Reset` on an answer. */
export function setStandardHeaders(headers: Headers, requestId: string, rate: RateState): void {
  headers.set('X-Request-Id', requestId);
  headers.set('X-RateLimit-Limit', String(rate.limit));
  headers.set('X-RateLimit-Remaining', String(rate.remaining));
  headers.set('X-RateLimit-Reset', String(rate.resetEpochSeconds));
}

/** An error in the envelope with a fresh request id and the standard headers. */
export function protocolError(deps: ProtocolDeps, code: ErrorCode, message: string, headers: Readonly<Record<string, string>> = {}): Response {
  const requestId = deps.requestIds.next();
  const response = errorResponse(new MockApiError(code, message, { headers: { ...headers } }), requestId);
  setStandardHeaders(response.headers, requestId, deps.limiter.peek(null, 'default'));
  return response;
}

/** The methods a path answers (RFC 9110 §10.2.1): its operations' methods, `HEAD` where `GET` is, and `OPTIONS`; sorted. */
export function allowedMethods(methods: Iterable<string>): string {
  const allowed = new Set(methods);
  if (allowed.has('GET')) allowed.add('HEAD');
  allowed.add('OPTIONS');
  return [...allowed].sort().join(', ');
}

/** 405 `METHOD_NOT_ALLOWED` with `Allow`. */
export function methodNotAllowed(deps: ProtocolDeps, method: string, path: string, allow: string): Response {
  return protocolError(deps, 'METHOD_NOT_ALLOWED', `${method} is not a method of ${path}; allowed: ${allow}`, { Allow: allow });
}

/** 204 to `OPTIONS`, with `Allow` (no credentials needed, nothing counted). */
export function optionsAnswer(deps: ProtocolDeps, allow: string): Response {
  const response = new Response(null, { status: 204, headers: { Allow: allow } });
  setStandardHeaders(response.headers, deps.requestIds.next(), deps.limiter.peek(null, 'default'));
  return response;
}
