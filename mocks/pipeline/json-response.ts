/**
 * JSON responses that remember their text, so the HTTP server writes it as is instead of
 * reading the body stream of the Fetch `Response` back (a stream read per answer cost more than
 * serialising the body). MSW in-process reads the body as usual. @internal
 */

const texts = new WeakMap<Response, string>();

/** A JSON response: `Content-Type: application/json`, the body serialised once. */
export function jsonResponse(body: unknown, status: number, headers?: HeadersInit): Response {
  const text = JSON.stringify(body);
  const all = new Headers(headers);
  all.set('Content-Type', 'application/json');
  const response = new Response(text, { status, headers: all });
  texts.set(response, text);
  return response;
}

/** The body text of a response made by {@link jsonResponse}, else undefined. */
export function jsonText(response: Response): string | undefined {
  return texts.get(response);
}
