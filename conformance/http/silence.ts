/**
 * When a server stops answering, a conformance run stops asking. Every request of a run waits at
 * most its timeout; without a limit on how many in a row may time out, a server that hangs would
 * keep a run going for hours (each of hundreds of requests waiting out its timeout). The run's
 * parts share one {@link Silence}: each request reports whether an answer came in time, and once
 * `limit` requests in a row got none, nothing more is sent and what is left is reported as not
 * run, with the reason.
 */

/** Counts the requests in a row that got no answer in time. */
export class Silence {
  #unanswered = 0;

  /**
   * @param limit - requests in a row without an answer after which the run sends nothing more
   * @param timeoutMs - the run's wait for one answer, named in the reason
   */
  constructor(
    readonly limit: number,
    readonly timeoutMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the silence limit must be a whole number ≥ 1, got ${String(limit)}`);
  }

  /** An answer came: the count starts again. */
  answered(): void {
    this.#unanswered = 0;
  }

  /** A request got no answer within the timeout. */
  unanswered(): void {
    this.#unanswered += 1;
  }

  /** Why nothing more is sent, once `limit` requests in a row got no answer; undefined until then. */
  get stopped(): string | undefined {
    if (this.#unanswered < this.limit) return undefined;
    return `not run: the server stopped answering (${this.limit} requests in a row got no answer within ${formatSeconds(this.timeoutMs)})`;
  }
}

/** A duration as the run's messages print it: `30 s`, `0.3 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}

/** Whether `error` (from a fetch or a body read) means the request's time ran out, not a refused or reset connection. */
export function isTimeout(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  return error instanceof Error && (error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError'));
}
