/**
 * How error messages name what failed: the request (`on GET /v1/agents (request req_…)`),
 * the underlying cause, a write that may have been applied.
 * @internal
 * @packageDocumentation
 */
import { isRecord, scrub } from './base.js';

// Said of a write that failed after it was sent: applied or not, nobody knows.
export const MAY_HAVE_SUCCEEDED = ' (the request may have reached the server)';

/** The cause's message (and its own cause's, one level down: undici's `fetch failed` says little alone). */
export function describeCause(cause: unknown): string | undefined {
  if (!isRecord(cause) || typeof cause['message'] !== 'string') return typeof cause === 'string' ? scrub(cause) : undefined;
  const inner = isRecord(cause['cause']) && typeof cause['cause']['message'] === 'string' ? cause['cause']['message'] : '';
  return scrub(inner !== '' && inner !== cause['message'] ? `${cause['message']}: ${inner}` : cause['message']);
}

export function stripQuery(path: string): string {
  return path.split(/[?#]/, 1)[0] ?? '';
}

/** ` on GET /v1/auth/me (request req_…)`: the request, as every message names it. */
export function describeRequest(method: string, path: string, requestId?: string): string {
  return ` on ${method.toUpperCase()} ${stripQuery(path)}${requestId === undefined ? '' : ` (request ${requestId})`}`;
}
