import type { RateLimitStore } from './rate-limit/store.js';

/** How the API key travels. All four are equivalent for the API. */
export type AuthScheme = 'bearer' | 'api-key' | 'x-api-key' | 'query';

/** An API key, or a function returning one (called before every attempt, so keys can rotate). */
export type ApiKeyInput = string | (() => string | Promise<string>);

/** Which operations a client exposes: each tier includes the ones before it. */
export type StabilityLevel = 'stable' | 'beta' | 'internal';

/** Log verbosity, from silent to every request. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** A structured logger; `console` fits. Messages and fields never contain keys, tokens or bodies. */
export interface Logger {
  /** A call failed and the caller will see an error. */
  error(message: string, fields?: Record<string, unknown>): void;
  /** Something the integrator should fix or know: a deprecated scheme, an insecure setting, a call waiting more than a second. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Noteworthy events that need no action. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** One line per attempt: method, path, status, duration, attempt, request id, rate limit. */
  debug(message: string, fields?: Record<string, unknown>): void;
}

/** A deprecated operation the client called: from the spec and the `Deprecation`/`Sunset` headers. */
export interface DeprecationNotice {
  /** The operation (`alerts_listActive`), or `METHOD /path` for one the spec does not know. */
  operationId: string;
  /** HTTP method. */
  method: string;
  /** Path template, e.g. `/v1/active-alerts`. */
  path: string;
  /** When the operation was (or will be) deprecated. */
  deprecatedAt?: Date;
  /** When it stops working. */
  sunsetAt?: Date;
  /** The operationId to use instead. */
  successor?: string;
  /** A page describing the deprecation (`Link: <…>; rel="deprecation"`). */
  link?: string;
  /** A one-line description, as written to the warning. */
  message: string;
}

/** Why a call waits before its next attempt. */
export type WaitReason =
  /** The key's rate-limit window is spent: the client waits on its side for room (pacing). */
  | 'pacing'
  /** The server asked for the wait with `Retry-After` (a 429 or 503). */
  | 'retry-after'
  /** Exponential backoff before retrying a failed attempt (5xx, connection error, timeout). */
  | 'backoff';

/** A wait of more than one second inside a call, as `onWait` and the warning report it. */
export interface WaitNotice {
  /** The operation (`tickets_list`), or `METHOD /path` for one the spec does not know. */
  operation: string;
  /** HTTP method. */
  method: string;
  /** Path template, e.g. `/v1/tickets`. */
  path: string;
  /** How long the call waits, in milliseconds (more than 1000). */
  waitMs: number;
  /** Why it waits. */
  reason: WaitReason;
  /** The attempt that comes after the wait (1 for the first). */
  attempt: number;
}

/** Client-side pacing under the API's per-key rate limits. */
export interface RateLimitOptions {
  /**
   * `'pace'` spreads requests so a burst stays inside the key's budget; `'off'` sends at once
   * and relies on retries.
   * @default 'pace'
   */
  mode?: 'pace' | 'off';
  /**
   * Where the budget lives. The default keeps it in memory, per process; a shared store lets a
   * fleet of processes using one key share one budget.
   * @default an in-memory store
   */
  store?: RateLimitStore;
}

/**
 * Where a client gets OAuth access tokens. `OAuthTokenManager` (from `@opsmerge/sdk/oauth`) is
 * one: it refreshes before expiry and after a 401, single-flight. Any object with these methods
 * works, e.g. one that reads tokens your own service keeps fresh.
 *
 * @example
 * ```ts
 * const tokens: TokenSource = { getAccessToken: async () => (await tokenStore.load(userId)).accessToken };
 * ```
 */
export interface TokenSource {
  /**
   * The access token to send now (as `Authorization: Bearer …`), asked before every attempt.
   * @param signal - The call's signal: stop waiting (for a refresh) when it aborts.
   */
  getAccessToken(signal?: AbortSignal): Promise<string>;
  /**
   * Called once when a request sent with `rejectedToken` got a 401: the token to replay the
   * request with, or `undefined` to let the 401 reach the caller. The request is replayed at
   * most once. Without this method a 401 is never replayed.
   */
  handleUnauthorized?(rejectedToken: string): Promise<string | undefined>;
}

/** OAuth 2.0 credentials: a {@link TokenSource} such as `OAuthTokenManager`. */
export interface OAuthOptions {
  /** Gives the access token for each attempt; `OAuthTokenManager` refreshes it, single-flight. */
  tokens: TokenSource;
}

/**
 * Options of {@link createClient}. All are optional; `undefined` means "not given". Each is
 * checked when the client is created: a wrong type or value, or a name that is not one of these
 * (`timout`), throws a `ConfigurationError` naming it, before any request.
 */
export interface ClientOptions {
  /**
   * The API key (`om_live_…` or `om_test_…`), or a function returning it before each attempt
   * (for rotation without restarts).
   * @default the `OPSMERGE_API_KEY` environment variable, where a process environment exists
   * @example createClient({ apiKey: async () => secrets.get('opsmerge') })
   */
  apiKey?: ApiKeyInput | undefined;
  /**
   * How the key is sent. `'query'` works but warns once: URLs land in access logs.
   * @default 'bearer'
   */
  authScheme?: AuthScheme;
  /** OAuth 2.0 tokens instead of an API key. */
  oauth?: OAuthOptions;
  /**
   * The API's base URL.
   * @default from the key prefix: `om_live_` → `https://app.opsmerge.cloud/api`, `om_test_` →
   * `https://sandbox.opsmerge.cloud/api`; the `OPSMERGE_BASE_URL` environment variable overrides
   */
  baseUrl?: string | undefined;
  /**
   * Which operations the client offers, in its types and at run time.
   * @default 'stable'
   */
  stability?: StabilityLevel;
  /**
   * Retries after a connection error, 408, 429 or 5xx (never for a write that may have reached
   * the server without an idempotency key).
   * @default 2
   */
  maxRetries?: number;
  /**
   * The longest wait inside a call, in milliseconds: a `Retry-After`, or pacing until the key's
   * rate-limit window resets. A longer one (a daily quota, a window spent for an hour) is not
   * slept: the call throws `RateLimitError` at once, with `retryAfterMs` saying how long to wait
   * (unless a 5xx asked for it: that response is answered as it came). A wait is capped by the
   * call's `timeout` too, whichever is shorter.
   * @default 60_000
   */
  maxRetryAfter?: number;
  /**
   * Per-attempt timeout in milliseconds, covering the response headers and body: 1 to
   * 2,147,483,647 (about 24.8 days, the longest a timer holds). It also caps each wait before an
   * attempt (see `maxRetryAfter`); for a deadline over the whole call, retries and waits
   * included, pass `signal: AbortSignal.timeout(ms)`.
   * @default 60_000
   */
  timeout?: number;
  /**
   * The most bytes of a response body a call reads, counted after decompression (fetch decodes
   * `Content-Encoding` itself, so a small gzip bomb counts at its inflated size). A success whose
   * body is longer fails with `ResponseTooLargeError` as soon as the limit is passed, and its
   * connection is closed; an error body is cut at 1 MiB, or at this limit if smaller. The
   * default is about ten times the largest page the API documents (100 items of a few kB each),
   * and keeps a walk's pages in flight well inside an edge runtime's 128 MB.
   * @default 10_485_760 (10 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Follow a redirect to another origin (scheme, host or port), without credentials. By default
   * such a redirect fails with `RedirectError`: what another origin answers is not the API's
   * answer. Redirects within the API's origin are always followed (signed), a redirect from
   * https to http never is, and at most 5 are followed in a row.
   * @default false
   */
  followCrossOriginRedirects?: boolean;
  /**
   * The fetch implementation. Looked up on `globalThis` at each request by default, so test
   * interceptors installed later still apply.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Where logs go.
   * @default console, on stderr in Node (`console.error` for info and debug lines)
   */
  logger?: Logger;
  /**
   * How much to log.
   * @default the `OPSMERGE_LOG` environment variable, else 'warn'
   */
  logLevel?: LogLevel;
  /**
   * Client-side rate-limit pacing.
   * @default { mode: 'pace' } with an in-memory store
   */
  rateLimit?: RateLimitOptions;
  /**
   * Called once per deprecated operation per client, instead of the default warning.
   * @default a `DeprecationWarning` through process.emitWarning, else console.warn — once per
   *   operation per process, however many clients call it
   */
  onDeprecation?: (notice: DeprecationNotice) => void;
  /**
   * Called for every wait of more than one second inside a call (pacing, `Retry-After`,
   * backoff), before it starts, instead of the default warning. The wait can be cancelled with
   * the call's `signal`.
   * @default a warning through `logger`: one line for the calls of a burst that wait for the
   * same moment
   */
  onWait?: (notice: WaitNotice) => void;
  /**
   * `'warn'` warns once per operation; `'error'` also throws `SunsetError` before sending a
   * call to an operation past its sunset (for integrators' CI); `'off'` is silent.
   * @default 'warn'
   */
  deprecations?: 'warn' | 'error' | 'off';
  /**
   * Allow credentials over plain `http://` to a non-loopback host. Loopback is always allowed.
   * Only `true` or `false`: the string `"false"` is an error, never truthy.
   * @default false
   */
  allowInsecureHttp?: boolean;
  /**
   * Headers added to every request: a plain object or a `Headers`, read once when the client is
   * created. Names must be tokens and values one line of text (no CR, LF or NUL). The SDK sets
   * `Authorization` and `X-API-Key` itself (from `apiKey` and `authScheme`) and `Idempotency-Key`
   * per call (the `idempotencyKey` call option), so none of them may be set here.
   * @default no extra headers
   */
  headers?: Record<string, string | undefined> | Headers;
}

/**
 * Per-request options, accepted by every low-level method and facade call, and checked like
 * the client's: a wrong one rejects the call with a `ConfigurationError` naming it.
 */
export interface RequestOptions {
  /**
   * Cancels the request, and any wait between attempts, at once. A signal from another realm
   * (an iframe, a test environment) or a polyfill works too.
   */
  signal?: AbortSignal;
  /**
   * Per-attempt timeout in milliseconds for this request, 1 to 2,147,483,647; it caps each wait
   * too (see `ClientOptions.timeout`).
   * @default the client's `timeout`
   */
  timeout?: number;
  /**
   * Retries for this request, a whole number ≥ 0.
   * @default the client's `maxRetries`
   */
  maxRetries?: number;
  /** The most bytes of a success's body this request reads: see `ClientOptions.maxResponseBytes`. */
  maxResponseBytes?: number;
  /**
   * The `Idempotency-Key` for this write. By default the SDK creates one per call for every
   * operation that accepts it and reuses it on every attempt; `false` sends none (and then the
   * write is never retried once it may have reached the server). A key is 8–255 letters,
   * digits and `_ . : -`.
   * @default a new key per call, for operations that accept one
   */
  idempotencyKey?: string | false;
}
