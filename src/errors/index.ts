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
 * ├── ResponseShapeError             the JSON body was not the documented envelope
 * ├── ResponseTooLargeError          the body passed maxResponseBytes
 * ├── RedirectError                  a redirect the SDK does not follow
 * ├── ConnectionError                no response (DNS, TCP, TLS, reset)
 * ├── TimeoutError                   no response in time
 * ├── ConfigurationError             invalid client or call option
 * ├── InvalidArgumentError           a path, query or body argument that cannot be sent
 * └── SunsetError                    the operation is past its Sunset date
 * ```
 *
 * One file per kind: `base.ts` (the base class, serialisation, the guards' machinery),
 * `api.ts` (error statuses), `transport.ts` (no usable response), `usage.ts` (refused before
 * any I/O). A new class goes in its kind's file with its guard, and into the list below.
 *
 * @packageDocumentation
 */
export { OpsMergeError, isOpsMergeError, type ErrorCauseJSON, type OpsMergeErrorJSON, type OpsMergeErrorOptions } from './base.js';
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  isApiError,
  isAuthenticationError,
  isBadRequestError,
  isConflictError,
  isInternalServerError,
  isNotFoundError,
  isPermissionDeniedError,
  isRateLimitError,
  isUnprocessableEntityError,
  type ApiErrorInit,
  type ApiErrorJSON,
  type ApiErrorResponse,
  type ErrorCode,
  type RateLimitErrorInit,
  type RateLimitErrorJSON,
} from './api.js';
export {
  ConnectionError,
  RedirectError,
  ResponseParseError,
  ResponseShapeError,
  ResponseTooLargeError,
  TimeoutError,
  isConnectionError,
  isRedirectError,
  isResponseParseError,
  isResponseShapeError,
  isResponseTooLargeError,
  isTimeoutError,
  type ConnectionErrorInit,
  type ConnectionErrorJSON,
  type RedirectErrorInit,
  type RedirectErrorJSON,
  type RedirectRefusal,
  type ResponseParseErrorInit,
  type ResponseParseErrorJSON,
  type ResponseShapeErrorInit,
  type ResponseShapeErrorJSON,
  type ResponseTooLargeErrorInit,
  type ResponseTooLargeErrorJSON,
  type TimeoutErrorInit,
  type TimeoutErrorJSON,
} from './transport.js';
export {
  ConfigurationError,
  InvalidArgumentError,
  SunsetError,
  isConfigurationError,
  isInvalidArgumentError,
  isSunsetError,
  type ArgumentLocation,
  type ConfigurationErrorJSON,
  type ConfigurationErrorOptions,
  type InvalidArgumentErrorInit,
  type InvalidArgumentErrorJSON,
  type SunsetErrorInit,
  type SunsetErrorJSON,
} from './usage.js';
