/**
 * OAuth 2.0 for apps that act on behalf of an OpsMerge user: the authorization-code flow
 * with PKCE S256, token refresh, revocation, and a token manager for the client's
 * `oauth` option.
 *
 * @example
 * ```ts
 * const request = await createAuthorizationRequest({ clientId, redirectUri, scopes: ['agents:read'] });
 * // …redirect to request.url, then on the callback:
 * const tokens = await exchangeCode({ clientId, code, redirectUri, codeVerifier: request.codeVerifier });
 * const manager = new OAuthTokenManager({ clientId, tokens, onTokens: save });
 * ```
 *
 * @packageDocumentation
 */

export { createAuthorizationRequest, DEFAULT_AUTHORIZE_URL } from './authorize.js';
export type { AuthorizationRequest, AuthorizationRequestOptions } from './authorize.js';
export { isOAuthError, OAuthError } from './errors.js';
export type { OAuthErrorCode, OAuthErrorInit, OAuthErrorJSON } from './errors.js';
export { createCodeChallenge, createCodeVerifier } from './pkce.js';
export { OAuthTokenManager } from './token-manager.js';
export type { OAuthTokenManagerJSON, OAuthTokenManagerOptions } from './token-manager.js';
export { exchangeCode, refreshTokens, type ExchangeCodeOptions, type RefreshTokensOptions } from './grants.js';
export { revokeToken, type RevokeTokenOptions } from './revocation.js';
export { DEFAULT_REVOKE_URL, DEFAULT_TOKEN_URL, type OAuthTokens, type TokenEndpointOptions } from './token-endpoint.js';
