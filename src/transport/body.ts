import type { CallContext } from './types.js';

const decoder = new TextDecoder();

/** The current attempt's response body as UTF-8 text, when the timeout policy read one. */
export function bodyText(context: CallContext): string | undefined {
  return context.responseBody === undefined ? undefined : decoder.decode(context.responseBody);
}

/**
 * A readable response with the body the timeout policy read, for readers that need a stream
 * (openapi-fetch parses low-level calls and error bodies itself). Built only for them: a new
 * body stream costs ~10–20 µs, more than the rest of the pipeline.
 */
export function withBody(response: Response, context: CallContext): Response {
  if (context.responseBody === undefined) return response;
  return new Response(context.responseBody, { status: response.status, statusText: response.statusText, headers: response.headers });
}
