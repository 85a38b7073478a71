/**
 * What a write run created, and how it goes away again: each created resource is deleted at the
 * end through the `links` of the response that created it (the first link to a DELETE
 * operation). A resource whose response links to no DELETE operation cannot be removed through
 * the API; it is counted as left behind, by operation, in the report.
 */
import type { RequestCase } from '../generate/cases.js';
import type { ReceivedResponse } from '../http/transport.js';
import { wireRequest } from '../http/wire.js';
import { specOperation, documentedResponse, type SpecOperation } from '../spec/operations.js';
import type { RunContext } from './context.js';
import { linkParameters, readPointer } from './links.js';

/** Answers to a cleanup DELETE that mean the resource is already gone (404, 410) or already in the state it puts it in (409 `ALREADY_REVOKED`). */
const ALREADY_GONE = new Set([404, 409, 410]);

/** A created resource and the DELETE that removes it. */
interface Removal {
  readonly op: SpecOperation;
  readonly path: Readonly<Record<string, string>>;
}

/** What the run created and has not removed yet. */
export class Cleanup {
  readonly #pending = new Map<string, Removal>();
  readonly #seen = new Set<string>();
  /** createOperationId → how many resources it made that cannot be deleted through the API. */
  readonly leftBehind = new Map<string, number>();
  /** How many created resources were deleted (by a chain, a generated case or the cleanup). */
  deleted = 0;

  /**
   * Notes what a 201 answer made; returns its id: the last parameter of the link to its DELETE,
   * else its `data.id`.
   */
  created(op: SpecOperation, request: RequestCase, response: ReceivedResponse): string | undefined {
    if (response.status !== 201) return undefined; // 200/202: an action or a job, not a new resource
    for (const link of documentedResponse(op, response.status)?.links ?? []) {
      const target = specOperation(link.operationId);
      const path = target.method === 'DELETE' ? linkParameters(link, request, response) : undefined;
      const id = path ? Object.values(path).at(-1) : undefined;
      if (path && id !== undefined) {
        if (!this.#seen.has(id)) this.#pending.set(id, { op: target, path });
        this.#seen.add(id);
        return id;
      }
    }
    const id = readPointer(response.json, '/data/id');
    if (typeof id !== 'string') return undefined;
    // Counted once: an idempotent replay answers with the same resource.
    if (!this.#seen.has(id)) this.leftBehind.set(op.operationId, (this.leftBehind.get(op.operationId) ?? 0) + 1);
    this.#seen.add(id);
    return id;
  }

  /** Notes that a created resource was deleted. */
  removed(id: string): void {
    if (this.#pending.delete(id)) this.deleted += 1;
  }

  /** The removal of a created resource, when it is still pending. */
  removalOf(id: string): Removal | undefined {
    return this.#pending.get(id);
  }

  /** Deletes everything still pending; their answers are judged like any other. */
  async run(ctx: RunContext): Promise<void> {
    for (const [id, removal] of [...this.#pending]) {
      const request = wireRequest({ operationId: removal.op.operationId, kind: 'positive', path: removal.path, query: {}, headers: {}, body: undefined, broke: undefined }, removal.op.method, removal.op.path, ctx.settings.baseUrl, ctx.credential);
      const exchange = await ctx.send(removal.op, request);
      ctx.check(removal.op, exchange, 'probe');
      const status = exchange.response?.status ?? 0;
      if (status >= 200 && status < 300) this.removed(id);
      else if (ALREADY_GONE.has(status)) this.#pending.delete(id);
      ctx.ids.forget(id);
    }
  }

  /** Resources still pending (their deletion failed). */
  get pending(): number {
    return this.#pending.size;
  }
}
