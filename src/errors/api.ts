/**
 * The server answered with an error status: {@link ApiError} and one subclass per status the
 * API documents, built from the error envelope by {@link ApiError.fromResponse}.
 *
 * @packageDocumentation
 */
import type { components } from '../../generated/schema.js';
import { parseRateLimitHeaders } from '../headers/rate-limit.js';
import { retryAfterFromHeaders } from '../headers/server-clock.js';
import { OpsMergeError, defineError, isError, isRecord, namesOf, type OpsMergeErrorJSON, type OpsMergeErrorOptions } from './base.js';
import { describeRequest, stripQuery } from './describe.js';

/** The API's machine-readable error codes (`components.schemas.ErrorCode` in the spec). */
export type ErrorCode = components['schemas']['ErrorCode'];

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
    // From another realm, an API error is recognised by its name and its numeric status.
    defineError(this, 'ApiError', ['status', 'code', 'requestId', 'details', 'method', 'path', 'headers'], (value) => typeof value['status'] === 'number');
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
    // Both on the server's clock when the response has a Date header (headers/server-clock.ts).
    const retryAfterMs = retryAfterFromHeaders(headers, nowMs) ?? (resetAt === undefined ? undefined : Math.max(0, resetAt - nowMs));
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

const API_ERROR_NAMES = namesOf([ApiError, InternalServerError, ...Object.values(API_ERROR_CLASSES)]);

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
