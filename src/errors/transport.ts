/**
 * Failures without a usable API answer: a body that is not JSON ({@link ResponseParseError}),
 * no response at all ({@link ConnectionError}), no response in time ({@link TimeoutError}).
 *
 * @packageDocumentation
 */
import { OpsMergeError, defineError, isError, safeText, type OpsMergeErrorJSON, type OpsMergeErrorOptions } from './base.js';
import { MAY_HAVE_SUCCEEDED, bodySnippet, describeCause, describeRequest, stripQuery } from './describe.js';

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
    const header = (name: string): string | undefined => {
      const value = init.headers.get(name);
      return value === null ? undefined : safeText(value);
    };
    const requestId = header('x-request-id');
    const contentType = header('content-type');
    super(
      `${init.status}${describeRequest(init.method, init.path, requestId)}: the response body is not valid JSON (content-type: ${contentType ?? 'none'})`,
      init,
    );
    this.status = init.status;
    this.requestId = requestId;
    this.contentType = contentType;
    this.bodySnippet = bodySnippet(init.body, init.secrets);
    this.method = init.method.toUpperCase();
    this.path = safeText(stripQuery(init.path), 2000);
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
    this.path = safeText(stripQuery(init.path), 2000);
    this.mayHaveSucceeded = init.mayHaveSucceeded;
    this.status = init.status;
    this.requestId = init.requestId === undefined ? undefined : safeText(init.requestId);
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
    // `AbortSignal.timeout()` rejects with a DOMException named `TimeoutError` too: ours has `timeoutMs`.
    defineError(this, 'TimeoutError', ['timeoutMs', 'method', 'path', 'mayHaveSucceeded'], (value) => typeof value['timeoutMs'] === 'number');
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
    this.path = safeText(stripQuery(init.path), 2000);
    if (init.mayHaveSucceeded !== undefined) this.mayHaveSucceeded = init.mayHaveSucceeded;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface TimeoutError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): TimeoutErrorJSON;
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
