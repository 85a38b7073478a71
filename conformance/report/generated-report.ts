/**
 * The report of a generated run, as data: per check and per operation how often it held and
 * failed (and why it did not run where it did not), every failure with its curl line and replay
 * command, the conformance index (documented responses exercised) and score (checks held), and
 * what the run left behind. Secrets are scrubbed here, once, before anything prints it.
 */
import { CHECK_DESCRIPTIONS, CHECK_NAMES, type CheckName } from '../checks/names.js';
import type { Budget, RunContext } from '../run/context.js';
import type { Failure, Tally } from '../run/results.js';
import { SPEC_OPERATIONS, type SpecOperation } from '../spec/operations.js';

/** One check over the whole run. */
export interface CheckSummary {
  readonly name: CheckName;
  readonly description: string;
  readonly held: number;
  readonly failed: number;
  /** Operations where it did not run, by reason. */
  readonly notRun: readonly { readonly reason: string; readonly operations: readonly string[] }[];
  /** Failures waived as known defects of the target, by reason (not counted as failed). */
  readonly waived: readonly { readonly reason: string; readonly count: number }[];
}

/** One operation of the spec. */
export interface OperationSummary {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Tallies of the checks that ran on it. */
  readonly checks: Readonly<Partial<Record<CheckName, Tally>>>;
  /** Checks that did not run on it, and why. */
  readonly notRun: Readonly<Partial<Record<CheckName, string>>>;
}

/** A documented response the run did not see, and why. */
export interface Unexercised {
  readonly operationId: string;
  readonly status: string;
  readonly reason: string;
}

/** The share of documented responses (operation × status) the run saw. */
export interface Coverage {
  /** exercised / documented, 0–1. */
  readonly index: number;
  readonly exercised: number;
  readonly documented: number;
  readonly unexercised: readonly Unexercised[];
}

/** The share of check outcomes that held. */
export interface Score {
  /** held / (held + failed), 0–1; 1 when nothing was checked. */
  readonly value: number;
  readonly held: number;
  readonly total: number;
}

/** The generated part of a conformance report. */
export interface GeneratedReport {
  readonly seed: number;
  readonly budget: Budget;
  readonly write: boolean;
  readonly stateful: boolean;
  /** Requests sent (429 retries and shrink steps included). */
  readonly requests: number;
  readonly checks: readonly CheckSummary[];
  readonly operations: readonly OperationSummary[];
  readonly failures: readonly Failure[];
  readonly coverage: Coverage;
  readonly score: Score;
  /** What write runs created: deleted again, failed to delete, or left behind (no DELETE in the spec), by creating operation. */
  readonly cleanup: { readonly deleted: number; readonly pending: number; readonly leftBehind: Readonly<Record<string, number>> };
}

/** Why an operation's documented response was not seen. */
function whyUnexercised(op: SpecOperation, status: string, skipped: ReadonlyMap<CheckName, string> | undefined, excluded: string | undefined): string {
  if (excluded) return excluded;
  const skip = (check: CheckName) => skipped?.get(check);
  if (status.startsWith('5')) return 'a server error: the run cannot, and should not be able to, cause one';
  if (status === '429') return "the run paces itself inside the key's rate limit";
  if (skipped && CHECK_NAMES.every((c) => skipped.get(c) === skipped.get('not_a_server_error')) && skipped.get('not_a_server_error')) return skipped.get('not_a_server_error')!;
  if (status === '401') return skip('ignored_auth') ?? 'no probe without valid credentials got it';
  if (status === '403') return skip('ignored_auth') ?? (op.scopes.length === 0 ? 'the operation needs no scope, and no role or plan limit was hit' : 'no key without the scope, role or plan limit got it');
  if (status === '409') return skip('idempotency') ?? 'no request met a conflicting state';
  if (status === '422' || status === '400') return skip('negative_data_rejection') ?? `no invalid request was answered ${status}`;
  if (status === '404') return op.parameters.some((p) => p.in === 'path') ? 'no request named a resource the server does not have' : 'the path names no resource';
  if (status.startsWith('2')) return skip('positive_data_acceptance') ?? 'no valid request succeeded';
  return 'not answered in this run';
}

/** Replaces each secret (and anything shaped like an OpsMerge key) in text. */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  return (text) => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out.replace(/\bom_(live|test)_[A-Za-z0-9]{6,}/g, (_m, env: string) => `om_${env}_[redacted]`);
  };
}

/**
 * Builds the report of a run over `selected` operations. `excluded` says why an operation of the
 * spec was not selected (internal, filtered out); the coverage index counts it as unexercised.
 */
export function generatedReport(ctx: RunContext, excluded: (op: SpecOperation) => string | undefined): GeneratedReport {
  const { results, settings } = ctx;
  const scrub = scrubber(ctx.secrets);
  const operations: OperationSummary[] = SPEC_OPERATIONS.map((op) => ({
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    checks: Object.fromEntries(results.tallies.get(op.operationId) ?? []),
    // An operation left out of the run may still have answered a chain or a probe of another.
    notRun: Object.fromEntries(
      excluded(op) ? CHECK_NAMES.filter((c) => !results.tallies.get(op.operationId)?.has(c)).map((c) => [c, excluded(op)!]) : (results.skipped.get(op.operationId) ?? []),
    ),
  }));
  const checks: CheckSummary[] = CHECK_NAMES.map((name) => {
    const byReason = new Map<string, string[]>();
    for (const op of operations) {
      const reason = op.notRun[name];
      if (reason !== undefined) byReason.set(reason, [...(byReason.get(reason) ?? []), op.operationId]);
    }
    const waived = [...(results.waived.get(name) ?? [])].map(([reason, count]) => ({ reason, count }));
    return { name, description: CHECK_DESCRIPTIONS[name], ...results.total(name), notRun: [...byReason].map(([reason, ops]) => ({ reason, operations: ops })), waived };
  });

  const unexercised: Unexercised[] = [];
  let documented = 0;
  for (const op of SPEC_OPERATIONS) {
    const seen = results.observed.get(op.operationId);
    for (const r of op.responses) {
      documented += 1;
      if (!seen?.has(r.key)) unexercised.push({ operationId: op.operationId, status: r.key, reason: whyUnexercised(op, r.key, results.skipped.get(op.operationId), excluded(op)) });
    }
  }
  const exercised = documented - unexercised.length;
  const held = checks.reduce((n, c) => n + c.held, 0);
  const total = held + checks.reduce((n, c) => n + c.failed, 0);
  return {
    seed: settings.seed,
    budget: settings.budget,
    write: settings.write,
    stateful: settings.stateful,
    requests: ctx.transport.sent,
    checks,
    operations,
    failures: results.failures.map((f) => ({ ...f, message: scrub(f.message), curl: scrub(f.curl), broke: f.broke === undefined ? undefined : scrub(f.broke) })),
    coverage: { index: documented === 0 ? 0 : exercised / documented, exercised, documented, unexercised },
    score: { value: total === 0 ? 1 : held / total, held, total },
    cleanup: { deleted: ctx.cleanup.deleted, pending: ctx.cleanup.pending, leftBehind: Object.fromEntries(ctx.cleanup.leftBehind) },
  };
}
