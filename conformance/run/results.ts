/**
 * What a generated run found: per operation and check, how often it held and failed; the first
 * failure of each (check, operation) with its reproduction; the statuses each operation was seen
 * to answer (for the coverage index); and why a check did not run where it did not.
 */
import type { CheckName } from '../checks/names.js';
import type { Outcome } from '../checks/outcome.js';
import type { SpecOperation } from '../spec/operations.js';
import { documentedResponse } from '../spec/operations.js';

/** How often a check held and failed. */
export interface Tally {
  held: number;
  failed: number;
}

/** A failed check, reduced to what a partner needs to see and replay it. */
export interface Failure {
  readonly check: CheckName;
  /** The operation (for `unsupported_method`, the first operation of the path). */
  readonly operationId: string;
  /** The request's method and path template. */
  readonly method: string;
  readonly path: string;
  /** What was wrong. */
  readonly message: string;
  /** For a negative case: what the request broke. */
  readonly broke: string | undefined;
  /** The status the reproduction was answered with (undefined: no answer). */
  readonly status: number | undefined;
  /** The minimal request, as one line of curl (the key is `$OPSMERGE_API_KEY`). */
  readonly curl: string;
  /** The command line that runs the same cases again. */
  readonly replay: string;
  /** The seed of the run. */
  readonly seed: number;
  /** How many times the check failed on this operation in the run. */
  occurrences: number;
}

/** The ledger of a generated run. */
export class RunResults {
  /** operationId → check → tally. */
  readonly tallies = new Map<string, Map<CheckName, Tally>>();
  /** The first (shrunk) failure of each check on each operation. */
  readonly failures: Failure[] = [];
  /** operationId → the documented response keys (`200`, `4XX`) it answered with. */
  readonly observed = new Map<string, Set<string>>();
  /** operationId → check → why it did not run there. */
  readonly skipped = new Map<string, Map<CheckName, string>>();
  /** check → reason → how many failures were waived as a known defect of the target. */
  readonly waived = new Map<CheckName, Map<string, number>>();

  /** Counts outcomes of an operation; a failed one without a failure on file is counted only. */
  record(operationId: string, outcomes: readonly Outcome[]): void {
    let byCheck = this.tallies.get(operationId);
    if (!byCheck) this.tallies.set(operationId, (byCheck = new Map()));
    for (const o of outcomes) {
      const tally = byCheck.get(o.check) ?? { held: 0, failed: 0 };
      if (o.ok) tally.held += 1;
      else tally.failed += 1;
      byCheck.set(o.check, tally);
    }
  }

  /** Files a failure unless one of the same check and operation is on file (then counts it). */
  fail(failure: Omit<Failure, 'occurrences'>): void {
    const existing = this.failures.find((f) => f.check === failure.check && f.operationId === failure.operationId);
    if (existing) existing.occurrences += 1;
    else this.failures.push({ ...failure, occurrences: 1 });
  }

  /** Whether a failure of `check` on `operationId` is on file. */
  hasFailure(check: CheckName, operationId: string): boolean {
    return this.failures.some((f) => f.check === check && f.operationId === operationId);
  }

  /** Notes why `check` did not run on an operation (the first reason stays). */
  skip(operationId: string, check: CheckName, reason: string): void {
    let byCheck = this.skipped.get(operationId);
    if (!byCheck) this.skipped.set(operationId, (byCheck = new Map()));
    if (!byCheck.has(check)) byCheck.set(check, reason);
  }

  /** Counts a failure waived as a known defect of the target. */
  waive(check: CheckName, reason: string): void {
    let byReason = this.waived.get(check);
    if (!byReason) this.waived.set(check, (byReason = new Map()));
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }

  /** Notes that an operation answered `status` (counted for the documented response it falls under). */
  observe(op: SpecOperation, status: number): void {
    const documented = documentedResponse(op, status);
    if (!documented) return;
    let seen = this.observed.get(op.operationId);
    if (!seen) this.observed.set(op.operationId, (seen = new Set()));
    seen.add(documented.key);
  }

  /** The tally of a check over every operation. */
  total(check: CheckName): Tally {
    const sum = { held: 0, failed: 0 };
    for (const byCheck of this.tallies.values()) {
      const t = byCheck.get(check);
      if (t) {
        sum.held += t.held;
        sum.failed += t.failed;
      }
    }
    return sum;
  }
}
