/**
 * Failure scenarios tests can switch on, to see how a client copes:
 *
 * | name            | every matching request gets                                   |
 * |-----------------|---------------------------------------------------------------|
 * | `rate-limited`  | 429 `RATE_LIMITED` + `Retry-After` (default 1 s)              |
 * | `flaky`         | 503 `SERVICE_UNAVAILABLE` + `Retry-After: 1` for the first N (default 2) requests per operation, then normal answers |
 * | `outage`        | 503 `SERVICE_UNAVAILABLE` + `Retry-After` (default 30 s)       |
 * | `maintenance`   | 503 `MAINTENANCE` + `Retry-After` (default 600 s)             |
 * | `slow`          | the normal answer after `latencyMs` (default 1500 ms)         |
 * | `malformed`     | 200 with a body that is not valid JSON (the request is not run) |
 * | `network-error` | a network failure (`fetch` rejects)                            |
 *
 * Every scenario can be limited to some operations with `operations`.
 */
import type { OperationId } from '@opsmerge/sdk';
import type { RateState } from './pipeline/rate-limit.js';

/** The scenario names. */
export type ScenarioName = 'rate-limited' | 'flaky' | 'outage' | 'slow' | 'malformed' | 'network-error' | 'maintenance';

/** Every scenario name. */
export const SCENARIO_NAMES: readonly ScenarioName[] = ['rate-limited', 'flaky', 'outage', 'slow', 'malformed', 'network-error', 'maintenance'];

/** Options of a scenario. */
export interface ScenarioOptions {
  /** Only these operations are affected. @default every operation */
  readonly operations?: readonly OperationId[];
  /** `Retry-After` seconds of `rate-limited`, `outage`, `maintenance` (and `flaky`, default 1). */
  readonly retryAfterSeconds?: number;
  /** `flaky`: how many requests per operation fail before it answers normally. @default 2 */
  readonly failures?: number;
  /** `slow`: added latency in milliseconds. @default 1500 */
  readonly latencyMs?: number;
}

/** A scenario to start with, by name or with options. */
export type ScenarioSpec =
  | ScenarioName
  | ({
      /** The scenario to switch on. */
      readonly name: ScenarioName;
    } & ScenarioOptions);

interface Active {
  readonly name: ScenarioName;
  readonly options: ScenarioOptions;
  readonly failuresByOperation: Map<string, number>;
}

/** What the runner should do about a request. */
export type ScenarioEffect =
  | { readonly kind: 'error'; readonly code: 'RATE_LIMITED' | 'SERVICE_UNAVAILABLE' | 'MAINTENANCE'; readonly retryAfterSeconds: number; readonly message: string }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'network-error' };

/** The switched-on scenarios. */
export class Scenarios {
  readonly #active: Active[] = [];

  /** Switches a scenario on (replacing the same scenario's earlier options); returns `off`. */
  on(name: ScenarioName, options: ScenarioOptions = {}): () => void {
    if (!SCENARIO_NAMES.includes(name)) throw new TypeError(`Unknown scenario "${name}". Known: ${SCENARIO_NAMES.join(', ')}`);
    this.off(name);
    const entry: Active = { name, options, failuresByOperation: new Map() };
    this.#active.push(entry);
    return () => {
      const i = this.#active.indexOf(entry);
      if (i >= 0) this.#active.splice(i, 1);
    };
  }

  /** Switches a scenario (or, without a name, every scenario) off. */
  off(name?: ScenarioName): void {
    for (let i = this.#active.length - 1; i >= 0; i--) if (name === undefined || this.#active[i]!.name === name) this.#active.splice(i, 1);
  }

  /** Names of the scenarios that are on. */
  active(): ScenarioName[] {
    return this.#active.map((a) => a.name);
  }

  /** Latency to add before answering `operationId`, in ms. */
  latencyFor(operationId: string): number {
    const slow = this.#matching('slow', operationId);
    return slow ? (slow.options.latencyMs ?? 1500) : 0;
  }

  /** The effect on a request of `operationId`, or null to answer it normally. */
  effectFor(operationId: string): ScenarioEffect | null {
    if (this.#matching('network-error', operationId)) return { kind: 'network-error' };
    const outage = this.#matching('outage', operationId);
    if (outage) return { kind: 'error', code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: outage.options.retryAfterSeconds ?? 30, message: 'The service is temporarily unavailable' };
    const maintenance = this.#matching('maintenance', operationId);
    if (maintenance) {
      const seconds = maintenance.options.retryAfterSeconds ?? 600;
      return { kind: 'error', code: 'MAINTENANCE', retryAfterSeconds: seconds, message: `Planned maintenance; try again in ${seconds} seconds` };
    }
    const limited = this.#matching('rate-limited', operationId);
    if (limited) return { kind: 'error', code: 'RATE_LIMITED', retryAfterSeconds: limited.options.retryAfterSeconds ?? 1, message: 'API key rate limit exceeded' };
    const flaky = this.#matching('flaky', operationId);
    if (flaky) {
      const failed = flaky.failuresByOperation.get(operationId) ?? 0;
      if (failed < (flaky.options.failures ?? 2)) {
        flaky.failuresByOperation.set(operationId, failed + 1);
        return { kind: 'error', code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: flaky.options.retryAfterSeconds ?? 1, message: 'The service is temporarily unavailable' };
      }
    }
    if (this.#matching('malformed', operationId)) return { kind: 'malformed' };
    return null;
  }

  #matching(name: ScenarioName, operationId: string): Active | undefined {
    return this.#active.find((a) => a.name === name && (a.options.operations === undefined || (a.options.operations as readonly string[]).includes(operationId)));
  }
}

/** Normalises a {@link ScenarioSpec}. */
export function scenarioFromSpec(spec: ScenarioSpec): { name: ScenarioName; options: ScenarioOptions } {
  if (typeof spec === 'string') return { name: spec, options: {} };
  const { name, ...options } = spec;
  return { name, options };
}

/**
 * The `X-RateLimit-*` values of a `rate-limited` answer: nothing remains, and the window
 * resets exactly when `Retry-After` ends — `X-RateLimit-Reset` is the current epoch second
 * (as the `Date` header shows it) plus `Retry-After`, so a client reading either waits the
 * same time.
 */
export function rateLimitedState(limit: number, nowMs: number, retryAfterSeconds: number): RateState {
  return { limit, remaining: 0, resetEpochSeconds: Math.floor(nowMs / 1000) + retryAfterSeconds, retryAfterSeconds };
}
