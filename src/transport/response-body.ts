/**
 * Response bodies: the one place a body is read, and what the pipeline makes of it.
 *
 * The terminal fetch step hands every response to {@link readResponse} before the attempt
 * resolves, so the attempt's deadline covers the body and a body broken mid-read is a typed
 * `ConnectionError` of that attempt. The body is read at most once, with a byte limit counted
 * after decompression (fetch decodes `Content-Encoding` itself, so a small gzip bomb inflates
 * while it is read): past the limit the stream is cancelled, which closes the connection. The
 * bytes are kept beside their response (see {@link bodyBytes}); policies that need them (a 429's
 * error body) and both ways in (the facade's direct call and the low-level `fetch`) read them
 * from there, parsed once.
 *
 * @packageDocumentation
 */
import { ConnectionError, ResponseParseError, ResponseTooLargeError } from '../errors/index.js';
import { scrubErrorChain } from '../internal/scrub-error.js';
import { isRedirect } from './auth.js';
import type { CallContext } from './types.js';

/** The default of `maxResponseBytes`: 10 MiB of decoded body. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The most of an error body (any status but 2xx) that is read; the rest is cut off. An error
 * envelope is a few hundred bytes and a proxy's error page a few kilobytes, so the cut only ever
 * meets a runaway body, and the status still becomes its typed error (and a 503 is retried).
 */
export const ERROR_BODY_LIMIT = 1024 * 1024;

// The bytes read for each response, kept beside it for as long as the response lives.
const bodies = new WeakMap<Response, Bytes>();
const decoder = new TextDecoder();
const ignore = (): undefined => undefined;

type Bytes = Uint8Array<ArrayBuffer>;

/**
 * Reads the body of an attempt's response, within `context.maxResponseBytes` for a success and
 * {@link ERROR_BODY_LIMIT} for anything else, and under the attempt's signal. Resolves to the
 * same response once its body is read (or, for a redirect the auth policy follows or refuses,
 * cancelled unread). A success past the limit rejects with `ResponseTooLargeError`; a longer
 * error body is cut at its limit.
 */
export async function readResponse(response: Response, context: CallContext): Promise<Response> {
  const body = response.body;
  if (body === null) return response; // HEAD, 204, 304, or a custom fetch's empty body
  const signal = context.attemptSignal;
  if (signal?.aborted || isRedirect(response)) {
    void body.cancel().catch(ignore);
    if (signal?.aborted) throw signal.reason;
    return response;
  }
  // An error body is cut at its limit rather than refused: its status still says what happened.
  const limit = response.ok ? context.maxResponseBytes : Math.min(context.maxResponseBytes, ERROR_BODY_LIMIT);
  let bytes: Bytes | undefined;
  try {
    bytes = await readAtMost(body, limit, !response.ok, signal);
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    throw bodyError(response, context, cause);
  }
  if (bytes === undefined) {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    throw new ResponseTooLargeError({ method: context.method, path: context.path, status: response.status, requestId, limitBytes: limit });
  }
  bodies.set(response, bytes);
  return response;
}

/**
 * Reads `response`'s body as UTF-8 text, at most `limit` bytes of it: `undefined` when it goes on
 * past them (the stream is then cancelled). For bodies read outside the request pipeline (the
 * OAuth endpoints). Rejects when the stream fails, or when `signal` aborts (with its reason).
 */
export async function readTextWithin(response: Response, limit: number, signal?: AbortSignal): Promise<string | undefined> {
  if (response.body === null) return '';
  const bytes = await readAtMost(response.body, limit, false, signal);
  return bytes === undefined ? undefined : decoder.decode(bytes);
}

/**
 * Reads a stream to its end. Past `limit` bytes it cancels the stream and returns the first
 * `limit` bytes when `cut`, else `undefined` (nothing past the limit is ever held). Stops when
 * `signal` aborts.
 */
async function readAtMost(body: ReadableStream<unknown>, limit: number, cut: boolean, signal: AbortSignal | undefined): Promise<Bytes | undefined> {
  const reader = body.getReader();
  const chunks: Bytes[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return concat(chunks, size);
      // A fetch that ignores its signal still stops at the next chunk once the attempt is over.
      if (signal?.aborted) throw signal.reason;
      if (!ArrayBuffer.isView(value)) throw new TypeError('the response body stream gave a chunk that is not bytes');
      const chunk = new Uint8Array(value.buffer as ArrayBuffer, value.byteOffset, value.byteLength);
      if (size + chunk.byteLength > limit) {
        void reader.cancel().catch(ignore); // closes the connection: the rest is never downloaded
        if (!cut) return undefined;
        chunks.push(chunk.subarray(0, limit - size));
        return concat(chunks, limit);
      }
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  } catch (error) {
    void reader.cancel().catch(ignore);
    throw error;
  }
}

function concat(chunks: readonly Bytes[], size: number): Bytes {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A body that broke while it was read: name the response, since its status and request id are what support needs. */
function bodyError(response: Response, context: CallContext, cause: unknown): ConnectionError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  return new ConnectionError({
    method: context.method,
    path: context.path,
    mayHaveSucceeded: true,
    status: response.status,
    requestId,
    cause: new Error(`the connection broke while reading the body of the ${response.status} response${requestId ? ` (request ${requestId})` : ''}`, {
      cause: scrubErrorChain(cause, context.scrub),
    }),
  });
}

/** The bytes {@link readResponse} read for a response; undefined when it had no body or it was not read. */
export function bodyBytes(response: Response): Bytes | undefined {
  return bodies.get(response);
}

/** A response's body as UTF-8 text (empty when it had none). */
export function bodyText(response: Response): string {
  const bytes = bodies.get(response);
  return bytes === undefined ? '' : decoder.decode(bytes);
}

// Statuses that have no body by definition (RFC 9110 §15.3.5, §15.3.6, §15.4.5).
const NO_BODY_STATUS = new Set([204, 205, 304]);

/** A success's JSON and the text it was parsed from. */
export interface SuccessBody {
  json: unknown;
  text: string;
}

/**
 * The JSON of a success and the text it was parsed from; `undefined` when the status or method
 * has no body. Every success the API documents is a JSON document, so an empty body or a proxy's
 * HTML page answering 200 is a broken response: a typed `ResponseParseError`, never a raw
 * SyntaxError nor a silent `undefined`.
 */
export function successBody(response: Response, context: CallContext): SuccessBody | undefined {
  if (NO_BODY_STATUS.has(response.status) || context.method === 'HEAD') return undefined;
  const text = bodyText(response);
  try {
    return { json: JSON.parse(text), text };
  } catch (cause) {
    throw new ResponseParseError({ status: response.status, method: context.method, path: context.path, headers: response.headers, body: text, cause });
  }
}

/**
 * An error response's body as openapi-fetch reports it: parsed JSON, else the text; undefined
 * when there is none (204, HEAD, `Content-Length: 0` without chunking), so the facade and the
 * low-level client see the same value.
 */
export function errorBody(response: Response, context: CallContext): unknown {
  const length = response.headers.get('content-length');
  if (response.status === 204 || context.method === 'HEAD' || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) return undefined;
  const text = bodyText(response);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
