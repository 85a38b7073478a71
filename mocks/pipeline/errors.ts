/** The API's error envelope and the exception handlers throw to produce it. */
import type { ErrorCode, ErrorDetail, Error as ErrorEnvelope } from '@opsmerge/sdk';
import { jsonResponse } from './json-response.js';

/** HTTP status of each error code, as the spec's catalogue says. */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  KEY_REVOKED: 401,
  KEY_EXPIRED: 401,
  KEY_ENVIRONMENT_MISMATCH: 401,
  OWNER_DEACTIVATED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  IP_NOT_ALLOWED: 403,
  API_ACCESS_DISABLED: 403,
  PLAN_LIMIT_REACHED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  ALREADY_REVOKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  REQUEST_HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  MAINTENANCE: 503,
};

/** Thrown by pipeline steps and handlers; the runner turns it into an error response. */
export class MockApiError extends Error {
  override readonly name = 'MockApiError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[] | undefined;
  /** Extra headers, e.g. `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, options: { details?: readonly ErrorDetail[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.code = code;
    this.status = STATUS_OF_CODE[code];
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** 404 `NOT_FOUND` for an id. */
export function notFound(id: string): MockApiError {
  return new MockApiError('NOT_FOUND', `No such resource: ${id}`);
}

/** 422 `VALIDATION_FAILED` about one field. */
export function invalidField(field: string, message: string): MockApiError {
  return new MockApiError('VALIDATION_FAILED', 'The request is invalid', { details: [{ field, message }] });
}

/** The error envelope for a code. */
export function errorEnvelope(code: ErrorCode, message: string, requestId: string, details?: readonly ErrorDetail[]): ErrorEnvelope {
  return { error: { code, message, request_id: requestId, ...(details && details.length > 0 ? { details: [...details] } : {}) } };
}

/** An error response (headers are added by the runner). */
export function errorResponse(error: MockApiError, requestId: string): Response {
  return jsonResponse(errorEnvelope(error.code, error.message, requestId, error.details), error.status, error.headers);
}
