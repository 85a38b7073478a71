/**
 * The SDK's typed errors. Branch on the class (or the `is…` guards) and on `code`, never
 * on message text.
 *
 * ```
 * OpsMergeError
 * ├── ApiError                       the server answered with an error status
 * │   ├── BadRequestError            400
 * │   ├── AuthenticationError        401
 * │   ├── PermissionDeniedError      403
 * │   ├── NotFoundError              404
 * │   ├── ConflictError              409
 * │   ├── UnprocessableEntityError   422
 * │   ├── RateLimitError             429
 * │   └── InternalServerError        ≥ 500
 * ├── ResponseParseError             the body was not valid JSON
 * ├── ConnectionError                no response (DNS, TCP, TLS, reset)
 * ├── TimeoutError                   no response in time
 * ├── ConfigurationError             invalid client option
 * └── SunsetError                    the operation is past its Sunset date
 * ```
 *
 * Secrets: messages are scrubbed with `redactSecrets` when built, and `toJSON()` and
 * Node's `util.inspect` show only safe fields, redacted headers and a scrubbed summary
 * of the `cause` chain, so logging an error never prints a credential even when a
 * `cause` holds the request and its `Authorization` header. `cause` itself is kept
 * untouched for debugging.
 *
 * @packageDocumentation
 */

import type { components } from '../generated/schema.js';
import { parseRateLimitHeaders } from './headers/rate-limit.js';
import { parseRetryAfter } from './headers/retry-after.js';
import { redactHeaders, redactSecrets } from './internal/redact.js';

/** The API's machine-readable error codes (`components.schemas.ErrorCode` in the spec). */
export type ErrorCode = components['schemas']['ErrorCode'];

/** Options every SDK error accepts: the ES2022 `cause`. */
export interface OpsMergeErrorOptions {
  /** The underlying error or value, kept on `error.cause`. */
  cause?: unknown;
}

/** A scrubbed, JSON-safe summary of one link of a `cause` chain. */
export interface ErrorCauseJSON {
  /** The cause's `name` (or its type when it is not an error). */
  name: string;
  /** The cause's message, with secrets replaced by `REDACTED`. */
  message: string;
  /** A string or numeric `code` the cause carries (`ECONNRESET`, `UND_ERR_SOCKET`…). */
  code?: string | number;
  /** The next link of the chain. */
  cause?: ErrorCauseJSON;
}

/** What `OpsMergeError#toJSON()` returns. */
export interface OpsMergeErrorJSON {
  /** The class name, e.g. `RateLimitError`. */
  name: string;
  /** The message, scrubbed of secrets. */
  message: string;
  /** A scrubbed summary of the `cause` chain. */
  cause?: ErrorCauseJSON;
}

// Node's util.inspect hook, reached through the global symbol registry so no `node:`
// import is needed and other runtimes are unaffected.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
// Each class's prototype lists the fields its `toJSON()` shows after `name`, `message`
// and `cause`, its parent's first: one `toJSON` serves every class.
const FIELDS = Symbol('toJSON fields');
// How many links of a cause chain are summarised; deeper ones are dropped.
const MAX_CAUSE_DEPTH = 8;
// Enough of a body to recognise what answered (a proxy's error page, a truncated document).
const BODY_SNIPPET_LENGTH = 200;
// Said of a write that failed after it was sent: applied or not, nobody knows.
const MAY_HAVE_SUCCEEDED = ' (the request may have reached the server)';

interface Described {
  [FIELDS]: readonly string[];
}

function toIsoString(date: Date | undefined): string | undefined {
  return date?.toISOString();
}

// The fields `toJSON()` does not show as they are: headers redacted, dates as ISO 8601.
const SERIALIZE: Readonly<Record<string, (value: never) => unknown>> = {
  headers: redactHeaders,
  resetAt: toIsoString,
  sunsetAt: toIsoString,
};

function scrub(text: string): string {
  return redactSecrets(text, []);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Sets `name` as classes have it: writable, configurable, not enumerable. */
function setName(target: object, name: string): void {
  Object.defineProperty(target, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}

/**
 * Names an error class on its prototype, not as an instance field: V8 reads `name` while
 * `super()` builds the stack, before any field initialiser runs, and a prototype
 * property stays out of `Object.keys(error)`. Also records the fields the class adds to
 * its parent's `toJSON()`.
 *
 * @param ctor - The class, from its `static {}` block.
 * @param name - Its name, as `error.name` and the guards see it.
 * @param fields - The instance fields `toJSON()` shows after its parent's, in order.
 * @internal
 */
export function defineError(ctor: { prototype: Error }, name: string, fields: readonly string[] = []): void {
  const prototype = ctor.prototype as Error & Partial<Described>;
  setName(prototype, name);
  prototype[FIELDS] = [...((Object.getPrototypeOf(prototype) as Partial<Described>)[FIELDS] ?? []), ...fields];
}

/** The cause's message (and its own cause's, one level down: undici's `fetch failed` says little alone). */
function describeCause(cause: unknown): string | undefined {
  if (!isRecord(cause) || typeof cause['message'] !== 'string') return typeof cause === 'string' ? scrub(cause) : undefined;
  const inner = isRecord(cause['cause']) && typeof cause['cause']['message'] === 'string' ? cause['cause']['message'] : '';
  return scrub(inner !== '' && inner !== cause['message'] ? `${cause['message']}: ${inner}` : cause['message']);
}

/** Summarises a cause chain from scratch: name, scrubbed message and `code`, nothing else. */
function causeToJSON(value: unknown, depth = 0, seen = new Set<unknown>()): ErrorCauseJSON | undefined {
  if (value === undefined || depth >= MAX_CAUSE_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof OpsMergeError) return value.toJSON();
  if (!isRecord(value)) return { name: typeof value, message: scrub(String(value)) };
  if (typeof value['message'] !== 'string') {
    // Arbitrary objects (a Request, a config) are named only: their fields may hold credentials.
    const ctorName: unknown = (value.constructor as { name?: unknown } | undefined)?.name;
    return { name: typeof ctorName === 'string' && ctorName !== '' ? ctorName : 'Object', message: '' };
  }
  const json: ErrorCauseJSON = {
    name: typeof value['name'] === 'string' ? value['name'] : 'Error',
    message: scrub(value['message']),
  };
  const code = value['code'];
  if (typeof code === 'number') json.code = code;
  else if (typeof code === 'string') json.code = scrub(code);
  const cause = causeToJSON(value['cause'], depth + 1, seen);
  if (cause !== undefined) json.cause = cause;
  return json;
}

/**
 * Builds the stand-in Node's `util.inspect` prints instead of an error: a plain `Error`
 * with the same name, scrubbed stack, safe fields and a scrubbed cause chain.
 */
function inspectable(json: ErrorCauseJSON | OpsMergeErrorJSON, stack: string | undefined): Error {
  const { name, message, cause, ...fields } = json;
  // A class named after the error, so Node prints `RateLimitError: …` rather than
  // `Error [RateLimitError]: …`; it has no inspect hook of its own, so no recursion.
  const View = { [name]: class extends Error {} }[name] ?? Error;
  const view = cause === undefined ? new View(message) : new View(message, { cause: inspectable(cause, undefined) });
  setName(view, name);
  view.stack = stack === undefined ? `${name}: ${message}` : scrub(stack);
  Object.assign(view, fields);
  return view;
}

/**
 * The base of every error the SDK throws. Catch it to handle anything from the SDK.
 *
 * @example
 * ```ts
 * try {
 *   await om.agents.list();
 * } catch (error) {
 *   if (isOpsMergeError(error)) logger.warn(error.toJSON());
 *   else throw error;
 * }
 * ```
 */
export class OpsMergeError extends Error {
  static {
    defineError(this, 'OpsMergeError');
  }

  /**
   * @param message - The message; secrets in it are replaced by `REDACTED`.
   * @param options - `cause`, kept as is on `error.cause`.
   */
  constructor(message: string, options?: OpsMergeErrorOptions) {
    super(scrub(message), options !== undefined && 'cause' in options ? { cause: options.cause } : undefined);
  }

  /**
   * Safe, JSON-ready fields: what `JSON.stringify(error)` prints. Each subclass adds its
   * own fields (its `…JSON` interface), response headers redacted and dates as ISO 8601.
   */
  toJSON(): OpsMergeErrorJSON {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    const cause = causeToJSON(this.cause);
    if (cause !== undefined) json['cause'] = cause;
    for (const key of (this as unknown as Described)[FIELDS]) {
      const value = (this as unknown as Record<string, unknown>)[key];
      const serialize = SERIALIZE[key];
      json[key] = serialize === undefined ? value : serialize(value as never);
    }
    return json as unknown as OpsMergeErrorJSON;
  }

  /**
   * What Node's `util.inspect` (and so `console.log`) prints: the safe fields of
   * {@link OpsMergeError.toJSON} as a regular-looking error.
   *
   * @internal
   */
  [INSPECT](): Error {
    return inspectable(this.toJSON(), this.stack);
  }
}

/** The fields an {@link ApiError} is built from. */
export interface ApiErrorInit extends OpsMergeErrorOptions {
  /** HTTP status of the response. */
  status: number;
  /** `error.code` of the envelope, or `HTTP_<status>` when the body had none. */
  code: ErrorCode | (string & {});
  /** The server's explanation (`error.message`). */
  message: string;
  /** `error.request_id`, or the `X-Request-Id` header. */
  requestId?: string | undefined;
  /** `error.details`. */
  details?: unknown;
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request; a query string is cut off. */
  path: string;
  /** Response headers. */
  headers?: Headers | undefined;
}

/** What `ApiError#toJSON()` returns. */
export interface ApiErrorJSON extends OpsMergeErrorJSON {
  /** HTTP status. */
  status: number;
  /** The error code. */
  code: string;
  /** The request id, when known. */
  requestId: string | undefined;
  /** `error.details` from the envelope. */
  details: unknown;
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** Response headers, non-allow-listed values replaced by `REDACTED`. */
  headers: Record<string, string>;
}

/** Input of {@link ApiError.fromResponse}. */
export interface ApiErrorResponse {
  /** HTTP status of the response. */
  status: number;
  /** The parsed JSON body (or the raw text, which is parsed if it is JSON). */
  body: unknown;
  /** Response headers. */
  headers: Headers;
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** The current time, for an HTTP-date `Retry-After`. Defaults to `Date.now()`. */
  nowMs?: number;
}

interface Envelope {
  code: string;
  message: string;
  requestId: string | undefined;
  details: unknown;
}

/** Reads `{"error": {code, message, request_id, details}}`, or `undefined` for any other body. */
function readEnvelope(body: unknown): Envelope | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value) || !isRecord(value['error'])) return undefined;
  const { code, message, request_id: requestId, details } = value['error'];
  if (typeof code !== 'string' || code === '') return undefined;
  return {
    code,
    message: typeof message === 'string' ? message : '',
    requestId: typeof requestId === 'string' && requestId !== '' ? requestId : undefined,
    details,
  };
}

function stripQuery(path: string): string {
  return path.split(/[?#]/, 1)[0] ?? '';
}

/** ` on GET /v1/auth/me (request req_…)`: the request, as every message names it. */
function describeRequest(method: string, path: string, requestId?: string): string {
  return ` on ${method.toUpperCase()} ${stripQuery(path)}${requestId === undefined ? '' : ` (request ${requestId})`}`;
}

/**
 * The server answered with an error status. Subclasses narrow it by status; other 4xx
 * statuses are plain `ApiError`s. The message reads
 * `401 KEY_REVOKED on GET /v1/auth/me (request req_…): This API key was revoked`.
 *
 * @example
 * ```ts
 * try {
 *   await om.agents.get('agt_01HZX4C9P2');
 * } catch (error) {
 *   if (isApiError(error) && error.code === 'NOT_FOUND') return undefined;
 *   throw error;
 * }
 * ```
 */
export class ApiError extends OpsMergeError {
  static {
    defineError(this, 'ApiError', ['status', 'code', 'requestId', 'details', 'method', 'path', 'headers']);
  }

  /** HTTP status of the response. */
  readonly status: number;
  /** Machine-readable error code; branch on this, not on the message. */
  readonly code: ErrorCode | (string & {});
  /** The request id to quote to support (`error.request_id` or `X-Request-Id`). */
  readonly requestId: string | undefined;
  /** `error.details` of the envelope: invalid fields, missing scopes… */
  readonly details: unknown;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path template or URL path of the request, never with its query string. */
  readonly path: string;
  /**
   * Response headers (responses never carry credentials). Not enumerable, and shown
   * redacted by `toJSON()` and `util.inspect`, so loggers that walk an error's keys do
   * not dump them.
   */
  declare readonly headers: Headers;

  /** @param init - Status, code, message and request of the error; see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    const head = `${init.status} ${init.code}${describeRequest(init.method, init.path, init.requestId)}`;
    super(init.message === '' ? head : `${head}: ${init.message}`, init);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
    this.method = init.method.toUpperCase();
    this.path = stripQuery(init.path);
    Object.defineProperty(this, 'headers', { value: init.headers ?? new Headers(), enumerable: false });
  }

  /**
   * Builds the right error for an error response: reads the OpsMerge error envelope
   * (falling back to code `HTTP_<status>` for any other body), picks the subclass by
   * status, and for a 429 fills in `Retry-After` and the rate-limit headers.
   *
   * @param input - The response's status, body and headers and the request's method and path.
   * @returns An `ApiError` subclass instance; never throws.
   *
   * @example
   * ```ts
   * const body = await response.json().catch(() => undefined);
   * throw ApiError.fromResponse({ status: response.status, body, headers: response.headers, method: 'GET', path: '/v1/agents' });
   * ```
   */
  static fromResponse(input: ApiErrorResponse): ApiError {
    const { status, headers } = input;
    const envelope = readEnvelope(input.body);
    const init: ApiErrorInit = {
      status,
      code: envelope?.code ?? `HTTP_${status}`,
      message: envelope?.message ?? 'the response body was not an OpsMerge error envelope',
      requestId: envelope?.requestId ?? headers.get('x-request-id') ?? undefined,
      details: envelope?.details,
      method: input.method,
      path: input.path,
      headers,
    };
    if (status === 429) return RateLimitError.fromHeaders(init, input.nowMs ?? Date.now());
    const ErrorClass = status >= 500 ? InternalServerError : (API_ERROR_CLASSES[status] ?? ApiError);
    return new ErrorClass(init);
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ApiError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ApiErrorJSON;
}

/** 400: the request could not be parsed. */
export class BadRequestError extends ApiError {
  static {
    defineError(this, 'BadRequestError');
  }
}

/** 401: missing, unknown, revoked or expired credentials, or a key for the other environment. */
export class AuthenticationError extends ApiError {
  static {
    defineError(this, 'AuthenticationError');
  }
}

/** 403: valid credentials that may not do this (scope, role, plan, IP allow-list). */
export class PermissionDeniedError extends ApiError {
  static {
    defineError(this, 'PermissionDeniedError');
  }
}

/** 404: no such resource, or it belongs to another organisation. */
export class NotFoundError extends ApiError {
  static {
    defineError(this, 'NotFoundError');
  }
}

/** 409: state conflict, or an `Idempotency-Key` reused with a different body. */
export class ConflictError extends ApiError {
  static {
    defineError(this, 'ConflictError');
  }
}

/** 422: parameters or body break the schema; `details` lists each field. */
export class UnprocessableEntityError extends ApiError {
  static {
    defineError(this, 'UnprocessableEntityError');
  }
}

/** 5xx: the server failed; retrying with backoff may help. */
export class InternalServerError extends ApiError {
  static {
    defineError(this, 'InternalServerError');
  }
}

/** The fields a {@link RateLimitError} is built from. */
export interface RateLimitErrorInit extends ApiErrorInit {
  /** How long to wait before retrying, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** When the rate-limit window resets. */
  resetAt?: Date | undefined;
  /** Requests allowed per window. */
  limit?: number | undefined;
  /** Requests left in the window. */
  remaining?: number | undefined;
}

/** What `RateLimitError#toJSON()` returns. */
export interface RateLimitErrorJSON extends ApiErrorJSON {
  /** Milliseconds to wait, when known. */
  retryAfterMs: number | undefined;
  /** ISO 8601 time the window resets, when known. */
  resetAt: string | undefined;
  /** Requests allowed per window, when known. */
  limit: number | undefined;
  /** Requests left in the window, when known. */
  remaining: number | undefined;
}

/**
 * 429: over the per-key rate limit (`RATE_LIMITED`) or the plan's daily quota
 * (`QUOTA_EXCEEDED`). The message reads
 * `429 RATE_LIMITED on GET /v1/agents (request req_…): retry after 12 s`.
 */
export class RateLimitError extends ApiError {
  static {
    defineError(this, 'RateLimitError', ['retryAfterMs', 'resetAt', 'limit', 'remaining']);
  }

  /** Milliseconds to wait before retrying: `Retry-After`, else the time until `resetAt`. */
  readonly retryAfterMs?: number;
  /** When the window resets (`X-RateLimit-Reset` or the draft `RateLimit` field). */
  readonly resetAt?: Date;
  /** Requests allowed per window. */
  readonly limit?: number;
  /** Requests left in the window. */
  readonly remaining?: number;

  /** @param init - The {@link ApiErrorInit} fields plus the rate-limit details. */
  constructor(init: RateLimitErrorInit) {
    const { retryAfterMs } = init;
    super(retryAfterMs === undefined ? init : { ...init, message: `retry after ${Math.ceil(retryAfterMs / 1000)} s` });
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
    if (init.resetAt !== undefined) this.resetAt = init.resetAt;
    if (init.limit !== undefined) this.limit = init.limit;
    if (init.remaining !== undefined) this.remaining = init.remaining;
  }

  /**
   * Completes `init` from the response headers: `Retry-After` (RFC 9110 §10.2.3) first,
   * then the rate-limit fields; without `Retry-After`, the wait is the time until reset.
   *
   * @param init - The error built from the envelope; its `headers` are read.
   * @param nowMs - The current time in epoch milliseconds.
   * @returns The error.
   */
  static fromHeaders(init: ApiErrorInit, nowMs: number): RateLimitError {
    const headers = init.headers ?? new Headers();
    const info = parseRateLimitHeaders(headers, nowMs);
    const resetAt = info?.resetAt;
    const retryAfterMs =
      parseRetryAfter(headers.get('retry-after'), nowMs) ?? (resetAt === undefined ? undefined : Math.max(0, resetAt - nowMs));
    return new RateLimitError({
      ...init,
      retryAfterMs,
      resetAt: resetAt === undefined ? undefined : new Date(resetAt),
      limit: info?.limit,
      remaining: info?.remaining,
    });
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface RateLimitError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): RateLimitErrorJSON;
}

// The 4xx subclasses by status (429 has its own constructor path); ≥ 500 is InternalServerError.
const API_ERROR_CLASSES: Readonly<Record<number, typeof ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The fields a {@link ResponseParseError} is built from. */
export interface ResponseParseErrorInit extends OpsMergeErrorOptions {
  /** HTTP status of the response. */
  status: number;
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** Response headers: `X-Request-Id` and `Content-Type` are read from them. */
  headers: Headers;
  /** The body text that failed to parse. */
  body: string;
  /** Known secrets to scrub from the snippet (the key, a token), besides key-shaped ones. */
  secrets?: readonly string[];
}

/** What `ResponseParseError#toJSON()` returns. */
export interface ResponseParseErrorJSON extends OpsMergeErrorJSON {
  /** HTTP status. */
  status: number;
  /** The request id, when known. */
  requestId: string | undefined;
  /** `Content-Type` of the response, when sent. */
  contentType: string | undefined;
  /** Start of the body, scrubbed. */
  bodySnippet: string;
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
}

/**
 * The response body was not valid JSON (a proxy's HTML error page, a truncated body).
 * Carries the start of the body, scrubbed of secrets, to identify what answered.
 */
export class ResponseParseError extends OpsMergeError {
  static {
    defineError(this, 'ResponseParseError', ['status', 'requestId', 'contentType', 'bodySnippet', 'method', 'path']);
  }

  /** HTTP status of the response. */
  readonly status: number;
  /** `X-Request-Id` of the response, when sent. */
  readonly requestId: string | undefined;
  /** `Content-Type` of the response, when sent. */
  readonly contentType: string | undefined;
  /** The first 200 characters of the body, secrets replaced by `REDACTED`. */
  readonly bodySnippet: string;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request, never with its query string. */
  readonly path: string;

  /** @param init - The response and request; see {@link ResponseParseErrorInit}. */
  constructor(init: ResponseParseErrorInit) {
    const requestId = init.headers.get('x-request-id') ?? undefined;
    const contentType = init.headers.get('content-type') ?? undefined;
    super(
      `${init.status}${describeRequest(init.method, init.path, requestId)}: the response body is not valid JSON (content-type: ${contentType ?? 'none'})`,
      init,
    );
    this.status = init.status;
    this.requestId = requestId;
    this.contentType = contentType;
    // Scrub a window wider than the snippet, so a secret straddling the cut is still
    // recognised whole and no fragment of it survives the truncation.
    const secrets = init.secrets ?? [];
    const margin = Math.max(256, ...secrets.map((s) => s.length));
    this.bodySnippet = redactSecrets(init.body.slice(0, BODY_SNIPPET_LENGTH + margin), secrets).slice(0, BODY_SNIPPET_LENGTH);
    this.method = init.method.toUpperCase();
    this.path = stripQuery(init.path);
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ResponseParseError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ResponseParseErrorJSON;
}

/** The fields a {@link ConnectionError} is built from. */
export interface ConnectionErrorInit extends OpsMergeErrorOptions {
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** Whether the request may have reached the server before the connection failed. */
  mayHaveSucceeded: boolean;
  /** Status of the response whose body broke, when the headers had arrived. */
  status?: number | undefined;
  /** `X-Request-Id` of that response. */
  requestId?: string | undefined;
}

/** What `ConnectionError#toJSON()` returns. */
export interface ConnectionErrorJSON extends OpsMergeErrorJSON {
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** Whether the request may have reached the server. */
  mayHaveSucceeded: boolean;
  /** Status of the response whose body broke, if any. */
  status?: number | undefined;
  /** Request id of that response, if any. */
  requestId?: string | undefined;
}

/**
 * No response arrived: DNS, TCP, TLS failure or a reset connection. When
 * `mayHaveSucceeded` is true the request was sent and a write may have been applied;
 * retry it only with the same `Idempotency-Key`.
 */
export class ConnectionError extends OpsMergeError {
  static {
    defineError(this, 'ConnectionError', ['method', 'path', 'mayHaveSucceeded', 'status', 'requestId']);
  }

  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request, never with its query string. */
  readonly path: string;
  /** Whether the request may have reached the server (and a write been applied). */
  readonly mayHaveSucceeded: boolean;
  /** Status of the response whose body broke mid-read; undefined when no response arrived. */
  readonly status: number | undefined;
  /** `X-Request-Id` of that response. */
  readonly requestId: string | undefined;

  /** @param init - The request and the underlying `cause`; see {@link ConnectionErrorInit}. */
  constructor(init: ConnectionErrorInit) {
    const reason = describeCause(init.cause);
    super(
      `Connection failed${describeRequest(init.method, init.path)}${reason === undefined ? '' : `: ${reason}`}` +
        (init.mayHaveSucceeded ? MAY_HAVE_SUCCEEDED : ''),
      init,
    );
    this.method = init.method.toUpperCase();
    this.path = stripQuery(init.path);
    this.mayHaveSucceeded = init.mayHaveSucceeded;
    this.status = init.status;
    this.requestId = init.requestId;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ConnectionError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ConnectionErrorJSON;
}

/** The fields a {@link TimeoutError} is built from. */
export interface TimeoutErrorInit extends OpsMergeErrorOptions {
  /** The timeout that elapsed, in milliseconds. */
  timeoutMs: number;
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** For a write: whether the request may have reached the server before the timeout. */
  mayHaveSucceeded?: boolean | undefined;
}

/** What `TimeoutError#toJSON()` returns. */
export interface TimeoutErrorJSON extends OpsMergeErrorJSON {
  /** The timeout in milliseconds. */
  timeoutMs: number;
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** For a write, whether it may have been applied. */
  mayHaveSucceeded: boolean | undefined;
}

/**
 * No complete response within `timeoutMs` (the timeout covers reading the body too).
 * Not the `DOMException` named `TimeoutError` that `AbortSignal.timeout()` produces: the
 * guard {@link isTimeoutError} also checks `timeoutMs`.
 */
export class TimeoutError extends OpsMergeError {
  static {
    defineError(this, 'TimeoutError', ['timeoutMs', 'method', 'path', 'mayHaveSucceeded']);
  }

  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request, never with its query string. */
  readonly path: string;
  /** For a write: whether it may have been applied before the timeout. */
  readonly mayHaveSucceeded?: boolean;

  /** @param init - The timeout and request; see {@link TimeoutErrorInit}. */
  constructor(init: TimeoutErrorInit) {
    super(`Timed out after ${init.timeoutMs} ms${describeRequest(init.method, init.path)}${init.mayHaveSucceeded === true ? MAY_HAVE_SUCCEEDED : ''}`, init);
    this.timeoutMs = init.timeoutMs;
    this.method = init.method.toUpperCase();
    this.path = stripQuery(init.path);
    if (init.mayHaveSucceeded !== undefined) this.mayHaveSucceeded = init.mayHaveSucceeded;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface TimeoutError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): TimeoutErrorJSON;
}

/** What `ConfigurationError#toJSON()` returns. */
export interface ConfigurationErrorJSON extends OpsMergeErrorJSON {
  /** The option at fault. */
  option: string;
}

/** The fields a {@link ConfigurationError} is built from. */
export interface ConfigurationErrorOptions extends OpsMergeErrorOptions {
  /** The option at fault, e.g. `baseUrl` or `retry.maxRetries` (dotted for nested options). */
  option: string;
}

/**
 * A client option is invalid. Thrown when the client is created, before any request.
 * The message always names the option: when the text given does not mention it, it is
 * prefixed, as in `Invalid option "timeoutMs": must be a positive number, got -1`.
 *
 * @example
 * ```ts
 * throw new ConfigurationError('must be a positive number, got -1', { option: 'timeoutMs' });
 * ```
 */
export class ConfigurationError extends OpsMergeError {
  static {
    defineError(this, 'ConfigurationError', ['option']);
  }

  /** The option at fault, e.g. `timeoutMs` or `retry.maxRetries`. */
  readonly option: string;

  /**
   * @param message - What is wrong, e.g. `baseUrl "x" is not an absolute URL.`
   * @param options - The option's name, and a `cause` when the problem surfaced as a thrown error.
   */
  constructor(message: string, options: ConfigurationErrorOptions) {
    super(message.includes(options.option) ? message : `Invalid option "${options.option}": ${message}`, options);
    this.option = options.option;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ConfigurationError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ConfigurationErrorJSON;
}

/** The fields a {@link SunsetError} is built from. */
export interface SunsetErrorInit extends OpsMergeErrorOptions {
  /** The operation, e.g. `alerts_listActive` or `GET /v1/alerts/active`. */
  operation: string;
  /** When it stopped (or stops) working, from `x-sunset` or the `Sunset` header. */
  sunsetAt: Date;
  /** The operation to use instead, when there is one. */
  successor?: string | undefined;
}

/** What `SunsetError#toJSON()` returns. */
export interface SunsetErrorJSON extends OpsMergeErrorJSON {
  /** The operation. */
  operation: string;
  /** ISO 8601 sunset time. */
  sunsetAt: string;
  /** The replacement operation, when there is one. */
  successor: string | undefined;
}

/**
 * The operation is past its Sunset date (RFC 8594) and the SDK refused to call it.
 * Move to `successor`.
 */
export class SunsetError extends OpsMergeError {
  static {
    defineError(this, 'SunsetError', ['operation', 'sunsetAt', 'successor']);
  }

  /** The operation that was switched off. */
  readonly operation: string;
  /** When it was switched off. */
  readonly sunsetAt: Date;
  /** The operation to use instead. */
  readonly successor?: string;

  /** @param init - The operation, its sunset date and successor; see {@link SunsetErrorInit}. */
  constructor(init: SunsetErrorInit) {
    super(
      `${init.operation} reached its sunset on ${init.sunsetAt.toISOString()}` +
        (init.successor === undefined ? '' : `; use ${init.successor} instead`),
      init,
    );
    this.operation = init.operation;
    this.sunsetAt = init.sunsetAt;
    if (init.successor !== undefined) this.successor = init.successor;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface SunsetError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): SunsetErrorJSON;
}

// Guards match by `name` (plus one structural field where a platform class shares the
// name), not `instanceof`: an error from another realm or another copy of the SDK
// has different constructors but the same shape.
function namesOf(classes: ReadonlyArray<{ prototype: Error }>): ReadonlySet<string> {
  return new Set(classes.map((ctor) => ctor.prototype.name));
}
const API_ERROR_NAMES = namesOf([ApiError, InternalServerError, ...Object.values(API_ERROR_CLASSES)]);
const ERROR_NAMES: ReadonlySet<string> = new Set([
  ...API_ERROR_NAMES,
  ...namesOf([OpsMergeError, ResponseParseError, ConnectionError, TimeoutError, ConfigurationError, SunsetError]),
  // Declared beside the code that throws them (src/oauth/errors.ts, src/pagination.ts).
  'OAuthError',
  'PaginationError',
]);

function hasName(value: unknown, names: ReadonlySet<string>): value is Record<string, unknown> {
  if (!isRecord(value) || typeof value['name'] !== 'string' || !names.has(value['name'])) return false;
  if (API_ERROR_NAMES.has(value['name'])) return typeof value['status'] === 'number';
  // `AbortSignal.timeout()` rejects with a DOMException named `TimeoutError` too.
  if (value['name'] === 'TimeoutError') return typeof value['timeoutMs'] === 'number';
  return true;
}

/** `instanceof ctor`, or an error of the same name (and shape) from another realm or SDK copy. */
function isError(value: unknown, ctor: abstract new (...args: never) => Error, names = namesOf([ctor])): boolean {
  return value instanceof ctor || hasName(value, names);
}

/**
 * Whether `value` is any SDK error, from this realm or another.
 *
 * @example
 * ```ts
 * if (isOpsMergeError(error)) console.error(error.toJSON());
 * ```
 */
export function isOpsMergeError(value: unknown): value is OpsMergeError {
  return isError(value, OpsMergeError, ERROR_NAMES);
}

/** Whether `value` is an {@link ApiError} of any status (subclasses included). */
export function isApiError(value: unknown): value is ApiError {
  return isError(value, ApiError, API_ERROR_NAMES);
}

/** Whether `value` is a {@link BadRequestError} (400). */
export function isBadRequestError(value: unknown): value is BadRequestError {
  return isError(value, BadRequestError);
}

/** Whether `value` is an {@link AuthenticationError} (401). */
export function isAuthenticationError(value: unknown): value is AuthenticationError {
  return isError(value, AuthenticationError);
}

/** Whether `value` is a {@link PermissionDeniedError} (403). */
export function isPermissionDeniedError(value: unknown): value is PermissionDeniedError {
  return isError(value, PermissionDeniedError);
}

/** Whether `value` is a {@link NotFoundError} (404). */
export function isNotFoundError(value: unknown): value is NotFoundError {
  return isError(value, NotFoundError);
}

/** Whether `value` is a {@link ConflictError} (409). */
export function isConflictError(value: unknown): value is ConflictError {
  return isError(value, ConflictError);
}

/** Whether `value` is an {@link UnprocessableEntityError} (422). */
export function isUnprocessableEntityError(value: unknown): value is UnprocessableEntityError {
  return isError(value, UnprocessableEntityError);
}

/** Whether `value` is a {@link RateLimitError} (429). */
export function isRateLimitError(value: unknown): value is RateLimitError {
  return isError(value, RateLimitError);
}

/** Whether `value` is an {@link InternalServerError} (5xx). */
export function isInternalServerError(value: unknown): value is InternalServerError {
  return isError(value, InternalServerError);
}

/** Whether `value` is a {@link ResponseParseError}. */
export function isResponseParseError(value: unknown): value is ResponseParseError {
  return isError(value, ResponseParseError);
}

/** Whether `value` is a {@link ConnectionError}. */
export function isConnectionError(value: unknown): value is ConnectionError {
  return isError(value, ConnectionError);
}

/**
 * Whether `value` is the SDK's {@link TimeoutError}; `AbortSignal.timeout()`'s
 * `DOMException` of the same name is not.
 */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return isError(value, TimeoutError);
}

/** Whether `value` is a {@link ConfigurationError}. */
export function isConfigurationError(value: unknown): value is ConfigurationError {
  return isError(value, ConfigurationError);
}

/** Whether `value` is a {@link SunsetError}. */
export function isSunsetError(value: unknown): value is SunsetError {
  return isError(value, SunsetError);
}
