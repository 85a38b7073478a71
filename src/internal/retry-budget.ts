/**
 * A client-side retry budget: a token bucket that stops retry storms.
 *
 * @packageDocumentation
 */
import { checkNumber, checkOptions } from './check.js';

/** Tuning for {@link RetryBudget}. The defaults are AWS SDK's standard retry mode. */
export interface RetryBudgetOptions {
  /**
   * Tokens in a full bucket, and the bucket's starting level.
   * @default 500
   */
  capacity?: number;
  /**
   * Tokens a retry after an error response or a connection failure costs.
   * @default 5
   */
  retryCost?: number;
  /**
   * Tokens a retry after a timeout costs. Higher than `retryCost`: a timing-out server
   * is the one most hurt by more load.
   * @default 10
   */
  timeoutCost?: number;
}

/** What the previous attempt failed with, which sets the price of retrying it. */
export type RetryKind = 'error' | 'timeout';

/** Tokens a success earns when it needed no retry. */
const NO_RETRY_INCREMENT = 1;

const checkCapacity = checkNumber({ min: 0, integer: true });
const checkCost = checkNumber({ min: 1, integer: true });

/**
 * A token bucket shared by every request of a client, modelled on AWS SDK's standard
 * retry mode ("retry quota"): each retry spends tokens, and when the bucket runs dry
 * retries are refused until successes refill it. When the server is down, a client
 * therefore stops multiplying its load after `capacity / retryCost` retries (100 by
 * default) instead of retrying every request `maxRetries` times.
 *
 * - {@link RetryBudget.acquire} before each retry: it takes `retryCost` (or
 *   `timeoutCost`) tokens, or refuses when fewer are left.
 * - {@link RetryBudget.onSuccess} when a call finally succeeds, with the tokens that call
 *   took: they are refunded; a call that needed no retry adds 1 token instead. The
 *   level never exceeds `capacity`.
 *
 * @example
 * ```ts
 * const budget = new RetryBudget();
 * let taken = 0;
 * // after a failed attempt:
 * const cost = budget.acquire('error');
 * if (cost === undefined) throw lastError; // budget spent: do not retry
 * taken += cost;
 * // after the call succeeds:
 * budget.onSuccess(taken);
 * ```
 */
export class RetryBudget {
  readonly #capacity: number;
  readonly #retryCost: number;
  readonly #timeoutCost: number;
  #available: number;

  /**
   * @param options - Capacity and costs, whole tokens; see {@link RetryBudgetOptions}.
   * @throws ConfigurationError naming the option when it is not a whole number (capacity ≥ 0,
   *   costs ≥ 1) or is unknown.
   */
  constructor(options: RetryBudgetOptions = {}) {
    checkOptions(options, { capacity: checkCapacity, retryCost: checkCost, timeoutCost: checkCost }, 'RetryBudget');
    this.#capacity = options.capacity ?? 500;
    this.#retryCost = options.retryCost ?? 5;
    this.#timeoutCost = options.timeoutCost ?? 10;
    this.#available = this.#capacity;
  }

  /** Tokens left in the bucket. */
  get available(): number {
    return this.#available;
  }

  /**
   * Takes the tokens for one retry.
   *
   * @param kind - `'timeout'` when the failed attempt timed out, `'error'` otherwise.
   * @returns The tokens taken (remember them for {@link RetryBudget.onSuccess}), or
   *   `undefined` when the bucket holds too few: the retry must not happen.
   */
  acquire(kind: RetryKind): number | undefined {
    const cost = kind === 'timeout' ? this.#timeoutCost : this.#retryCost;
    if (this.#available < cost) return undefined;
    this.#available -= cost;
    return cost;
  }

  /**
   * Records a successful call.
   *
   * @param tokensTaken - The sum of what {@link RetryBudget.acquire} returned for this
   *   call; 0 when it succeeded at the first attempt.
   * @throws ConfigurationError when `tokensTaken` is negative or not a whole number.
   */
  onSuccess(tokensTaken: number): void {
    checkCapacity(tokensTaken, 'tokensTaken');
    const refund = tokensTaken > 0 ? tokensTaken : NO_RETRY_INCREMENT;
    this.#available = Math.min(this.#capacity, this.#available + refund);
  }
}
