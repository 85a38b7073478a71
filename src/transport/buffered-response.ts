/**
 * The low-level client's view of a response whose body the pipeline has read.
 *
 * @packageDocumentation
 */
import { bodyBytes } from './response-body.js';

/** What the pipeline already made of a body: openapi-fetch's first `json()` or `text()` gets it. */
export interface ReadBody {
  /** The parsed JSON; absent for a body only decoded as text (an error body). */
  json?: unknown;
  text: string;
}

/**
 * The response a low-level call hands to openapi-fetch, and openapi-fetch to the caller, over
 * the body the terminal fetch step already read. It reads like the response that came back (its
 * status, headers, URL, a body that can be read, cloned or streamed once). A plain
 * `new Response(bytes)` would do the same but costs a body stream per call (~9 µs,
 * bench/results.md "what the building blocks cost", more than the rest of the pipeline); this
 * class makes one only when a reader asks for it. The facade needs none of this: it takes the
 * parsed body from the direct call.
 *
 * openapi-fetch's first `json()` or `text()` is answered with what the pipeline already parsed or
 * decoded, so a body is parsed once. Each answer is given once; after it, and for every other
 * reader, the body is an ordinary unread one (a later `json()` parses a fresh copy).
 *
 * The class is made on first use, not at import: `extends Response` reads the global, and in
 * Node the first read of `Response` loads the whole fetch implementation (~25 ms), which
 * belongs to the first request, not to `import`.
 */
function defineBufferedResponse() {
  return class BufferedResponse extends Response {
    readonly #original: Response;
    readonly #bytes: Uint8Array<ArrayBuffer>;
    #answer: ReadBody | undefined;
    #copy: Response | undefined;

    constructor(original: Response, bytes: Uint8Array<ArrayBuffer>, answer?: ReadBody) {
      super(null, { status: original.status, statusText: original.statusText });
      this.#original = original;
      this.#bytes = bytes;
      this.#answer = answer;
    }

    /** The body as an ordinary response, made on first use; the one-shot answer is gone from then on. */
    #body(): Response {
      this.#answer = undefined;
      return (this.#copy ??= new Response(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers }));
    }

    override get headers(): Headers {
      return this.#original.headers;
    }

    override get url(): string {
      return this.#original.url;
    }

    override get redirected(): boolean {
      return this.#original.redirected;
    }

    override get body(): Response['body'] {
      return this.#body().body;
    }

    override get bodyUsed(): boolean {
      return this.#copy?.bodyUsed ?? false;
    }

    override json(): Promise<any> {
      const answer = this.#answer;
      this.#answer = undefined;
      return answer && 'json' in answer ? Promise.resolve(answer.json) : this.#body().json();
    }

    override text(): Promise<string> {
      const answer = this.#answer;
      this.#answer = undefined;
      return answer ? Promise.resolve(answer.text) : this.#body().text();
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.#body().arrayBuffer();
    }

    override blob(): Promise<Blob> {
      return this.#body().blob();
    }

    override formData(): Promise<FormData> {
      return this.#body().formData();
    }

    /** `Response.bytes()`, on every runtime (Node 20's Response has none). */
    override bytes(): ReturnType<Response['bytes']> {
      return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    }

    override clone(): Response {
      if (this.bodyUsed) return this.#body().clone(); // throws the runtime's TypeError, as any used Response does
      return new BufferedResponse(this, this.#bytes);
    }
  };
}

type BufferedResponseClass = ReturnType<typeof defineBufferedResponse>;
let bufferedResponse: BufferedResponseClass | undefined;

/**
 * The response handed to openapi-fetch: a `BufferedResponse` over the body the terminal step
 * read, or the response itself when it had no body.
 */
export function withBody(response: Response, answer?: ReadBody): Response {
  const bytes = bodyBytes(response);
  if (bytes === undefined) return response;
  bufferedResponse ??= defineBufferedResponse();
  return new bufferedResponse(response, bytes, answer);
}
