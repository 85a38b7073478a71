/**
 * `Idempotency-Key` on POSTs (DESIGN.md "Idempotency"): a repeat with the same key and
 * the same request replays the first 2xx result; the same key with a different request is
 * 409 `CONFLICT`; a repeat while the first is still running is 409 too. Keys are scoped
 * to the API key and kept 24 hours. Errors are not stored, so a failed request can be
 * retried with its key.
 */

/** A stored result. */
export interface StoredResult {
  readonly status: number;
  readonly body: string;
  /** Headers worth replaying (`Location`, `Content-Type`). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/** What the store knows of a key. */
export type IdempotencyLookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly result: StoredResult }
  | { readonly kind: 'conflict'; readonly reason: 'different-request' | 'in-flight' };

interface Entry {
  fingerprint: string;
  storedAt: number;
  result: StoredResult | null;
}

const TTL_MS = 24 * 3_600_000;

/** Stable JSON with sorted keys, so key order does not change a fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Idempotency records per API key. */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();

  /** Looks a key up; a `new` key is marked in flight until {@link complete} or {@link abandon}. */
  begin(scope: string, key: string, fingerprint: string, now: number): IdempotencyLookup {
    const id = `${scope}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry && now - entry.storedAt < TTL_MS) {
      if (entry.fingerprint !== fingerprint) return { kind: 'conflict', reason: 'different-request' };
      if (entry.result === null) return { kind: 'conflict', reason: 'in-flight' };
      return { kind: 'replay', result: entry.result };
    }
    this.#entries.set(id, { fingerprint, storedAt: now, result: null });
    return { kind: 'new' };
  }

  /** Stores the result of a request that began as `new`. */
  complete(scope: string, key: string, result: StoredResult): void {
    const entry = this.#entries.get(`${scope}\u0000${key}`);
    if (entry) entry.result = result;
  }

  /** Forgets a key whose request failed, so it can be retried. */
  abandon(scope: string, key: string): void {
    this.#entries.delete(`${scope}\u0000${key}`);
  }

  /** Forgets everything. */
  reset(): void {
    this.#entries.clear();
  }
}
