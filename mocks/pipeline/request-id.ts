/**
 * `X-Request-Id` values: `req_` + 24 hex digits, 96 random bits each, so ids are unique
 * across mock instances and runs (a partner's logs may mix several). @internal
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const BATCH = 64;

/** Hands out random request ids. */
export class RequestIds {
  // Random bytes are drawn for BATCH ids at once: one `getRandomValues` call instead of 64.
  readonly #pool = new Uint8Array(12 * BATCH);
  #used = BATCH;

  /** The next id. */
  next(): string {
    if (this.#used === BATCH) {
      crypto.getRandomValues(this.#pool);
      this.#used = 0;
    }
    const start = 12 * this.#used++;
    let id = 'req_';
    for (let i = start; i < start + 12; i++) id += HEX[this.#pool[i]!]!;
    return id;
  }
}
