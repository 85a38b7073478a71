/**
 * Holds a user's OAuth tokens for a client and keeps the access token fresh: refreshes
 * shortly before expiry and after a 401, single-flight, and hands every new token set to
 * the application so a rotated refresh token is never lost.
 *
 * @packageDocumentation
 */

import { ConfigurationError, TimeoutError } from '../errors/index.js';
import { checkOptions } from '../internal/check.js';
import { rememberSecret } from '../internal/secrets.js';
import { TOKEN_MANAGER_CHECKS } from './check-options.js';
import { isOAuthError, OAuthError } from './errors.js';
import { refreshTokens } from './grants.js';
import { revokeEach, type PendingRevocation } from './revocation.js';
import { DEFAULT_REVOKE_URL, DEFAULT_TOKEN_URL, type OAuthTokens } from './token-endpoint.js';

const DEFAULT_REFRESH_SKEW_MS = 60_000;
const DEFAULT_REFRESH_TIMEOUT_MS = 30_000;
// After a proactive refresh fails while the access token is still valid, the token is
// used as is and the next attempt waits this long, so an outage of the token endpoint
// does not turn every API call into a token request.
const PROACTIVE_RETRY_DELAY_MS = 5_000;
// Tokens waiting for a revocation that failed are kept for the next revoke(), at most this many.
const MAX_PENDING_REVOCATIONS = 32;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Options of {@link OAuthTokenManager}. */
export interface OAuthTokenManagerOptions {
  /** The token set to start with, e.g. from `exchangeCode` or your token store. */
  tokens: OAuthTokens;
  /** The OAuth client id the tokens were issued to. */
  clientId: string;
  /** The client secret of a confidential client; leave it out for a public (PKCE) client. */
  clientSecret?: string;
  /**
   * The token endpoint.
   * @default 'https://auth.opsmerge.cloud/oauth/token'
   */
  tokenUrl?: string;
  /**
   * The revocation endpoint {@link OAuthTokenManager.revoke} calls (RFC 7009).
   * @default 'https://auth.opsmerge.cloud/oauth/revoke'
   */
  revokeUrl?: string;
  /**
   * The `fetch` that sends refresh and revocation requests.
   * @default globalThis.fetch, looked up at call time
   */
  fetch?: typeof fetch;
  /**
   * Called with every new token set a refresh produces, before any caller gets the new
   * access token: store it, because the refresh token may have rotated and the old one
   * may no longer work. Not called when tokens are cleared after `invalid_grant`, nor for
   * tokens passed to the constructor or {@link OAuthTokenManager.setTokens}. If it throws
   * or rejects, the new tokens stay in use and the error reaches the callers that waited
   * for this refresh.
   */
  onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
  /**
   * How long before `expiresAt` the access token is refreshed, in milliseconds.
   * @default 60_000
   */
  refreshSkewMs?: number;
  /**
   * How long a refresh request may take before it fails with a `TimeoutError`, in ms.
   * @default 30_000
   */
  refreshTimeoutMs?: number;
  /**
   * The clock, in epoch milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

/** What `OAuthTokenManager#toJSON()` (and `util.inspect`) shows: never a token. */
export interface OAuthTokenManagerJSON {
  /** Whether the manager holds tokens (false after `invalid_grant` cleared them). */
  hasTokens: boolean;
  /** Whether a refresh token is present. */
  hasRefreshToken: boolean;
  /** When the access token expires (ISO 8601), when known. */
  expiresAt: string | undefined;
}

/** The current token set and whether a 401-driven refresh produced it. */
interface TokenState {
  readonly tokens: Readonly<OAuthTokens>;
  /** Set when `handleUnauthorized` returned this token: a 401 for it does not refresh again. */
  refreshedForUnauthorized: boolean;
}

/** A frozen copy of `tokens`; its secrets are remembered, so no error the SDK builds shows them. */
function copyTokens(tokens: OAuthTokens): Readonly<OAuthTokens> {
  rememberSecret(tokens.accessToken);
  if (tokens.refreshToken !== undefined) rememberSecret(tokens.refreshToken);
  return Object.freeze({ ...tokens });
}

function checkTokens(tokens: unknown): OAuthTokens {
  const record = (typeof tokens === 'object' && tokens !== null ? tokens : {}) as Partial<Record<keyof OAuthTokens, unknown>>;
  if (typeof record.accessToken !== 'string' || record.accessToken === '') {
    throw new ConfigurationError('Invalid option "tokens.accessToken": must be a non-empty string', { option: 'tokens.accessToken' });
  }
  if (record.refreshToken !== undefined && (typeof record.refreshToken !== 'string' || record.refreshToken === '')) {
    throw new ConfigurationError('Invalid option "tokens.refreshToken": must be a non-empty string when given', { option: 'tokens.refreshToken' });
  }
  if (record.expiresAt !== undefined && (typeof record.expiresAt !== 'number' || !Number.isFinite(record.expiresAt))) {
    throw new ConfigurationError('Invalid option "tokens.expiresAt": must be epoch milliseconds when given', { option: 'tokens.expiresAt' });
  }
  return tokens as OAuthTokens;
}

/** Settles with `promise`, or rejects with `signal.reason` as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function reauthorizationError(reason: string, cause?: OAuthError): OAuthError {
  return new OAuthError(
    `OAuth re-authorisation needed: ${reason}. Send the user through the authorization flow again ` +
      'and pass the new tokens to setTokens().',
    cause === undefined ? { error: 'reauthorization_required' } : { error: 'reauthorization_required', status: cause.status, cause },
  );
}

/**
 * Keeps a user's OAuth access token fresh for the SDK's `oauth` option.
 *
 * - {@link OAuthTokenManager.getAccessToken} refreshes when the token expires within
 *   `refreshSkewMs`. Refreshes are single-flight: any number of concurrent callers share
 *   one token request and all get its token. If a refresh made ahead of expiry fails for
 *   a passing reason (network, 5xx) while the token is still valid, that token is used
 *   and the refresh is tried again a few seconds later.
 * - {@link OAuthTokenManager.handleUnauthorized} decides what to do after a 401.
 * - `invalid_grant` from the token endpoint (the refresh token expired, was revoked or
 *   reused) clears the tokens: from then on calls reject with an {@link OAuthError}
 *   whose `error` is `reauthorization_required`, until {@link OAuthTokenManager.setTokens}.
 * - Every token set a refresh produces goes to `onTokens` first; a rotated refresh
 *   token is used from then on.
 * - {@link OAuthTokenManager.revoke} logs out: the tokens are forgotten at once, then
 *   revoked at the authorization server.
 *
 * Tokens and the client secret live in private fields: `JSON.stringify(manager)` and
 * `util.inspect(manager)` show only whether tokens and a refresh token are present and
 * when the access token expires.
 *
 * @example
 * ```ts
 * const manager = new OAuthTokenManager({
 *   clientId: 'cli_8f2k',
 *   tokens: await store.load(userId),
 *   onTokens: (tokens) => store.save(userId, tokens),
 * });
 * const om = createClient({ oauth: { tokens: manager } });
 * ```
 */
export class OAuthTokenManager {
  readonly #clientId: string;
  readonly #clientSecret: string | undefined;
  readonly #tokenUrl: string;
  readonly #revokeUrl: string;
  readonly #fetch: typeof fetch | undefined;
  readonly #onTokens: ((tokens: OAuthTokens) => void | Promise<void>) | undefined;
  readonly #refreshSkewMs: number;
  readonly #refreshTimeoutMs: number;
  readonly #now: () => number;

  #state: TokenState | undefined;
  /** Why the tokens were cleared (the `invalid_grant` error), while they are. */
  #clearedBy: OAuthError | undefined;
  /** The refresh in progress, shared by every caller. */
  #flight: Promise<TokenState> | undefined;
  /** Bumped whenever the tokens are replaced, so a refresh that raced `setTokens` is dropped. */
  #generation = 0;
  /** No proactive refresh before this time (after one failed while the token was still valid). */
  #proactiveRetryAt = 0;
  /** The token request of the refresh in progress, so `revoke()` can revoke what it issues. */
  #issuing: Promise<OAuthTokens> | undefined;
  /** Set by `revoke()` until `setTokens()`: why there are no tokens. */
  #revoked = false;
  /** Tokens no longer in use whose revocation has not succeeded yet. */
  #unrevoked: PendingRevocation[] = [];
  /** The revocation in progress; the next one waits for it. */
  #revoking: Promise<void> | undefined;

  /**
   * @param options - Tokens, client and refresh settings; see {@link OAuthTokenManagerOptions}.
   * @throws ConfigurationError naming the option when `clientId` or `tokens.accessToken` is
   *   empty, `tokenUrl` is not an absolute URL, or a duration is negative.
   */
  constructor(options: OAuthTokenManagerOptions) {
    checkOptions(options, TOKEN_MANAGER_CHECKS, 'new OAuthTokenManager()');
    if (typeof options.clientId !== 'string' || options.clientId === '') {
      throw new ConfigurationError('Invalid option "clientId": must be a non-empty string', { option: 'clientId' });
    }
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    if (typeof options.clientSecret === 'string') rememberSecret(options.clientSecret);
    this.#tokenUrl = options.tokenUrl ?? DEFAULT_TOKEN_URL;
    if (!URL.canParse(this.#tokenUrl)) {
      throw new ConfigurationError('Invalid option "tokenUrl": must be an absolute URL', { option: 'tokenUrl' });
    }
    this.#revokeUrl = options.revokeUrl ?? DEFAULT_REVOKE_URL;
    if (!URL.canParse(this.#revokeUrl)) {
      throw new ConfigurationError('Invalid option "revokeUrl": must be an absolute URL', { option: 'revokeUrl' });
    }
    this.#fetch = options.fetch;
    this.#onTokens = options.onTokens;
    this.#refreshSkewMs = options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
    this.#refreshTimeoutMs = options.refreshTimeoutMs ?? DEFAULT_REFRESH_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
    this.#state = { tokens: copyTokens(checkTokens(options.tokens)), refreshedForUnauthorized: false };
  }

  /**
   * The current token set (a frozen copy), or `undefined` after `invalid_grant` cleared
   * it. Holds secrets: do not log it.
   */
  get tokens(): Readonly<OAuthTokens> | undefined {
    return this.#state?.tokens;
  }

  /**
   * Replaces the tokens, e.g. after the user authorised again following
   * `reauthorization_required`. A refresh still in flight for the old tokens is
   * discarded when it completes. `onTokens` is not called: the caller has the tokens.
   *
   * @param tokens - The new token set.
   * @throws ConfigurationError when `tokens.accessToken` is empty.
   *
   * @example
   * ```ts
   * manager.setTokens(await exchangeCode({ clientId, code, redirectUri, codeVerifier }));
   * ```
   */
  setTokens(tokens: OAuthTokens): void {
    this.#state = { tokens: copyTokens(checkTokens(tokens)), refreshedForUnauthorized: false };
    this.#clearedBy = undefined;
    this.#revoked = false;
    this.#proactiveRetryAt = 0;
    this.#generation += 1;
  }

  /**
   * Returns an access token to send now. When the current one expires within
   * `refreshSkewMs` (or a refresh is already under way), waits for a refresh first;
   * concurrent callers share one refresh request.
   *
   * @param signal - Stops this caller's wait (rejecting with `signal.reason`); the shared
   *   refresh carries on for the others.
   * @returns The access token.
   * @throws OAuthError `reauthorization_required` when the tokens were cleared after
   *   `invalid_grant`, or the access token has expired and there is no refresh token.
   * @throws OAuthError, ConnectionError or TimeoutError when a needed refresh failed.
   *
   * @example
   * ```ts
   * const token = await manager.getAccessToken();
   * await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
   * ```
   */
  async getAccessToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) throw signal.reason;
    const state = this.#current();
    const { tokens } = state;
    const expired = this.#expiresWithin(tokens, 0);
    if (this.#flight === undefined) {
      if (!this.#expiresWithin(tokens, this.#refreshSkewMs)) return tokens.accessToken;
      if (tokens.refreshToken === undefined) {
        if (expired) throw reauthorizationError('the access token has expired and there is no refresh token');
        return tokens.accessToken;
      }
      if (!expired && this.#now() < this.#proactiveRetryAt) return tokens.accessToken;
    }
    try {
      return (await abortable(this.#refresh(), signal)).tokens.accessToken;
    } catch (error) {
      if (signal?.aborted || expired || this.#state !== state || isOAuthError(error) && error.error === 'reauthorization_required') {
        throw error;
      }
      // A refresh ahead of expiry failed for a passing reason: the token still works.
      this.#proactiveRetryAt = this.#now() + PROACTIVE_RETRY_DELAY_MS;
      return tokens.accessToken;
    }
  }

  /**
   * Tells the manager that a request sent with `rejectedToken` got a 401, and returns the
   * token to replay the request with, if any. The contract the auth policy relies on:
   *
   * 1. `rejectedToken` is no longer the current token (another call refreshed already):
   *    returns the current token, no refresh. A refresh under way is waited for.
   * 2. It is current and has a refresh token: refreshes (single-flight, shared with
   *    concurrent callers) and returns the new token.
   * 3. It is current and was itself returned by a 401-driven refresh (case 2, or a refresh
   *    this method waited for): returns `undefined` and does not refresh. A token that
   *    was just issued and is still refused will not be helped by another refresh
   *    (revoked grant, missing permission), so a second 401 never loops. The token is
   *    still refreshed as usual when it nears its expiry.
   * 4. No refresh token, or the tokens were cleared: returns `undefined`.
   *
   * On `undefined`, or a token equal to `rejectedToken`, the caller surfaces the 401. The
   * caller replays a request at most once.
   *
   * @param rejectedToken - The access token the 401 answered.
   * @returns The token to replay with, or `undefined` to give up.
   * @throws OAuthError `reauthorization_required` when the refresh was refused with
   *   `invalid_grant` (the tokens are then cleared); OAuthError, ConnectionError or
   *   TimeoutError when the refresh failed otherwise.
   *
   * @example
   * ```ts
   * if (response.status === 401) {
   *   const fresh = await manager.handleUnauthorized(token);
   *   if (fresh !== undefined && fresh !== token) response = await send(fresh);
   * }
   * ```
   */
  async handleUnauthorized(rejectedToken: string): Promise<string | undefined> {
    const state = this.#state;
    if (state === undefined) return undefined;
    if (this.#flight === undefined) {
      if (state.tokens.accessToken !== rejectedToken) return state.tokens.accessToken;
      if (state.refreshedForUnauthorized || state.tokens.refreshToken === undefined) return undefined;
    }
    const next = await this.#refresh();
    next.refreshedForUnauthorized = true;
    return next.tokens.accessToken;
  }

  /**
   * Logs out: forgets the tokens at once, then revokes them at the authorization server (RFC
   * 7009) — the refresh token first, which ends the grant, then the access token.
   *
   * - From the moment it is called, no call uses the tokens: `getAccessToken` rejects with an
   *   {@link OAuthError} `reauthorization_required` until {@link OAuthTokenManager.setTokens}.
   * - A refresh in flight is waited for and what it issues is revoked too (never handed to a
   *   caller nor to `onTokens`), so a rotation racing the logout leaves no live grant behind.
   * - When revocation fails (no answer, a 5xx after the endpoint's own retries), the tokens stay
   *   forgotten locally and the error is thrown; they are kept, unused, for the next `revoke()`,
   *   which tries them again. Calling it with nothing left to revoke resolves at once.
   * - A server that cannot revoke access tokens (`unsupported_token_type`) leaves them to expire.
   *
   * @param options - `signal` cancels the requests (the tokens then stay pending for the next
   *   `revoke()`); bound how long logging out may take with `AbortSignal.timeout(ms)`.
   * @returns Resolves once the server confirmed every revocation.
   * @throws OAuthError or ConnectionError from the first revocation that failed, or the signal's
   *   reason.
   *
   * @example
   * ```ts
   * await manager.revoke({ signal: AbortSignal.timeout(10_000) });
   * await store.delete(userId);
   * ```
   */
  revoke(options: { signal?: AbortSignal } = {}): Promise<void> {
    const tokens = this.#state?.tokens;
    const issuing = this.#issuing;
    this.#state = undefined;
    this.#clearedBy = undefined;
    this.#revoked = true;
    this.#proactiveRetryAt = 0;
    this.#generation += 1;
    if (tokens !== undefined) this.#queueRevocation(tokens);
    const run = async (): Promise<void> => {
      const late = await issuing?.catch(() => undefined);
      if (late !== undefined) this.#queueRevocation(late);
      const pending = this.#unrevoked.splice(0);
      if (pending.length === 0) return;
      const { failed, error } = await revokeEach(pending, {
        clientId: this.#clientId,
        ...(this.#clientSecret === undefined ? {} : { clientSecret: this.#clientSecret }),
        revokeUrl: this.#revokeUrl,
        ...(this.#fetch === undefined ? {} : { fetch: this.#fetch }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      if (failed.length === 0) return;
      for (const entry of failed) this.#queue(entry);
      throw error;
    };
    // One revocation at a time: a second call waits for the first, then revokes what is left.
    const current = (this.#revoking ?? Promise.resolve()).catch(() => undefined).then(run);
    this.#revoking = current;
    current
      .finally(() => {
        if (this.#revoking === current) this.#revoking = undefined;
      })
      .catch(() => undefined);
    return current;
  }

  /** Adds a token set to the tokens waiting to be revoked. */
  #queueRevocation(tokens: Readonly<OAuthTokens>): void {
    if (tokens.refreshToken !== undefined) this.#queue({ token: tokens.refreshToken, hint: 'refresh_token' });
    this.#queue({ token: tokens.accessToken, hint: 'access_token' });
  }

  #queue(entry: PendingRevocation): void {
    if (this.#unrevoked.some((pending) => pending.token === entry.token)) return;
    this.#unrevoked.push(entry);
    if (this.#unrevoked.length > MAX_PENDING_REVOCATIONS) this.#unrevoked.shift();
  }

  /** Safe fields only: whether tokens and a refresh token are present, and the expiry. */
  toJSON(): OAuthTokenManagerJSON {
    const tokens = this.#state?.tokens;
    return {
      hasTokens: tokens !== undefined,
      hasRefreshToken: tokens?.refreshToken !== undefined,
      expiresAt: tokens?.expiresAt === undefined ? undefined : new Date(tokens.expiresAt).toISOString(),
    };
  }

  /**
   * What Node's `util.inspect` prints: `OAuthTokenManager { hasTokens: true, … }`.
   *
   * @internal
   */
  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string): string {
    const json = this.toJSON();
    return `OAuthTokenManager ${inspect === undefined ? JSON.stringify(json) : inspect(json, options)}`;
  }

  /** The current state; throws the `reauthorization_required` error when there is none. */
  #current(): TokenState {
    if (this.#state !== undefined) return this.#state;
    throw this.#noTokensError();
  }

  /** Why there are no tokens, as the error callers get. */
  #noTokensError(): OAuthError {
    if (this.#revoked) return reauthorizationError('the tokens were revoked (revoke())');
    const cause = this.#clearedBy;
    if (cause === undefined) return reauthorizationError('the manager holds no tokens');
    const detail = cause.errorDescription === undefined ? cause.error : `${cause.error}: ${cause.errorDescription}`;
    return reauthorizationError(`the refresh token was rejected (${detail})`, cause);
  }

  #expiresWithin(tokens: Readonly<OAuthTokens>, ms: number): boolean {
    return tokens.expiresAt !== undefined && tokens.expiresAt - ms <= this.#now();
  }

  /** Joins the refresh under way, or starts one. */
  #refresh(): Promise<TokenState> {
    if (this.#flight !== undefined) return this.#flight;
    const flight = this.#runRefresh().finally(() => {
      if (this.#flight === flight) this.#flight = undefined;
    });
    // Callers that gave up (aborted) no longer listen; the rejection is still theirs to see.
    flight.catch(() => undefined);
    this.#flight = flight;
    return flight;
  }

  async #runRefresh(): Promise<TokenState> {
    const from = this.#current();
    const refreshToken = from.tokens.refreshToken;
    if (refreshToken === undefined) throw reauthorizationError('there is no refresh token');
    const generation = this.#generation;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new DOMException('The token refresh timed out', 'TimeoutError'));
    }, this.#refreshTimeoutMs);
    let next: OAuthTokens;
    try {
      this.#issuing = refreshTokens({
        clientId: this.#clientId,
        ...(this.#clientSecret === undefined ? {} : { clientSecret: this.#clientSecret }),
        refreshToken,
        tokenUrl: this.#tokenUrl,
        ...(this.#fetch === undefined ? {} : { fetch: this.#fetch }),
        signal: controller.signal,
        now: this.#now,
      });
      next = await this.#issuing;
    } catch (error) {
      // Tokens replaced (setTokens) or revoked while this refresh ran: its failure is moot.
      if (generation !== this.#generation) return this.#current();
      if (isOAuthError(error) && error.error === 'invalid_grant') {
        this.#state = undefined;
        this.#clearedBy = error;
        this.#generation += 1;
        throw this.#noTokensError();
      }
      if (controller.signal.aborted) {
        throw new TimeoutError({ timeoutMs: this.#refreshTimeoutMs, method: 'POST', path: new URL(this.#tokenUrl).pathname });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.#issuing = undefined;
    }
    // Tokens replaced (setTokens) or revoked while this refresh ran: theirs are newer than ours,
    // and what this refresh got is revoked by revoke().
    if (generation !== this.#generation) return this.#current();
    // RFC 6749 §5.1: a response without `scope` grants the scopes asked for — all of them here.
    const tokens = next.scope === undefined && from.tokens.scope !== undefined ? { ...next, scope: from.tokens.scope } : next;
    const state: TokenState = { tokens: copyTokens(tokens), refreshedForUnauthorized: false };
    this.#state = state;
    this.#proactiveRetryAt = 0;
    this.#generation += 1;
    await this.#onTokens?.({ ...tokens });
    return state;
  }
}
