/**
 * Which check each option of the OAuth helpers gets (over `internal/check.ts`, like the
 * client's options): a wrong type or an unknown name is a `ConfigurationError` naming the
 * option before any request. The helpers then check what the protocol requires of the values
 * (a required option present, an absolute URL, scope tokens).
 *
 * @internal
 * @packageDocumentation
 */
import { checkAbortSignal, checkFunction, checkNumber, checkObject, checkOneOf, checkString, MAX_TIMER_MS, type Check } from '../internal/check.js';
import type { AuthorizationRequestOptions } from './authorize.js';
import type { OAuthTokenManagerOptions } from './token-manager.js';
import type { ExchangeCodeOptions, RefreshTokensOptions } from './grants.js';
import type { RevokeTokenOptions } from './revocation.js';
import type { TokenEndpointOptions } from './token-endpoint.js';

type Checks<T> = { readonly [K in keyof T]-?: Check };

const text = checkString();
const nonEmpty = checkString({ nonEmpty: true });
const duration = checkNumber({ min: 0, max: MAX_TIMER_MS, unit: 'milliseconds' });

const checkScopes: Check = (value, option) => {
  if (!Array.isArray(value)) checkObject(value, option); // throws, naming the type
  (value as unknown[]).forEach((scope, i) => text(scope, `${option}[${i}]`));
};

const TOKEN_ENDPOINT: Checks<TokenEndpointOptions> = {
  clientId: nonEmpty,
  clientSecret: text,
  tokenUrl: text,
  fetch: checkFunction,
  signal: checkAbortSignal,
  now: checkFunction,
};

/** `exchangeCode()`'s options. */
export const EXCHANGE_CODE_CHECKS: Checks<ExchangeCodeOptions> = { ...TOKEN_ENDPOINT, code: text, redirectUri: text, codeVerifier: text };

/** `refreshTokens()`'s options. */
export const REFRESH_TOKENS_CHECKS: Checks<RefreshTokensOptions> = { ...TOKEN_ENDPOINT, refreshToken: text, scopes: checkScopes };

/** `revokeToken()`'s options. */
export const REVOKE_TOKEN_CHECKS: Checks<RevokeTokenOptions> = {
  token: text,
  tokenTypeHint: checkOneOf(['access_token', 'refresh_token']),
  clientId: nonEmpty,
  clientSecret: text,
  revokeUrl: text,
  fetch: checkFunction,
  signal: checkAbortSignal,
  maxRetries: checkNumber({ min: 0, integer: true }),
  maxRetryAfterMs: duration,
  now: checkFunction,
};

/** `new OAuthTokenManager()`'s options (the token set's fields are checked by the manager). */
export const TOKEN_MANAGER_CHECKS: Checks<OAuthTokenManagerOptions> = {
  tokens: checkObject,
  clientId: nonEmpty,
  clientSecret: text,
  tokenUrl: text,
  revokeUrl: text,
  fetch: checkFunction,
  onTokens: checkFunction,
  refreshSkewMs: duration,
  refreshTimeoutMs: checkNumber({ min: 1, max: MAX_TIMER_MS, unit: 'milliseconds' }),
  now: checkFunction,
};

/** `createAuthorizationRequest()`'s options. */
export const AUTHORIZATION_REQUEST_CHECKS: Checks<AuthorizationRequestOptions> = {
  clientId: nonEmpty,
  redirectUri: text,
  scopes: checkScopes,
  state: text,
  authorizeUrl: text,
  codeVerifier: text,
};
