import type { RateLimitInfo } from '../headers/rate-limit.js';

/** A facade result with the HTTP details: see {@link APIPromise.withResponse}. */
export interface WithResponse<T> {
  /** The unwrapped `data`. */
  data: T;
  /** The raw response (its body already read). */
  response: Response;
  /** `X-Request-Id`: quote it to support. */
  requestId: string | undefined;
  /** The rate-limit headers of the response. */
  rateLimit: RateLimitInfo | undefined;
}

/**
 * The promise a facade call returns: await it for the data, or call `.withResponse()` for the
 * response, request id and rate-limit state as well. The request starts at once.
 */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #result: Promise<WithResponse<T>>;

  /** @internal */
  constructor(result: Promise<WithResponse<T>>) {
    this.#result = result;
    // The caller may only ever use withResponse(): keep an unobserved rejection quiet here.
    this.#result.catch(() => undefined);
  }

  /** Resolves to `{ data, response, requestId, rateLimit }`. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  /** Resolves to the unwrapped `data`. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  /** Handles the call's typed error. */
  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  /** Runs when the call settles. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  /** `'APIPromise'`. */
  get [Symbol.toStringTag](): string {
    return 'APIPromise';
  }
}
