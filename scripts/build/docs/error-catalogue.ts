/**
 * The error catalogue page: every code of the spec's `ErrorCode` with its status, what it
 * means (the spec's words), the class the SDK throws for it (found by building the error as
 * the SDK does) and what to do. The advice is written here, one entry per code, and typed
 * by `ErrorCode`: a code added to the spec fails the type check until it has its advice.
 */
import type { ErrorCode } from '@opsmerge/sdk';
import { blocks, code, table } from './markdown.js';
import type { ErrorCodeDoc, Reference } from './model.js';
import { PAGE_FILES, PAGE_TITLES, REFERENCE_GROUP, sdkLink, toHeading } from './site-links.js';

/**
 * What to do about each code. Typed so that every `ErrorCode` needs an entry; entries for
 * codes the spec does not have yet are allowed (and not shown) so the spec can gain them first.
 */
export const ERROR_ADVICE: Readonly<Record<ErrorCode, string>> & Readonly<Record<string, string>> = {
  BAD_REQUEST:
    'Send valid JSON with `Content-Type: application/json`. The SDK always does; if a call through the SDK gets this, report it with the request id.',
  UNAUTHORIZED:
    'Check the key: `createClient({ apiKey })` or `OPSMERGE_API_KEY`, the key alone (the SDK adds the scheme), `om_live_…` or `om_test_…`. The SDK does not retry it.',
  KEY_REVOKED:
    'Create a new key (`client.apiKeys.create()` with an admin key, or the dashboard) and switch to it. To rotate without a restart, give `createClient` an async key provider.',
  KEY_EXPIRED: 'Create a new key, with a later `expires_at` or none, and switch to it.',
  KEY_ENVIRONMENT_MISMATCH:
    'Use an `om_live_` key with production and an `om_test_` key with the sandbox. The SDK picks the server from the key unless `baseUrl` says otherwise.',
  OWNER_DEACTIVATED: 'Use a key owned by an active user of the organisation.',
  TOKEN_REVOKED: 'Refresh the OAuth token (`OAuthTokenManager` does when it can); if the grant itself was revoked, send the user through authorisation again.',
  TOKEN_EXPIRED: 'Refresh the OAuth access token with its refresh token (`OAuthTokenManager` refreshes before expiry).',
  FORBIDDEN: "The key's owner may not do this: ask an admin to change the owner's role, or use a key of a user who may.",
  INSUFFICIENT_SCOPE:
    '`details[].scope` names the missing scope. Create a key that holds it (scopes narrow a key, never widen its owner\'s role); each operation page lists the scopes it needs.',
  IP_NOT_ALLOWED: "Call from an address on the key's IP allow-list, or change the list (Enterprise).",
  API_ACCESS_DISABLED: "An admin of the organisation turns API access on in the organisation's settings.",
  PLAN_LIMIT_REACHED: 'Revoke keys you no longer use (`client.apiKeys.list()`, then `client.apiKeys.revoke(id)`), or move to a larger plan.',
  METHOD_NOT_ALLOWED: "Use a method the `Allow` header lists. The SDK's methods always send the documented one; this comes from a hand-built request.",
  REQUEST_TIMEOUT: 'Send the whole request promptly: a stalled upload or a slow proxy keeps it from arriving. The SDK retries a 408 when repeating is safe.',
  PAYLOAD_TOO_LARGE: 'Keep the body under 1 MiB: split a large batch into several calls.',
  REQUEST_HEADERS_TOO_LARGE: 'Keep the request line and headers under 16 KiB: fewer or shorter query parameters, no oversized custom headers.',
  NOT_FOUND:
    'Check the id: the resource may have been deleted, or belong to another organisation. `isNotFoundError(error)` lets you treat it as absent.',
  CONFLICT:
    "Read the resource's current state and decide again. For a reused `Idempotency-Key` with a different body, send the new body with a new key.",
  ALREADY_REVOKED: 'Nothing: the key is revoked already. Clean-up code can treat it as done.',
  VALIDATION_FAILED: 'Fix each field named by `details[].field` (a JSON pointer such as `/name`). The SDK does not retry it.',
  RATE_LIMITED:
    'The SDK paces calls under the limit and retries after `Retry-After`; one that still reaches you has `retryAfterMs`. Lower the concurrency, or share one budget across processes with `redisStore`.',
  QUOTA_EXCEEDED:
    "The plan's daily quota is spent: wait for `resetAt` (the next UTC day) or move to a larger plan. The SDK does not sleep that long (`maxRetryAfter`).",
  INTERNAL_ERROR: 'The SDK retries it with backoff when repeating is safe. If it persists, report the request id.',
  SERVICE_UNAVAILABLE: 'The SDK retries it after `Retry-After` when repeating is safe; otherwise back off and try again.',
  MAINTENANCE: '`Retry-After` says when the maintenance ends; the SDK waits for it when that is within `maxRetryAfter`.',
};

/** The catalogue page; `errorClass` names what the SDK throws for a status and code. */
export function errorCataloguePage(reference: Pick<Reference, 'errors'>, errorClass: (status: number, code: string) => string, guides: string): string {
  const advice: Readonly<Record<string, string>> = ERROR_ADVICE;
  const missing = reference.errors.filter((e) => !advice[e.code]).map((e) => e.code);
  if (missing.length > 0) throw new Error(`error catalogue: no advice for ${missing.join(', ')} (scripts/build/docs/error-catalogue.ts)`);
  const guard = (name: string): string => `is${name}`;
  const section = (e: ErrorCodeDoc): string => {
    const thrown = errorClass(e.status, e.code);
    return blocks(
      `### ${e.code}`,
      `**${e.status}** · ${e.meaning}`,
      `**The SDK throws** ${sdkLink(thrown)} (${code(`${guard(thrown)}(error)`)}), with \`error.code === '${e.code}'\`.`,
      `**What to do:** ${advice[e.code]}`,
    );
  };
  return blocks(
    ['---', `title: ${PAGE_TITLES.errors}`, `group: ${REFERENCE_GROUP}`, 'order: 90', '---'].join('\n'),
    `# ${PAGE_TITLES.errors}`,
    'Every error response of the API has the same envelope, `{"error": {"code", "message", "request_id", "details"}}`, and one of the codes below. ' +
      `Branch on the code (or the SDK's class), never on the message. How the SDK reports errors, retries and redacts them is in the [Errors guide](${guides}errors.md); ` +
      'each operation page lists the statuses and codes it can return.',
    table(
      ['Code', 'Status', 'Meaning', 'SDK throws'],
      reference.errors.map((e) => [`[${code(e.code)}](${toHeading(PAGE_FILES.errors, e.code)})`, String(e.status), e.meaning, sdkLink(errorClass(e.status, e.code))]),
    ),
    'When something other than the API answers (a proxy\'s 502 page, say), `code` is `HTTP_<status>` and the class is the one of that status.',
    '## Codes',
    ...reference.errors.map(section),
  );
}
