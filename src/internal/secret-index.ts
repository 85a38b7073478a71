/**
 * The known secrets, indexed so that finding them in a text costs one pass over the text
 * however many secrets there are, and finds a secret whole or in pieces.
 *
 * @internal
 * @packageDocumentation
 */

// Each secret is cut into aligned chunks of this many characters. A piece of a secret that is at
// least 2·CHUNK − 1 characters long contains one of them whole, wherever it was cut.
const CHUNK = 8;

/**
 * The shortest piece of a secret that is hidden on its own (a server that splits a token across
 * two fields). Shorter pieces look like ordinary text and are left alone; a whole secret shorter
 * than this is still hidden.
 */
export const MIN_FRAGMENT = 2 * CHUNK - 1;

// Chunks are taken from this many leading characters of a secret: a huge value (a hostile token
// endpoint) cannot grow the index without bound. A secret matched from one of these chunks is
// still followed to its end.
const MAX_INDEXED_LENGTH = 4096;

interface Hit {
  readonly secret: string;
  readonly offset: number;
}

/**
 * The first three characters of a chunk (or of a text position) folded into a small integer: a
 * cheap filter before a text position is sliced and looked up. Two prefixes may fold alike; the
 * lookup that follows decides.
 */
function prefixAt(text: string, at: number): number {
  return ((text.charCodeAt(at) & 0xff) << 16) | ((text.charCodeAt(at + 1) & 0xff) << 8) | (text.charCodeAt(at + 2) & 0xff);
}

/** The aligned chunks of a secret's indexed part, with their offsets. */
function chunksOf(secret: string): Array<readonly [string, number]> {
  const chunks: Array<readonly [string, number]> = [];
  const indexed = Math.min(secret.length, MAX_INDEXED_LENGTH);
  for (let offset = 0; offset + CHUNK <= indexed; offset += CHUNK) chunks.push([secret.slice(offset, offset + CHUNK), offset]);
  return chunks;
}

/** A `[start, end)` span of a text. */
export type Range = readonly [number, number];

/**
 * A bounded set of secrets to look for, least recently added dropped first.
 *
 * Secrets of {@link CHUNK} characters or more are found whole and in pieces of at least
 * {@link MIN_FRAGMENT} characters; shorter ones are found whole.
 */
export class SecretIndex {
  readonly #capacity: number;
  /** Insertion order is recency: `add` moves a secret to the end. */
  readonly #secrets = new Set<string>();
  /** The secrets shorter than a chunk, matched whole. */
  readonly #short = new Set<string>();
  readonly #chunks = new Map<string, Hit[]>();
  /** How many chunks start with each {@link prefixAt} value. */
  readonly #prefixes = new Map<number, number>();

  /** @param capacity - How many secrets are kept; adding one more drops the least recent. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** How many secrets are held. */
  get size(): number {
    return this.#secrets.size;
  }

  /** Adds `secret` (or marks it as the most recent); an empty string is ignored. */
  add(secret: string): void {
    if (secret === '') return;
    if (this.#secrets.delete(secret)) {
      this.#secrets.add(secret);
      return;
    }
    this.#secrets.add(secret);
    if (secret.length < CHUNK) this.#short.add(secret);
    for (const [chunk, offset] of chunksOf(secret)) {
      const hits = this.#chunks.get(chunk);
      if (hits) hits.push({ secret, offset });
      else this.#chunks.set(chunk, [{ secret, offset }]);
      const prefix = prefixAt(chunk, 0);
      this.#prefixes.set(prefix, (this.#prefixes.get(prefix) ?? 0) + 1);
    }
    if (this.#secrets.size > this.#capacity) this.#drop(this.#secrets.values().next().value as string);
  }

  #drop(secret: string): void {
    this.#secrets.delete(secret);
    this.#short.delete(secret);
    for (const [chunk] of chunksOf(secret)) {
      const kept = (this.#chunks.get(chunk) ?? []).filter((hit) => hit.secret !== secret);
      if (kept.length === 0) this.#chunks.delete(chunk);
      else this.#chunks.set(chunk, kept);
      const prefix = prefixAt(chunk, 0);
      const count = (this.#prefixes.get(prefix) ?? 1) - 1;
      if (count === 0) this.#prefixes.delete(prefix);
      else this.#prefixes.set(prefix, count);
    }
  }

  /**
   * Where secrets occur in `text`: each whole occurrence, and each run of at least
   * {@link MIN_FRAGMENT} characters that matches a piece of a secret. Ranges may overlap.
   */
  find(text: string): Range[] {
    const ranges: Range[] = [];
    for (const secret of this.#short) {
      // Step by one, not by the secret's length: overlapping occurrences ("aa" in "aaa") count.
      for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) ranges.push([at, at + secret.length]);
    }
    if (this.#chunks.size === 0) return ranges;
    for (let at = 0; at + CHUNK <= text.length; at += 1) {
      if (!this.#prefixes.has(prefixAt(text, at))) continue;
      const hits = this.#chunks.get(text.slice(at, at + CHUNK));
      if (hits === undefined) continue;
      for (const { secret, offset } of hits) {
        // Follow the match out from the chunk in both directions.
        let start = at;
        let end = at + CHUNK;
        for (let from = offset; start > 0 && from > 0 && text[start - 1] === secret[from - 1]; from -= 1) start -= 1;
        for (let to = offset + CHUNK; end < text.length && to < secret.length && text[end] === secret[to]; to += 1) end += 1;
        if (end - start >= Math.min(MIN_FRAGMENT, secret.length)) ranges.push([start, end]);
      }
    }
    return ranges;
  }
}
