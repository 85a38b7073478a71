/** `X-Request-Id` values: `req_` + 24 hex, deterministic per seed and request number. @internal */
import { sha256Hex } from '../store/sha256.js';

/** Hands out request ids in sequence. */
export class RequestIds {
  readonly #seed: number;
  #count = 0;

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** The next id. */
  next(): string {
    this.#count += 1;
    return `req_${sha256Hex(`${this.#seed}:${this.#count}`).slice(0, 24)}`;
  }

  /** Starts the sequence again. */
  reset(): void {
    this.#count = 0;
  }
}
