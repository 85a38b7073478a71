/**
 * The server answered with an error status: {@link ApiError} and one subclass per status the
 * API documents, built from the error envelope by {@link ApiError.fromResponse}.
 *
 * @packageDocumentation
 */
import type { components } from '../../generated/schema.js';
import { parseRateLimitHeaders } from '../headers/rate-limit.js';
import { retryAfterFromHeaders } from '../headers/server-clock.js';
import { safeJson } from '../internal/safe-json.js';
import { OpsMergeError, defineError, isError, isRecord, namesOf, safeHeaders, safeText, scrub, type OpsMergeErrorJSON, type OpsMergeErrorOptions } from './base.js';
import { bodySnippet, describeRequest, stripQuery } from './describe.js';

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
  /** The text of a body that was not an error envelope; kept scrubbed and cut (see {@link ApiError.bodySnippet}). */
  bodySnippet?: string | undefined;
}

/** What `ApiError#toJSON()` returns. */
export interface ApiErrorJSON extends OpsMergeErrorJSON {
  /** HTTP status. */
  status: number;
  /** The error code. */
  code: string;
  /** The request id, when known. */
  requestId: string | undefined;
  /** `error.details` from the envelope: a bounded, scrubbed copy. */
  details: unknown;
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** Response headers, non-allow-listed values replaced by `REDACTED`. */
  headers: Record<string, string>;
  /** The start of a body that was not an error envelope, scrubbed; absent for an envelope. */
  bodySnippet: string | undefined;
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
 * The first reason of a validation error's details (`ErrorDetail`: `{ field?, message }`), as
 * `/client_id no such client`, with how many more there are; undefined when there is none.
 */
function validationReason(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const first: unknown = details[0];
  if (!isRecord(first) || typeof first['message'] !== 'string' || first['message'] === '') return undefined;
  const field = typeof first['field'] === 'string' && first['field'] !== '' ? `${safeText(first['field'], 100)} ` : '';
  const more = details.filter((detail) => isRecord(detail)).length - 1;
  return `${field}${safeText(first['message'], 200)}${more > 0 ? ` (and ${more} more)` : ''}`;
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
    defineError(this, 'ApiError', ['status', 'code', 'requestId', 'details', 'method', 'path', 'headers', 'bodySnippet'], (value) => typeof value['status'] === 'number');
  }

  /** HTTP status of the response. */
  readonly status: number;
  /** Machine-readable error code; branch on this, not on the message. */
  readonly code: ErrorCode | (string & {});
  /** The request id to quote to support (`error.request_id` or `X-Request-Id`). */
  readonly requestId: string | undefined;
  /**
   * `error.details` of the envelope: invalid fields, missing scopes… A copy, scrubbed of secrets
   * and bounded (16 levels, 100 entries per list or object, 1,000 characters per string).
   */
  readonly details: unknown;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path template or URL path of the request, never with its query string. */
  readonly path: string;
  /**
   * Response headers, each value scrubbed of secrets. Not enumerable, and shown redacted by
   * `toJSON()` and `util.inspect`, so loggers that walk an error's keys do not dump them.
   */
  declare readonly headers: Headers;
  /**
   * When the body was not an OpsMerge error envelope (a gateway's HTML page, plain text, an
   * array, `{"message": …}`, nothing): its first 200 characters, scrubbed of secrets — `''` for
   * an empty body — so you can see what answered. Undefined for an envelope.
   */
  declare readonly bodySnippet?: string;

  /** @param init - Status, code, message and request of the error; see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    const code = safeText(init.code, 100);
    const requestId = init.requestId === undefined ? undefined : safeText(init.requestId);
    const details = safeJson(init.details, scrub);
    const head = `${init.status} ${code}${describeRequest(init.method, init.path, requestId)}`;
    const reason = init.status === 422 ? validationReason(details) : undefined;
    const message = [safeText(init.message, 1000), reason].filter((part) => part !== undefined && part !== '').join(': ');
    super(message === '' ? head : `${head}: ${message}`, init);
    this.status = init.status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
    this.method = init.method.toUpperCase();
    this.path = safeText(stripQuery(init.path), 2000);
    Object.defineProperty(this, 'headers', { value: safeHeaders(init.headers), enumerable: false });
    if (init.bodySnippet !== undefined) Object.defineProperty(this, 'bodySnippet', { value: bodySnippet(init.bodySnippet), enumerable: true });
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
    const empty = input.body === undefined || input.body === '';
    const init: ApiErrorInit = {
      status,
      code: envelope?.code ?? `HTTP_${status}`,
      message: envelope?.message ?? (empty ? 'the response body was empty' : 'the response body was not an OpsMerge error envelope'),
      requestId: envelope?.requestId ?? headers.get('x-request-id') ?? undefined,
      details: envelope?.details,
      method: input.method,
      path: input.path,
      headers,
      ...(envelope === undefined ? { bodySnippet: bodySnippet(input.body) } : {}),
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
