/**
 * What every part of a generated run shares: its settings, the transport, the ids it learned,
 * what it created, and the ledger of results. Every request goes through {@link RunContext.send}
 * (paced; statuses noted for the coverage index) and every failure through
 * {@link RunContext.report} (a curl line and a replay command).
 */
import { evaluate, type CaseKind } from '../checks/index.js';
import { CHECK_NAMES, type CheckName } from '../checks/names.js';
import type { Outcome } from '../checks/outcome.js';
import type { RequestCase } from '../generate/cases.js';
import { toCurl } from '../http/curl.js';
import type { Exchange, Transport } from '../http/transport.js';
import type { Credential, WireRequest } from '../http/wire.js';
import type { SpecOperation } from '../spec/operations.js';
import { Cleanup } from './cleanup.js';
import { IdPool } from './ids.js';
import { RunResults } from './results.js';

/** How much a run may do: generated cases per operation and kind, or a time for the whole run. */
export type Budget = { readonly kind: 'cases'; readonly cases: number } | { readonly kind: 'time'; readonly seconds: number };

/** The settings of a generated run. */
export interface RunSettings {
  /** The server, without `/v1`. */
  readonly baseUrl: string;
  /** The key of the run. */
  readonly apiKey: string;
  /** Whether the run may create, change and delete (what it created). */
  readonly write: boolean;
  /** Whether the server keeps state (false for Prism): stateful checks run only then. */
  readonly stateful: boolean;
  readonly seed: number;
  readonly budget: Budget;
  /** The checks to run. */
  readonly checks: ReadonlySet<CheckName>;
  /** The command line that replays an operation's cases. */
  readonly replay: (operationId: string) => string;
  /** Failed outcomes that are a known defect of the target, with the reason; undefined counts the failure. */
  readonly waive?: (op: SpecOperation, outcome: Outcome) => string | undefined;
  /** Generated cases not to send, with the reason (a known defect of the target); undefined sends it. */
  readonly skipCase?: (c: RequestCase) => string | undefined;
  /** Hears progress: operations done of all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The shared state of a generated run. */
export class RunContext {
  readonly results = new RunResults();
  readonly ids = new IdPool();
  readonly cleanup = new Cleanup();
  readonly credential: Credential;
  /** Every secret the run holds (its key, keys it created): reports are scrubbed of them. */
  readonly secrets: string[] = [];
  readonly #deadline: number | undefined;

  constructor(
    readonly settings: RunSettings,
    readonly transport: Transport,
  ) {
    this.credential = { kind: 'key', key: settings.apiKey };
    this.addSecret(settings.apiKey);
    this.#deadline = settings.budget.kind === 'time' ? Date.now() + settings.budget.seconds * 1000 : undefined;
  }

  /** Registers a secret the run came to hold. */
  addSecret(secret: string): void {
    if (secret.length >= 8 && !this.secrets.includes(secret)) this.secrets.push(secret);
  }

  /** Milliseconds left in a time budget (Infinity with a case budget). */
  timeLeft(): number {
    return this.#deadline === undefined ? Infinity : Math.max(0, this.#deadline - Date.now());
  }

  /** Whether `check` runs on `op`: selected, and not declared not applicable by the spec (noted as skipped). */
  applies(op: SpecOperation, check: CheckName): boolean {
    if (!this.settings.checks.has(check)) return false;
    const why = op.notApplicable[check];
    if (why === undefined) return true;
    this.results.skip(op.operationId, check, `does not apply (the spec's x-conformance): ${why}`);
    return false;
  }

  /** Sends a request of `op`, paced in its rate-limit group; notes its statuses for the coverage index. */
  async send(op: SpecOperation, request: WireRequest): Promise<Exchange> {
    const exchange = await this.transport.send(request, op.rateLimitGroup);
    for (const response of [...exchange.throttled, ...(exchange.response ? [exchange.response] : [])]) this.results.observe(op, response.status);
    return exchange;
  }

  /** The outcomes of every applicable check on an exchange, counted in the ledger (`c`: the case, for a positive one). */
  judge(op: SpecOperation, exchange: Exchange, kind: CaseKind, c?: RequestCase): Outcome[] {
    if (exchange.notSent !== undefined) {
      this.skipAll(op, exchange.notSent);
      return [];
    }
    const outcomes = this.#unwaived(op, evaluate(op, exchange, kind, (check) => this.applies(op, check), c));
    this.results.record(op.operationId, outcomes);
    return outcomes;
  }

  /** The outcomes that are not a waived known defect of the target (those are noted as waived). */
  #unwaived(op: SpecOperation, outcomes: readonly Outcome[]): Outcome[] {
    const waive = this.settings.waive;
    if (!waive) return [...outcomes];
    return outcomes.filter((o) => {
      const why = o.ok ? undefined : waive(op, o);
      if (why !== undefined) this.results.waive(o.check, why);
      return why === undefined;
    });
  }

  /** Notes every check of `op` as not run, with the reason (the server stopped answering). */
  skipAll(op: SpecOperation, reason: string): void {
    for (const check of CHECK_NAMES) this.results.skip(op.operationId, check, reason);
  }

  /** Judges an exchange and files each failure as it is (unshrunk). */
  check(op: SpecOperation, exchange: Exchange, kind: CaseKind, c?: RequestCase): Outcome[] {
    const outcomes = this.judge(op, exchange, kind, c);
    for (const outcome of outcomes) this.report(op, outcome, exchange, c?.broke);
    return outcomes;
  }

  /** Counts a probe's outcome and files it when it failed. */
  conclude(op: SpecOperation, outcome: Outcome, exchange: Exchange): void {
    if (exchange.notSent !== undefined) return this.skipAll(op, exchange.notSent);
    for (const o of this.#unwaived(op, [outcome])) {
      this.results.record(op.operationId, [o]);
      this.report(op, o, exchange);
    }
  }

  /** Files a failed outcome with its reproduction. */
  report(op: SpecOperation, outcome: Outcome, exchange: Exchange, broke?: string): void {
    if (outcome.ok) return;
    const { request } = exchange;
    this.results.fail({
      check: outcome.check,
      operationId: op.operationId,
      method: request.method,
      path: op.path,
      message: outcome.message ?? 'failed',
      broke,
      status: exchange.response?.status,
      curl: toCurl(request),
      replay: this.settings.replay(op.operationId),
      seed: this.settings.seed,
    });
  }
}
