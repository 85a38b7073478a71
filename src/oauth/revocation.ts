/**
 * Token revocation (RFC 7009): ends a grant at the authorization server.
 *
 * @packageDocumentation
 */

import { checkOptions } from '../internal/check.js';
import { retryAfterFromHeaders } from '../headers/server-clock.js';
import { fullJitterDelay } from '../internal/backoff.js';
import { sleep } from '../internal/sleep.js';
import { REVOKE_TOKEN_CHECKS } from './check-options.js';
import { isOAuthError } from './errors.js';
import { DEFAULT_REVOKE_URL, endpointUrl, errorFromResponse, requireString, secretsOf, sendForm, type FormPost } from './token-endpoint.js';

const DEFAULT_REVOKE_RETRIES = 2;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** Options of {@link revokeToken}. */
export interface RevokeTokenOptions {
  /** The token to revoke. A secret. */
  token: string;
  /** What kind of token it is, to speed up the server's lookup (RFC 7009 §2.1). */
  tokenTypeHint?: 'access_token' | 'refresh_token';
  /** The OAuth client id of your application. */
  clientId: string;
  /** The client secret of a confidential client; sent with HTTP Basic authentication. */
  clientSecret?: string;
  /**
   * The revocation endpoint.
   * @default 'https://auth.opsmerge.cloud/oauth/revoke'
   */
  revokeUrl?: string;
  /**
   * The `fetch` to send the request with.
   * @default globalThis.fetch, looked up at call time
   */
  fetch?: typeof fetch;
  /** Cancels the request and any wait between attempts; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * How many times a `503 Service Unavailable` is retried (RFC 7009 §2.2.1), after its
   * `Retry-After` (or a jittered backoff when there is none).
   * @default 2
   */
  maxRetries?: number;
  /**
   * The longest `Retry-After` that is waited for, in milliseconds; a longer one fails at
   * once with the 503's `OAuthError` instead of sleeping.
   * @default 60_000
   */
  maxRetryAfterMs?: number;
  /**
   * The clock an HTTP-date `Retry-After` is measured against, in epoch ms.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Revokes an access or refresh token (RFC 7009). Revoking a refresh token usually ends
 * the whole grant, its access tokens included.
 *
 * Any 2xx is success — also for a token the server does not know or that is already
 * invalid (RFC 7009 §2.2), so revoking twice is safe. A `503` is retried up to
 * `maxRetries` times after its `Retry-After` (seconds or an HTTP-date; a jittered
 * backoff when absent); any other error status throws at once.
 *
 * @param options - The token, hint and client; see {@link RevokeTokenOptions}.
 * @returns Resolves once the server confirmed.
 * @throws OAuthError for an error response (`unsupported_token_type`, `invalid_client`…,
 *   or `invalid_response` for a non-OAuth body), for a 503 once retries are spent, and
 *   for a 503 whose `Retry-After` exceeds `maxRetryAfterMs`.
 * @throws ConnectionError when no response arrived.
 *
 * @example
 * ```ts
 * // Logging out: end the grant, then forget the tokens.
 * await revokeToken({ clientId: 'cli_8f2k', token: tokens.refreshToken, tokenTypeHint: 'refresh_token' });
 * ```
 */
export async function revokeToken(options: RevokeTokenOptions): Promise<void> {
  checkOptions(options, REVOKE_TOKEN_CHECKS, 'revokeToken()');
  const clientId = requireString('clientId', options.clientId);
  const token = requireString('token', options.token);
  const url = endpointUrl('revokeUrl', options.revokeUrl ?? DEFAULT_REVOKE_URL);
  const maxRetries = options.maxRetries ?? DEFAULT_REVOKE_RETRIES;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const now = options.now ?? Date.now;
  for (let retry = 0; ; retry += 1) {
    const params = new URLSearchParams({ token });
    if (options.tokenTypeHint !== undefined) params.set('token_type_hint', options.tokenTypeHint);
    const post: FormPost = {
      endpoint: 'revocation',
      url,
      params,
      client: { clientId, clientSecret: options.clientSecret },
      fetch: options.fetch,
      signal: options.signal,
      secrets: secretsOf(options.clientSecret, token),
    };
    const { response, text } = await sendForm(post);
    if (response.ok) return;
    const error = errorFromResponse(post, response, text);
    // RFC 7009 §2.2.1: 503 means "not revoked yet, try again later" (Retry-After optional).
    if (response.status !== 503 || retry >= maxRetries) throw error;
    const waitMs = retryAfterFromHeaders(response.headers, now()) ?? fullJitterDelay(retry + 1, Math.random());
    if (waitMs > maxRetryAfterMs) throw error;
    await sleep(waitMs, options.signal);
  }
}

/** A token that is no longer used and waits to be revoked. @internal */
export interface PendingRevocation {
  readonly token: string;
  readonly hint: 'access_token' | 'refresh_token';
}

/**
 * Revokes each pending token in turn, refresh tokens first (revoking one ends the grant, RFC 7009
 * §2.1), then access tokens. Every token is tried even after a failure. A server that cannot
 * revoke access tokens (`unsupported_token_type`, RFC 7009 §2.2.1) leaves them to expire: that
 * counts as done. An abort stops at once; the tokens not yet revoked count as failed.
 *
 * @param pending - The tokens to revoke.
 * @param options - Client, endpoint, fetch and signal, as {@link revokeToken} takes them.
 * @returns The tokens still not revoked, and the first error met (undefined when none failed).
 * @internal
 */
export async function revokeEach(
  pending: readonly PendingRevocation[],
  options: Omit<RevokeTokenOptions, 'token' | 'tokenTypeHint'>,
): Promise<{ failed: PendingRevocation[]; error: unknown }> {
  const ordered = [...pending].sort((a, b) => Number(a.hint === 'access_token') - Number(b.hint === 'access_token'));
  const failed: PendingRevocation[] = [];
  let error: unknown;
  for (const [i, entry] of ordered.entries()) {
    if (options.signal?.aborted) {
      failed.push(...ordered.slice(i));
      return { failed, error: error ?? options.signal.reason };
    }
    try {
      await revokeToken({ ...options, token: entry.token, tokenTypeHint: entry.hint });
    } catch (cause) {
      if (entry.hint === 'access_token' && isOAuthError(cause) && cause.error === 'unsupported_token_type') continue;
      failed.push(entry);
      error ??= cause;
    }
  }
  return { failed, error };
}
