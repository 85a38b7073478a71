/**
 * The grants that get tokens from the token endpoint: the authorization code with PKCE
 * (RFC 6749 §4.1.3, RFC 7636 §4.5) and the refresh token (RFC 6749 §6).
 *
 * @packageDocumentation
 */

import { ConfigurationError } from '../errors/index.js';
import { checkOptions } from '../internal/check.js';
import { EXCHANGE_CODE_CHECKS, REFRESH_TOKENS_CHECKS } from './check-options.js';
import { DEFAULT_TOKEN_URL, endpointUrl, requestTokens, requireString, secretsOf, type OAuthTokens, type TokenEndpointOptions } from './token-endpoint.js';

/** Options of {@link exchangeCode}. */
export interface ExchangeCodeOptions extends TokenEndpointOptions {
  /** The `code` parameter of the callback. A secret. */
  code: string;
  /** The same `redirectUri` the authorization request used (RFC 6749 §4.1.3). */
  redirectUri: string;
  /** The PKCE code verifier of the authorization request. A secret. */
  codeVerifier: string;
}

/** Options of {@link refreshTokens}. */
export interface RefreshTokensOptions extends TokenEndpointOptions {
  /** The refresh token. A secret. */
  refreshToken: string;
  /**
   * Narrower scopes to ask for (RFC 6749 §6: never more than were granted).
   * @default the scopes originally granted (no `scope` parameter is sent)
   */
  scopes?: readonly string[];
}


/** Sends one grant's form to the token endpoint; `secrets` are the grant's own (a code, a token). */
function grant(options: TokenEndpointOptions, clientId: string, params: URLSearchParams, secrets: readonly string[]): Promise<OAuthTokens> {
  return requestTokens(
    {
      endpoint: 'token',
      url: endpointUrl('tokenUrl', options.tokenUrl ?? DEFAULT_TOKEN_URL),
      params,
      client: { clientId, clientSecret: options.clientSecret },
      fetch: options.fetch,
      signal: options.signal,
      secrets: secretsOf(options.clientSecret, ...secrets),
    },
    options.now ?? Date.now,
  );
}

function scopeParam(scopes: unknown): string {
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) {
    throw new ConfigurationError('Invalid option "scopes": must be an array of scope strings without spaces', { option: 'scopes' });
  }
  return scopes.join(' ');
}

/**
 * Exchanges an authorization code for tokens: the authorization-code grant with PKCE
 * (RFC 6749 §4.1.3, RFC 7636 §4.5). Sends `grant_type=authorization_code`, `code`,
 * `redirect_uri` and `code_verifier`.
 *
 * @param options - The code, redirect URI, verifier and client; see {@link ExchangeCodeOptions}.
 * @returns The token set; pass it to `new OAuthTokenManager({ tokens, … })`.
 * @throws OAuthError when the server refuses (`invalid_grant` for a used or expired code,
 *   `invalid_client`…) or does not answer in OAuth (`invalid_response`).
 * @throws ConnectionError when no response arrived.
 * @throws ConfigurationError naming the option when a required option is empty or a URL is not absolute.
 *
 * @example
 * ```ts
 * if (callback.state !== session.oauth.state) throw new Error('state mismatch');
 * const tokens = await exchangeCode({
 *   clientId: 'cli_8f2k',
 *   code: callback.code,
 *   redirectUri: 'https://app.example.com/oauth/callback',
 *   codeVerifier: session.oauth.codeVerifier,
 * });
 * ```
 */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<OAuthTokens> {
  checkOptions(options, EXCHANGE_CODE_CHECKS, 'exchangeCode()');
  const clientId = requireString('clientId', options.clientId);
  const code = requireString('code', options.code);
  const redirectUri = requireString('redirectUri', options.redirectUri);
  const codeVerifier = requireString('codeVerifier', options.codeVerifier);
  const params = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier });
  return grant(options, clientId, params, [code, codeVerifier]);
}

/**
 * Gets a new access token with a refresh token (RFC 6749 §6). When the response carries
 * a new refresh token, the old one is rotated out and the result holds the new one;
 * when it carries none, the result keeps the refresh token that was sent. When the
 * response has no `scope` but `scopes` were asked for, those are the granted ones
 * (RFC 6749 §5.1).
 *
 * Most code uses {@link OAuthTokenManager}, which calls this single-flight.
 *
 * @param options - The refresh token and client; see {@link RefreshTokensOptions}.
 * @returns The new token set.
 * @throws OAuthError when the server refuses (`invalid_grant`: the refresh token is
 *   expired, revoked or already used — the user must authorise again) or does not
 *   answer in OAuth (`invalid_response`).
 * @throws ConnectionError when no response arrived.
 * @throws ConfigurationError naming the option when a required option is empty or a URL is not absolute.
 *
 * @example
 * ```ts
 * const next = await refreshTokens({ clientId: 'cli_8f2k', refreshToken: stored.refreshToken });
 * await store.save(next); // the refresh token may have rotated
 * ```
 */
export async function refreshTokens(options: RefreshTokensOptions): Promise<OAuthTokens> {
  checkOptions(options, REFRESH_TOKENS_CHECKS, 'refreshTokens()');
  const clientId = requireString('clientId', options.clientId);
  const refreshToken = requireString('refreshToken', options.refreshToken);
  const params = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const scope = options.scopes === undefined ? undefined : scopeParam(options.scopes);
  if (scope !== undefined && scope !== '') params.set('scope', scope);
  const tokens = await grant(options, clientId, params, [refreshToken]);
  // RFC 6749 §6: the server MAY issue a new refresh token; if it does not, the old one stays valid.
  if (tokens.refreshToken === undefined) tokens.refreshToken = refreshToken;
  if (tokens.scope === undefined && scope !== undefined && scope !== '') tokens.scope = scope;
  return tokens;
}
