/**
 * What the pipeline reads of a request. A Fetch `Request` (MSW in-process) is one; the HTTP
 * server passes a lighter object with the same members, since building a Fetch `Request`
 * (header validation, an `AbortSignal`) cost more than most operations. @internal
 */
export interface MockRequest {
  /** The absolute URL, with the path as sent. */
  readonly url: string;
  readonly method: string;
  /** Header values by case-insensitive name, repeated headers joined with `, ` (as Fetch does). */
  readonly headers: { get(name: string): string | null };
  /** The body (empty when none was sent or read). */
  arrayBuffer(): Promise<ArrayBuffer>;
}
