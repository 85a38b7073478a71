/**
 * The exchange with an OAuth 2.0 endpoint that every grant and the revocation share: an
 * `application/x-www-form-urlencoded` POST, client authentication, and reading the answer
 * (RFC 6749 §5.1 tokens, §5.2 errors).
 *
 * A confidential client (one with a `clientSecret`) authenticates with HTTP Basic (RFC 6749
 * §2.3.1); a public client sends `client_id` in the body and relies on PKCE.
 *
 * Secrets (client secret, code, code verifier, tokens) never reach an error: messages
 * and descriptions are scrubbed of every secret of the request, and neither the request
 * nor its body is kept as a `cause`.
 *
 * @packageDocumentation
 */

import { ConfigurationError, ConnectionError } from '../errors/index.js';
import { adoptSignal } from '../internal/foreign-signal.js';
import { redactSecrets } from '../internal/redact.js';
import { boundedText } from '../internal/safe-json.js';
import { scrubErrorChain } from '../internal/scrub-error.js';
import { rememberSecret } from '../internal/secrets.js';
import { OAuthError } from './errors.js';
import { readTextWithin } from '../transport/response-body.js';

/** OpsMerge's token endpoint (`components.securitySchemes.OAuth2` in the spec). */
export const DEFAULT_TOKEN_URL = 'https://auth.opsmerge.cloud/oauth/token';
/** OpsMerge's revocation endpoint (`x-revocationUrl` in the spec). */
export const DEFAULT_REVOKE_URL = 'https://auth.opsmerge.cloud/oauth/revoke';

// Longest server-supplied text kept in an error; enough for any sensible description.
const MAX_DESCRIPTION_LENGTH = 500;
const MAX_ERROR_CODE_LENGTH = 100;
// Shorter values are not scrubbed from server text; see secretsOf.
const MIN_SECRET_LENGTH = 8;

/**
 * A token set as the SDK keeps it: the fields of an RFC 6749 §5.1 response, with
 * `expires_in` turned into an absolute time.
 */
export interface OAuthTokens {
  /** The access token, sent as `Authorization: Bearer …`. A secret. */
  accessToken: string;
  /** The refresh token, when the server issued one. A secret. */
  refreshToken?: string;
  /**
   * When the access token expires, in epoch milliseconds (the time the response arrived
   * plus `expires_in`); undefined when the server did not say.
   */
  expiresAt?: number;
  /** The granted scopes, space-separated, when the server said (or they are the ones asked for). */
  scope?: string;
  /** The token type, normally `Bearer` (compare case-insensitively). */
  tokenType: string;
}

/** Options every token-endpoint request accepts. */
export interface TokenEndpointOptions {
  /** The OAuth client id of your application. */
  clientId: string;
  /**
   * The client secret of a confidential client; sent with HTTP Basic authentication.
   * Leave it out for a public client (a browser or native app using PKCE): `client_id`
   * then goes in the body.
   */
  clientSecret?: string;
  /**
   * The token endpoint.
   * @default 'https://auth.opsmerge.cloud/oauth/token'
   */
  tokenUrl?: string;
  /**
   * The `fetch` to send the request with (a proxy-aware one, a test fake).
   * @default globalThis.fetch, looked up at call time
   */
  fetch?: typeof fetch;
  /** Cancels the request; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * The clock that turns `expires_in` into {@link OAuthTokens.expiresAt}, in epoch ms.
   * @default Date.now
   */
  now?: () => number;
}


/** Which endpoint a request went to, for messages. */
type Endpoint = 'token' | 'revocation';

interface ClientCredentials {
  clientId: string;
  clientSecret?: string | undefined;
}

/** Everything one form POST needs. `secrets` are scrubbed from anything that reaches an error. @internal */
export interface FormPost {
  endpoint: Endpoint;
  url: URL;
  params: URLSearchParams;
  client: ClientCredentials;
  fetch: typeof fetch | undefined;
  signal: AbortSignal | undefined;
  secrets: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a non-empty string, else a `ConfigurationError` naming `option`. @internal */
export function requireString(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ConfigurationError(`Invalid option "${option}": must be a non-empty string`, { option });
  }
  return value;
}

/** `value` as an absolute URL, else a `ConfigurationError` naming `option`. @internal */
export function endpointUrl(option: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigurationError(`Invalid option "${option}": must be an absolute URL`, { option });
  }
}

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 Appendix B). */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
 * RFC 6749 §2.3.1: the client id and secret are form-urlencoded *before* they are joined
 * with `:` and base64-encoded, so a `:` or non-ASCII character in either survives.
 */
function basicCredentials(clientId: string, clientSecret: string): string {
  // Both halves are ASCII after form-encoding, so btoa's Latin-1 limit cannot bite.
  return btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
}

/** Scrubs the request's secrets from server-supplied text, then shortens it. */
function scrubServerText(text: string, secrets: readonly string[], maxLength: number): string {
  return boundedText(text, maxLength, (t) => redactSecrets(t, secrets));
}

function connectionError(post: FormPost, cause: unknown): ConnectionError {
  // The form body may have reached the server; with a rotating refresh token the old one
  // may already be spent, which is why the caller hears about it.
  return new ConnectionError({
    method: 'POST',
    path: post.url.pathname,
    mayHaveSucceeded: true,
    cause: scrubErrorChain(cause, (text) => redactSecrets(text, post.secrets)),
  });
}

/**
 * The most of a token or revocation response that is read. A token response is a few hundred
 * bytes, an error page a few kilobytes: the limit only ever meets a runaway body, which then
 * costs no more memory than this.
 */
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/**
 * Sends the form and reads the body, at most {@link MAX_TOKEN_RESPONSE_BYTES} of it (a longer
 * one is an `invalid_response`). Aborts reject with `signal.reason`. @internal
 */
export async function sendForm(post: FormPost): Promise<{ response: Response; text: string }> {
  const headers = new Headers({
    'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
    Accept: 'application/json',
  });
  const { clientId, clientSecret } = post.client;
  if (clientSecret !== undefined) {
    const credentials = basicCredentials(clientId, clientSecret);
    post.secrets.push(...secretsOf(credentials));
    headers.set('Authorization', `Basic ${credentials}`);
  } else {
    post.params.set('client_id', clientId);
  }
  // Every error the SDK builds from now on hides them too (an API error echoing a token).
  for (const secret of post.secrets) rememberSecret(secret);
  const send = post.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await send(post.url.href, {
      method: 'POST',
      headers,
      body: post.params.toString(),
      // A token endpoint has no business redirecting; following one would re-send the
      // body (and its secrets) to wherever it points. A 3xx becomes `invalid_response`.
      redirect: 'manual',
      signal: post.signal ? adoptSignal(post.signal).signal : null,
    });
  } catch (cause) {
    if (post.signal?.aborted) throw post.signal.reason;
    throw connectionError(post, cause);
  }
  let text: string | undefined;
  try {
    text = await readTextWithin(response, MAX_TOKEN_RESPONSE_BYTES, post.signal);
  } catch (cause) {
    if (post.signal?.aborted) throw post.signal.reason;
    throw connectionError(post, cause);
  }
  if (text === undefined) throw invalidResponse(post, response, `the body goes on past ${MAX_TOKEN_RESPONSE_BYTES} bytes; the SDK read no more of it`);
  return { response, text };
}

function head(endpoint: Endpoint, status: number, error: string): string {
  return `OAuth ${endpoint} request failed: ${status} ${error}`;
}

function invalidResponse(post: FormPost, response: Response, problem: string): OAuthError {
  return new OAuthError(`${head(post.endpoint, response.status, 'invalid_response')} (${problem})`, {
    error: 'invalid_response',
    status: response.status,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Turns an error response into an {@link OAuthError} (RFC 6749 §5.2). @internal */
export function errorFromResponse(post: FormPost, response: Response, text: string): OAuthError {
  const body = parseJson(text);
  if (!isRecord(body)) {
    const type = response.headers.get('content-type') ?? 'none';
    return invalidResponse(post, response, `the error response is not a JSON object; content-type: ${scrubServerText(type, post.secrets, 100)}`);
  }
  const code = body['error'];
  if (typeof code !== 'string' || code === '') {
    return invalidResponse(post, response, 'the error response has no "error" code');
  }
  const error = scrubServerText(code, post.secrets, MAX_ERROR_CODE_LENGTH);
  const rawDescription = body['error_description'];
  const errorDescription =
    typeof rawDescription === 'string' && rawDescription !== ''
      ? scrubServerText(rawDescription, post.secrets, MAX_DESCRIPTION_LENGTH)
      : undefined;
  return new OAuthError(
    `${head(post.endpoint, response.status, error)}${errorDescription === undefined ? '' : ` (${errorDescription})`}`,
    { error, errorDescription, status: response.status },
  );
}

/** Reads an RFC 6749 §5.1 success response into {@link OAuthTokens}. */
function tokensFromResponse(post: FormPost, response: Response, text: string, receivedAt: number): OAuthTokens {
  const body = parseJson(text);
  if (!isRecord(body)) throw invalidResponse(post, response, 'the response is not a JSON object');
  const accessToken = body['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw invalidResponse(post, response, 'the response has no access_token');
  }
  const tokenType = body['token_type'];
  if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType === '')) {
    throw invalidResponse(post, response, 'token_type is not a string');
  }
  // RFC 6749 §5.1 makes token_type REQUIRED; a server that leaves it out still means Bearer.
  const tokens: OAuthTokens = { accessToken, tokenType: tokenType ?? 'Bearer' };
  rememberSecret(accessToken);
  const refreshToken = body['refresh_token'];
  if (typeof refreshToken === 'string' && refreshToken !== '') {
    tokens.refreshToken = refreshToken;
    rememberSecret(refreshToken);
  }
  // Some servers send expires_in as a string; anything that is not a non-negative number is ignored.
  const expiresIn = typeof body['expires_in'] === 'string' ? Number(body['expires_in']) : body['expires_in'];
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0) {
    tokens.expiresAt = receivedAt + expiresIn * 1000;
  }
  const scope = body['scope'];
  if (typeof scope === 'string' && scope !== '') tokens.scope = scope;
  return tokens;
}

/** Sends a token request and reads the tokens, or throws the error response's {@link OAuthError}. @internal */
export async function requestTokens(post: FormPost, now: () => number): Promise<OAuthTokens> {
  const { response, text } = await sendForm(post);
  if (!response.ok) throw errorFromResponse(post, response, text);
  return tokensFromResponse(post, response, text, now());
}

/**
 * The values to scrub from anything that reaches an error. Values shorter than
 * {@link MIN_SECRET_LENGTH} are left out: searching for them would mangle ordinary
 * words (`rt` in `unsupported_token_type`), and no real credential is that short.
 * @internal
 */
export function secretsOf(...values: Array<string | undefined>): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
}
