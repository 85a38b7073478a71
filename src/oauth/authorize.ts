/**
 * The first leg of the OAuth 2.0 authorization-code flow (RFC 6749 §4.1.1) with PKCE
 * S256 (RFC 7636): building the URL the user is sent to.
 *
 * @packageDocumentation
 */

import { ConfigurationError } from '../errors/index.js';
import { checkOptions } from '../internal/check.js';
import { AUTHORIZATION_REQUEST_CHECKS } from './check-options.js';
import { base64UrlEncode, createCodeChallenge, createCodeVerifier } from './pkce.js';

/** OpsMerge's authorization endpoint (`components.securitySchemes.OAuth2` in the spec). */
export const DEFAULT_AUTHORIZE_URL = 'https://auth.opsmerge.cloud/oauth/authorize';

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) — printable ASCII
// without space, `"` and `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
// RFC 6749 Appendix A.5: state = 1*VSCHAR (%x20-7E).
const STATE = /^[\x20-\x7E]+$/;
// 32 random bytes = 256 bits, the strength RFC 7636 §7.1 asks of a verifier; a state
// only needs to be unguessable (RFC 6749 §10.12), and this is comfortably so.
const STATE_BYTES = 32;

/** Options of {@link createAuthorizationRequest}. */
export interface AuthorizationRequestOptions {
  /** The OAuth client id of your application. */
  clientId: string;
  /**
   * Where the authorization server sends the user back, exactly as registered for the
   * client. An absolute URI without a fragment (RFC 6749 §3.1.2).
   */
  redirectUri: string;
  /** The scopes to ask for, e.g. `['agents:read', 'tickets:write']`; sent space-separated. */
  scopes: readonly string[];
  /**
   * The `state` value that ties the callback to this request (RFC 6749 §10.12). Check it
   * on the callback before exchanging the code.
   * @default 43 random base64url characters (256 bits from `crypto.getRandomValues`)
   */
  state?: string;
  /**
   * The authorization endpoint.
   * @default 'https://auth.opsmerge.cloud/oauth/authorize'
   */
  authorizeUrl?: string;
  /**
   * The PKCE code verifier, 43–128 unreserved characters (RFC 7636 §4.1). Pass one only
   * to reproduce a known request (tests, the RFC 7636 appendix B vector).
   * @default a new random verifier from `createCodeVerifier()`
   */
  codeVerifier?: string;
}

/** What {@link createAuthorizationRequest} returns. */
export interface AuthorizationRequest {
  /** The URL to send the user's browser to. */
  url: URL;
  /** The `state` in the URL: compare it with the callback's `state` parameter. */
  state: string;
  /**
   * The PKCE code verifier: keep it (server-side session, not a cookie the user can
   * read) until `exchangeCode`. It is a secret; never log it.
   */
  codeVerifier: string;
  /** The S256 code challenge sent in the URL. */
  codeChallenge: string;
}

function invalid(option: string, problem: string): ConfigurationError {
  return new ConfigurationError(`Invalid option "${option}": ${problem}`, { option });
}

function checkUrl(option: string, value: unknown): URL {
  if (typeof value !== 'string' || value === '') throw invalid(option, 'must be a non-empty string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(option, 'must be an absolute URL');
  }
  if (url.hash !== '' || value.includes('#')) {
    throw invalid(option, 'must not contain a fragment (RFC 6749 §3.1.2)');
  }
  return url;
}

/**
 * Builds the authorization URL of the OAuth 2.0 authorization-code flow with PKCE S256:
 * `response_type=code`, `client_id`, `redirect_uri`, `scope` (space-separated), `state`,
 * `code_challenge` and `code_challenge_method=S256`. Parameters already in
 * `authorizeUrl`'s query are kept.
 *
 * Send the user to `url`; on the callback check `state`, then call `exchangeCode` with
 * the returned `code` and this `codeVerifier`.
 *
 * @param options - Client, redirect URI, scopes and optional state/verifier; see
 *   {@link AuthorizationRequestOptions}.
 * @returns The URL, and the `state` and `codeVerifier` to keep for the callback.
 * @throws ConfigurationError naming the option when `clientId` is empty, `redirectUri`
 *   or `authorizeUrl` is not an absolute URL (or has a fragment), a scope is empty or
 *   contains a space, `"` or `\`, `state` is empty or not printable ASCII, or
 *   `codeVerifier` is not 43–128 unreserved characters.
 *
 * @example
 * ```ts
 * const request = await createAuthorizationRequest({
 *   clientId: 'cli_8f2k',
 *   redirectUri: 'https://app.example.com/oauth/callback',
 *   scopes: ['agents:read', 'alerts:write'],
 * });
 * session.oauth = { state: request.state, codeVerifier: request.codeVerifier };
 * redirect(request.url.href);
 * ```
 */
export async function createAuthorizationRequest(options: AuthorizationRequestOptions): Promise<AuthorizationRequest> {
  checkOptions(options, AUTHORIZATION_REQUEST_CHECKS, 'createAuthorizationRequest()');
  const { clientId, redirectUri, scopes } = options;
  if (typeof clientId !== 'string' || clientId.trim() === '') throw invalid('clientId', 'must be a non-empty string');
  checkUrl('redirectUri', redirectUri);
  const url = checkUrl('authorizeUrl', options.authorizeUrl ?? DEFAULT_AUTHORIZE_URL);
  if (!Array.isArray(scopes)) throw invalid('scopes', 'must be an array of scope strings');
  scopes.forEach((scope: unknown, index) => {
    if (typeof scope !== 'string' || !SCOPE_TOKEN.test(scope)) {
      throw invalid(
        'scopes',
        `scopes[${index}] must be a non-empty scope token without spaces, '"' or '\\' (RFC 6749 §3.3), got ${JSON.stringify(scope)}`,
      );
    }
  });

  let state: string;
  if (options.state === undefined) {
    state = base64UrlEncode(crypto.getRandomValues(new Uint8Array(STATE_BYTES)));
  } else {
    if (typeof options.state !== 'string' || !STATE.test(options.state)) {
      throw invalid('state', 'must be a non-empty string of printable ASCII characters (RFC 6749 Appendix A.5)');
    }
    state = options.state;
  }

  const codeVerifier = options.codeVerifier ?? createCodeVerifier();
  let codeChallenge: string;
  try {
    codeChallenge = await createCodeChallenge(codeVerifier);
  } catch (cause) {
    // The RangeError's message describes the rule (length or alphabet), never the verifier.
    const problem = cause instanceof Error ? cause.message : 'is not a valid code verifier';
    throw new ConfigurationError(`Invalid option "codeVerifier": ${problem}`, { option: 'codeVerifier' });
  }

  const query = url.searchParams;
  query.set('response_type', 'code');
  query.set('client_id', clientId);
  query.set('redirect_uri', redirectUri);
  // RFC 6749 §3.3: an empty list leaves the scope to the server's default.
  if (scopes.length > 0) query.set('scope', scopes.join(' '));
  query.set('state', state);
  query.set('code_challenge', codeChallenge);
  query.set('code_challenge_method', 'S256');
  return { url, state, codeVerifier, codeChallenge };
}
