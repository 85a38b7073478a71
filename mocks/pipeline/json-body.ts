/**
 * A request body as JSON, held to what RFC 8259 and the API require: at most 1 MiB (413
 * `PAYLOAD_TOO_LARGE`), sent as `application/json` or `…+json` (no `Content-Type` is read as
 * JSON) in UTF-8 — a leading byte order mark is skipped, any other `charset` and any invalid
 * UTF-8 sequence are 400 `BAD_REQUEST` (never read as U+FFFD) — nested at most 64 levels
 * deep, without a repeated key in any object, and valid JSON. Anything else is 400.
 */
import { MockApiError } from './errors.js';
import { jsonShapeProblem } from './json-shape.js';
import { BODY_LIMIT_BYTES, JSON_DEPTH_LIMIT } from './limits.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a `Content-Type` is not JSON in UTF-8, or undefined when it is (or absent). */
function contentTypeProblem(value: string | null): string | undefined {
  if (value === null) return undefined;
  const [type = '', ...params] = value.split(';');
  const mediaType = type.trim().toLowerCase();
  if (mediaType !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(mediaType)) return `Content-Type must be application/json, got ${value}`;
  for (const param of params) {
    const [name = '', raw = ''] = param.split('=', 2);
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = raw.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return `JSON bodies are UTF-8 (RFC 8259 §8.1); charset ${charset || '(empty)'} is not accepted`;
  }
  return undefined;
}

/**
 * The JSON value of a request body, or undefined when the body is empty or only whitespace.
 * Throws the 400 or 413 {@link MockApiError} the API answers. A compressed body
 * (`Content-Encoding` other than `identity`) is 400: the API reads bodies as sent.
 */
export function parseJsonBody(bytes: Uint8Array, contentType: string | null, contentEncoding: string | null = null): unknown {
  if (bytes.byteLength > BODY_LIMIT_BYTES) throw new MockApiError('PAYLOAD_TOO_LARGE', `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes`);
  if (bytes.byteLength > 0 && contentEncoding !== null && contentEncoding.trim().toLowerCase() !== 'identity') {
    throw new MockApiError('BAD_REQUEST', `Content-Encoding ${contentEncoding} is not accepted: send the body uncompressed`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new MockApiError('BAD_REQUEST', 'Request body is not valid UTF-8');
  }
  if (text.trim() === '') return undefined;
  const typeProblem = contentTypeProblem(contentType);
  if (typeProblem) throw new MockApiError('BAD_REQUEST', typeProblem);
  const shape = jsonShapeProblem(text, JSON_DEPTH_LIMIT);
  if (shape?.kind === 'too-deep') throw new MockApiError('BAD_REQUEST', `Request body nests arrays and objects deeper than ${shape.limit} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MockApiError('BAD_REQUEST', 'Request body is not valid JSON');
  }
  if (shape?.kind === 'duplicate-key') throw new MockApiError('BAD_REQUEST', `Request body repeats the key ${JSON.stringify(shape.key)} at ${shape.pointer}`);
  return value;
}
