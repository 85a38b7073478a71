/**
 * The error the OAuth helpers throw when the authorization server refuses a request or
 * answers with something that is not OAuth.
 *
 * @packageDocumentation
 */

import { defineError, isError, safeText } from '../errors/base.js';
import { OpsMergeError, type OpsMergeErrorJSON, type OpsMergeErrorOptions } from '../errors/index.js';

/**
 * An OAuth error code: the RFC 6749 §5.2 token-endpoint codes, RFC 7009 §2.2.1's
 * `unsupported_token_type`, and two the SDK itself uses:
 *
 * - `invalid_response`: the server's answer was not OAuth (not JSON, no `error`, no
 *   `access_token`…);
 * - `reauthorization_required`: the token manager holds no usable tokens (the refresh
 *   token was rejected with `invalid_grant`, or an expired access token has no refresh
 *   token): send the user through the authorization flow again.
 *
 * Other strings a server may send are kept as they are.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'temporarily_unavailable'
  | 'server_error'
  | 'invalid_response'
  | 'reauthorization_required'
  | (string & {});

/** The fields an {@link OAuthError} is built from. */
export interface OAuthErrorInit extends OpsMergeErrorOptions {
  /** The `error` code of the response (or an SDK code, see {@link OAuthErrorCode}). */
  error: OAuthErrorCode;
  /** The server's `error_description`, already scrubbed of secrets. */
  errorDescription?: string | undefined;
  /** HTTP status of the response; undefined when no request was made. */
  status?: number | undefined;
}

/** What `OAuthError#toJSON()` returns. */
export interface OAuthErrorJSON extends OpsMergeErrorJSON {
  /** The OAuth error code. */
  error: string;
  /** The server's description, scrubbed. */
  errorDescription: string | undefined;
  /** HTTP status, when a response arrived. */
  status: number | undefined;
}

/**
 * The authorization server refused a token, refresh or revocation request (RFC 6749
 * §5.2, RFC 7009 §2.2.1), answered with something that is not OAuth, or the token
 * manager needs the user to authorise again. Branch on {@link OAuthError.error}.
 *
 * The message reads
 * `OAuth token request failed: 400 invalid_grant (The refresh token has expired)`
 * and never contains a token, code, code verifier or client secret: the server's
 * description is scrubbed of every secret of the request before it is used.
 *
 * @example
 * ```ts
 * try {
 *   await manager.getAccessToken();
 * } catch (error) {
 *   if (isOAuthError(error) && error.error === 'reauthorization_required') return redirectToLogin();
 *   throw error;
 * }
 * ```
 */
export class OAuthError extends OpsMergeError {
  static {
    // From another realm, an OAuth error is recognised by its name and its `error` code.
    defineError(this, 'OAuthError', ['error', 'errorDescription', 'status'], (value) => typeof value['error'] === 'string');
  }

  /** The OAuth error code, e.g. `invalid_grant`; branch on this, not on the message. */
  readonly error: OAuthErrorCode;
  /** The server's `error_description`, scrubbed of secrets; undefined when none was sent. */
  readonly errorDescription: string | undefined;
  /** HTTP status of the response; undefined when no request was made. */
  readonly status: number | undefined;

  /**
   * @param message - The whole message; pass it already scrubbed of the request's secrets.
   * @param init - Error code, description, status and `cause`; see {@link OAuthErrorInit}.
   */
  constructor(message: string, init: OAuthErrorInit) {
    super(message, init);
    this.error = safeText(init.error, 100);
    this.errorDescription = init.errorDescription === undefined ? undefined : safeText(init.errorDescription, 500);
    this.status = init.status;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface OAuthError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): OAuthErrorJSON;
}

/**
 * Whether `value` is an {@link OAuthError}, from this realm or another copy of the SDK
 * (matched by `name` and the `error` field).
 *
 * @example
 * ```ts
 * if (isOAuthError(error) && error.error === 'invalid_grant') await startLogin();
 * ```
 */
export function isOAuthError(value: unknown): value is OAuthError {
  return isError(value, OAuthError);
}
