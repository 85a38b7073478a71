/** The limits the mock holds every request to (documented in the spec's `info.description`). */

/** The largest request body read: 1 MiB. A larger one is 413 `PAYLOAD_TOO_LARGE`. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The request line and headers together (Node's `maxHeaderSize`): 16 KiB. More is 431 `REQUEST_HEADERS_TOO_LARGE`. */
export const HEADER_LIMIT_BYTES = 16 * 1024;

/** The deepest nesting of arrays and objects in a JSON body: 64 levels. Deeper is 400 `BAD_REQUEST`. */
export const JSON_DEPTH_LIMIT = 64;
