/**
 * Failures without a usable API answer: a body that is not JSON ({@link ResponseParseError}),
 * JSON that is not the documented envelope ({@link ResponseShapeError}), a body past the byte
 * limit ({@link ResponseTooLargeError}), a redirect not followed ({@link RedirectError}), no
 * response at all ({@link ConnectionError}), no response in time ({@link TimeoutError}).
 *
 * @packageDocumentation
 */
import { REDACTED, redactSecrets } from '../internal/redact.js';
import { boundedText } from '../internal/safe-json.js';
import { knownSecrets } from '../internal/secrets.js';
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

/** The fields a {@link ResponseTooLargeError} is built from. */
export interface ResponseTooLargeErrorInit extends OpsMergeErrorOptions {
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** HTTP status of the response whose body was too large. */
  status: number;
  /** `X-Request-Id` of that response. */
  requestId?: string | undefined;
  /** The limit that was passed, in decoded bytes (`maxResponseBytes`). */
  limitBytes: number;
}

/** What `ResponseTooLargeError#toJSON()` returns. */
export interface ResponseTooLargeErrorJSON extends OpsMergeErrorJSON {
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** HTTP status of the response. */
  status: number;
  /** Request id of the response, if any. */
  requestId: string | undefined;
  /** The limit, in decoded bytes. */
  limitBytes: number;
}

/**
 * The response body passed `maxResponseBytes` (counted after decompression), so the SDK stopped
 * reading it and closed the connection: a compression bomb, a runaway or endless body. Nothing of
 * the body is kept. The status is known; for a write, it says the server answered.
 */
export class ResponseTooLargeError extends OpsMergeError {
  static {
    defineError(this, 'ResponseTooLargeError', ['method', 'path', 'status', 'requestId', 'limitBytes']);
  }

  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request, never with its query string. */
  readonly path: string;
  /** HTTP status of the response whose body was too large. */
  readonly status: number;
  /** `X-Request-Id` of that response, when sent. */
  readonly requestId: string | undefined;
  /** The limit that was passed, in decoded bytes. */
  readonly limitBytes: number;

  /** @param init - The request, the response and the limit; see {@link ResponseTooLargeErrorInit}. */
  constructor(init: ResponseTooLargeErrorInit) {
    super(
      `${init.status}${describeRequest(init.method, init.path, init.requestId)}: the body passed maxResponseBytes (${init.limitBytes} bytes) and was not read further`,
      init,
    );
    this.method = init.method.toUpperCase();
    this.path = safeText(stripQuery(init.path), 2000);
    this.status = init.status;
    this.requestId = init.requestId === undefined ? undefined : safeText(init.requestId);
    this.limitBytes = init.limitBytes;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ResponseTooLargeError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ResponseTooLargeErrorJSON;
}

/** The fields a {@link ResponseShapeError} is built from. */
export interface ResponseShapeErrorInit extends OpsMergeErrorOptions {
  /** The operation (`auth_me`), or `METHOD /path` for a path the spec does not know. */
  operation: string;
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** HTTP status of the response. */
  status: number;
  /** Response headers: `X-Request-Id` is read from them. */
  headers: Headers;
  /** What the body lacks, e.g. `"data" (the body is null)` or `"data.items" as an array`. */
  problem: string;
}

/** What `ResponseShapeError#toJSON()` returns. */
export interface ResponseShapeErrorJSON extends OpsMergeErrorJSON {
  /** The operation. */
  operation: string;
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** HTTP status. */
  status: number;
  /** The request id, when known. */
  requestId: string | undefined;
  /** What the body lacks. */
  problem: string;
}

/**
 * A success whose JSON body is not the envelope the API documents: no `{"data": {…}}`, or a list
 * page without its `items` array and `total`, `page`, `per_page` whole numbers. Only the
 * envelope is checked, not every field of the data: something other than the API answered, or
 * the API broke its contract.
 */
export class ResponseShapeError extends OpsMergeError {
  static {
    defineError(this, 'ResponseShapeError', ['operation', 'method', 'path', 'status', 'requestId', 'problem']);
  }

  /** The operation (`auth_me`), or `METHOD /path` for a path the spec does not know. */
  readonly operation: string;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request, never with its query string. */
  readonly path: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** `X-Request-Id` of the response, when sent. */
  readonly requestId: string | undefined;
  /** What the body lacks, scrubbed of secrets. */
  readonly problem: string;

  /** @param init - The operation, the response and the problem; see {@link ResponseShapeErrorInit}. */
  constructor(init: ResponseShapeErrorInit) {
    const header = init.headers.get('x-request-id');
    const requestId = header === null ? undefined : safeText(header);
    const problem = safeText(init.problem, 500);
    super(`${init.status}${describeRequest(init.method, init.path, requestId)}: not the envelope ${init.operation} documents: it needs ${problem}`, init);
    this.operation = init.operation;
    this.method = init.method.toUpperCase();
    this.path = safeText(stripQuery(init.path), 2000);
    this.status = init.status;
    this.requestId = requestId;
    this.problem = problem;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ResponseShapeError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ResponseShapeErrorJSON;
}

/** Why a redirect was not followed. */
export type RedirectRefusal =
  /** To another origin (scheme, host or port), and `followCrossOriginRedirects` is off. */
  | 'cross-origin'
  /** From `https:` down to `http:`: never followed. */
  | 'insecure'
  /** The `Location` carries the credential: never followed. */
  | 'credential-in-location'
  /** The `Location` is not a URL (or not an http(s) one). */
  | 'invalid-location'
  /** More redirects in a row than the SDK follows (a loop). */
  | 'too-many';

/** The fields a {@link RedirectError} is built from. */
export interface RedirectErrorInit extends OpsMergeErrorOptions {
  /** HTTP method of the request. */
  method: string;
  /** Path template or URL path of the request. */
  path: string;
  /** The redirect's status (301, 302, 303, 307 or 308). */
  status: number;
  /** The `Location`, resolved against the request URL where possible; scrubbed before it is kept. */
  location: string;
  /** Why it was not followed. */
  reason: RedirectRefusal;
  /** `X-Request-Id` of the redirect response. */
  requestId?: string | undefined;
  /** Known secrets to scrub from the location (the key), besides key-shaped ones. */
  secrets?: readonly string[];
}

/** What `RedirectError#toJSON()` returns. */
export interface RedirectErrorJSON extends OpsMergeErrorJSON {
  /** HTTP method. */
  method: string;
  /** Path without query string. */
  path: string;
  /** The redirect's status. */
  status: number;
  /** The scrubbed `Location`. */
  location: string;
  /** Why it was not followed. */
  reason: RedirectRefusal;
  /** The request id, when known. */
  requestId: string | undefined;
}

/**
 * The API answered with a redirect the SDK does not follow: to another origin (unless
 * `followCrossOriginRedirects` is on), from https to http, with the credential in its
 * `Location`, to something that is not a URL, or one redirect too many. `location` names where
 * it pointed, with credentials and query values removed.
 */
export class RedirectError extends OpsMergeError {
  static {
    defineError(this, 'RedirectError', ['method', 'path', 'status', 'location', 'reason', 'requestId']);
  }

  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request, never with its query string. */
  readonly path: string;
  /** The redirect's status. */
  readonly status: number;
  /** Where the redirect pointed: credentials and query values replaced by `REDACTED`. */
  readonly location: string;
  /** Why it was not followed. */
  readonly reason: RedirectRefusal;
  /** `X-Request-Id` of the redirect response, when sent. */
  readonly requestId: string | undefined;

  /** @param init - The request, the redirect and the reason; see {@link RedirectErrorInit}. */
  constructor(init: RedirectErrorInit) {
    const location = scrubLocation(init.location, init.secrets ?? []);
    super(`Redirect not followed${describeRequest(init.method, init.path, init.requestId)}: ${init.status} to ${location} (${REFUSALS[init.reason]})`, init);
    this.method = init.method.toUpperCase();
    this.path = safeText(stripQuery(init.path), 2000);
    this.status = init.status;
    this.location = location;
    this.reason = init.reason;
    this.requestId = init.requestId === undefined ? undefined : safeText(init.requestId);
  }
}

/**
 * A `Location` as an error may show it: scheme, host, port and path, each query value replaced by
 * `REDACTED`, no userinfo, no fragment, known and key-shaped secrets removed. A path that hides a
 * secret only once percent-decoded is replaced whole.
 */
function scrubLocation(location: string, given: readonly string[]): string {
  const secrets = [...given, knownSecrets];
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return redactSecrets(stripQuery(location).slice(0, 200), secrets);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol}${REDACTED}`;
  let decoded = url.pathname;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    // malformed escapes: the raw path is checked below
  }
  const path = redactSecrets(decoded, secrets) === decoded ? redactSecrets(url.pathname, secrets) : `/${REDACTED}`;
  const query = [...url.searchParams.keys()].map((name) => `${encodeURIComponent(redactSecrets(name, secrets))}=${REDACTED}`).join('&');
  // The origin too: a host can be made of a secret (`https://<key>.example/`).
  return boundedText(`${url.origin}${path}${query === '' ? '' : `?${query}`}`, 2000, (text) => redactSecrets(text, secrets));
}

const REFUSALS: Record<RedirectRefusal, string> = {
  'cross-origin': 'another origin: see followCrossOriginRedirects',
  insecure: 'https to http',
  'credential-in-location': 'it carries the credential',
  'invalid-location': 'not an http(s) URL',
  'too-many': 'a loop',
};

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface RedirectError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): RedirectErrorJSON;
}

/** Whether `value` is a {@link ResponseTooLargeError}. */
export function isResponseTooLargeError(value: unknown): value is ResponseTooLargeError {
  return isError(value, ResponseTooLargeError);
}

/** Whether `value` is a {@link ResponseShapeError}. */
export function isResponseShapeError(value: unknown): value is ResponseShapeError {
  return isError(value, ResponseShapeError);
}

/** Whether `value` is a {@link RedirectError}. */
export function isRedirectError(value: unknown): value is RedirectError {
  return isError(value, RedirectError);
}
