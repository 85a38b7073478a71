/**
 * Ids the run has seen, so that generated references point at something: ids the server listed
 * (used by reads and in request bodies) and ids of what the run created. A write names by path
 * only what the run created, for every kind of resource the API lets it create (a DELETE
 * always); other resources — agents, alerts, scripts, tenants — it acts on as they are.
 */
import { deref } from '../spec/document.js';
import { idPrefix, isId } from '../spec/ids.js';
import type { HttpMethod, SpecOperation } from '../spec/operations.js';

/**
 * The kinds of resource the API lets a client create: the id prefixes of the path parameters
 * that the links of a POST's success response fill (a created ticket links to `tickets_get`,
 * whose `ticket_id` is `^tkt_…`).
 */
export function creatablePrefixes(operations: readonly SpecOperation[]): Set<string> {
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const out = new Set<string>();
  for (const op of operations) {
    if (op.method !== 'POST') continue;
    for (const link of op.responses.filter((r) => r.key.startsWith('2')).flatMap((r) => r.links)) {
      for (const p of byId.get(link.operationId)?.parameters ?? []) {
        const pattern = deref(p.schema)['pattern'];
        const prefix = typeof pattern === 'string' ? /^\^([a-z]+)_/.exec(pattern)?.[1] : undefined;
        // Only parameters filled from the response name something the POST made.
        const filled = Object.entries(link.parameters).some(([k, expression]) => k.replace(/^path\./, '') === p.name && expression.startsWith('$response.'));
        if (p.in === 'path' && prefix !== undefined && filled) out.add(prefix);
      }
    }
  }
  return out;
}

/** A resource as the server listed it. */
export type ResourceRecord = Readonly<Record<string, unknown>>;

/** The resources in a JSON value (objects with an id-shaped `id`), by id. */
export function recordsIn(value: unknown, out = new Map<string, ResourceRecord>()): Map<string, ResourceRecord> {
  if (Array.isArray(value)) {
    for (const item of value) recordsIn(item, out);
  } else if (value !== null && typeof value === 'object') {
    const id = (value as Record<string, unknown>)['id'];
    if (isId(id) && !out.has(id)) out.set(id, value as ResourceRecord);
    for (const item of Object.values(value)) recordsIn(item, out);
  }
  return out;
}

/** The ids of a run. */
export class IdPool {
  readonly #known = new Set<string>();
  readonly #records = new Map<string, ResourceRecord>();
  readonly #owned = new Set<string>();
  readonly #excluded = new Set<string>();

  /** Ids the server has, in the order they were first seen. */
  get known(): readonly string[] {
    return [...this.#known];
  }

  /** Ids of what the run created. */
  get owned(): readonly string[] {
    return [...this.#owned];
  }

  /** The resources the server listed, by id (to keep references consistent: a contact's client). */
  get records(): ReadonlyMap<string, ResourceRecord> {
    return this.#records;
  }

  /** Adds every resource in a response body the server sent. */
  learn(body: unknown): void {
    for (const [id, record] of recordsIn(body)) {
      if (this.#excluded.has(id)) continue;
      this.#known.add(id);
      if (!this.#records.has(id)) this.#records.set(id, record);
    }
  }

  /** Adds the id of something the run created. */
  own(id: string): void {
    if (this.#excluded.has(id)) return;
    this.#owned.add(id);
    this.#known.add(id);
  }

  /** Forgets an id that is gone (deleted). */
  forget(id: string): void {
    this.#owned.delete(id);
    this.#known.delete(id);
  }

  /**
   * The ids a path parameter of a `method` operation may take: any known one for a read; only
   * the run's own for a DELETE and for kinds it can create; known ones of other kinds.
   */
  forPath(method: HttpMethod, creatable: ReadonlySet<string>): readonly string[] {
    if (method === 'GET') return this.known;
    if (method === 'DELETE') return this.owned;
    return [...this.owned, ...this.known.filter((id) => !creatable.has(idPrefix(id) ?? '') && !this.#owned.has(id))];
  }

  /** Never offers this id (the run's own key, which a generated write must not revoke). */
  exclude(id: string): void {
    this.#excluded.add(id);
    this.forget(id);
  }
}
