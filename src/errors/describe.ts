/**
 * How error messages name what failed: the request (`on GET /v1/agents (request req_…)`),
 * the underlying cause, a write that may have been applied.
 * @internal
 * @packageDocumentation
 */
import { redactSecrets } from '../internal/redact.js';
import { boundedText, safeJson } from '../internal/safe-json.js';
import { knownSecrets } from '../internal/secrets.js';
import { isRecord, scrubText } from './base.js';

/** How much of a body an error keeps: enough to recognise what answered (a proxy's page…). */
export const BODY_SNIPPET_LENGTH = 200;

/**
 * The start of a response body, scrubbed, for an error to carry: the text as it came, or a
 * parsed body as JSON; `''` for no body. At most {@link BODY_SNIPPET_LENGTH} characters.
 *
 * @param body - The body text, or what it parsed to; `undefined` for none.
 * @param secrets - Secrets to hide besides the ones the SDK knows (see src/internal/secrets.ts).
 */
export function bodySnippet(body: unknown, secrets: readonly string[] = []): string {
  const hide = (text: string): string => redactSecrets(text, [...secrets, knownSecrets]);
  let text: string;
  try {
    text = body === undefined ? '' : typeof body === 'string' ? body : (JSON.stringify(safeJson(body, hide)) ?? '');
  } catch {
    text = '';
  }
  return boundedText(text, BODY_SNIPPET_LENGTH, hide, '');
}

// Said of a write that failed after it was sent: applied or not, nobody knows.
export const MAY_HAVE_SUCCEEDED = ' (the request may have reached the server)';

/**
 * The cause's message (and its own cause's, one level down: undici's `fetch failed` says little
 * alone), scrubbed and bounded; undefined when there is none or it cannot be read.
 */
export function describeCause(cause: unknown): string | undefined {
  try {
    if (!isRecord(cause) || typeof cause['message'] !== 'string') return typeof cause === 'string' ? boundedText(cause, 500, scrubText) : undefined;
    const inner = isRecord(cause['cause']) && typeof cause['cause']['message'] === 'string' ? cause['cause']['message'] : '';
    return boundedText(inner !== '' && inner !== cause['message'] ? `${cause['message']}: ${inner}` : cause['message'], 500, scrubText);
  } catch {
    return undefined; // a throwing getter or a revoked Proxy
  }
}

export function stripQuery(path: string): string {
  return path.split(/[?#]/, 1)[0] ?? '';
}

/** ` on GET /v1/auth/me (request req_…)`: the request, as every message names it. */
export function describeRequest(method: string, path: string, requestId?: string): string {
  return ` on ${method.toUpperCase()} ${stripQuery(path)}${requestId === undefined ? '' : ` (request ${requestId})`}`;
}
