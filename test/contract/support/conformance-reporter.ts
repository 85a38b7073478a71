/**
 * The partner conformance run's vitest reporter: one line per operation of the spec —
 * `operationId  METHOD path  PASS | FAIL (reason) | SKIP (reason)` — then one line per stateful
 * flow, a summary, and the full message of every failure. Used by scripts/contract.ts.
 */
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';
import { operations, type OperationInfo } from '../../../generated/operations.js';
import type { ContractMeta } from './run.js';

type Verdict = 'PASS' | 'FAIL' | 'SKIP';

interface Row {
  verdict: Verdict;
  reasons: string[];
  failures: string[];
}

const RANK: Record<Verdict, number> = { SKIP: 0, PASS: 1, FAIL: 2 };

function oneLine(text: string, max = 140): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

function merge(row: Row | undefined, verdict: Verdict, reason: string | undefined, failure: string | undefined): Row {
  const next = row ?? { verdict, reasons: [], failures: [] };
  if (RANK[verdict] > RANK[next.verdict]) {
    next.verdict = verdict;
    next.reasons = [];
  }
  if (verdict === next.verdict && reason && !next.reasons.includes(reason)) next.reasons.push(reason);
  if (failure) next.failures.push(failure);
  return next;
}

/** Options: what the header line says. */
export interface ConformanceReporterOptions {
  readonly baseUrl: string;
  readonly write: boolean;
  readonly out?: (line: string) => void;
}

export class ConformanceReporter implements Reporter {
  /** True once the run is over and anything failed (or nothing ran). */
  failed = false;
  readonly #options: ConformanceReporterOptions;
  readonly #out: (line: string) => void;

  constructor(options: ConformanceReporterOptions) {
    this.#options = options;
    this.#out = options.out ?? ((line) => process.stdout.write(`${line}\n`));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const ops = new Map<string, Row>();
    const flows = new Map<string, Row>();
    const problems: string[] = [];

    for (const module of testModules) {
      for (const error of module.errors()) problems.push(`${module.relativeModuleId}: ${error.message}`);
      for (const test of module.children.allTests()) {
        const meta = test.meta().contract as ContractMeta | undefined;
        if (!meta) continue;
        const result = test.result();
        const verdict: Verdict = result.state === 'passed' ? 'PASS' : result.state === 'failed' ? 'FAIL' : 'SKIP';
        let reason: string | undefined;
        let failure: string | undefined;
        if (result.state === 'failed') {
          const message = result.errors[0]?.message ?? 'failed';
          reason = meta.kind === 'operation' ? oneLine(message) : oneLine(message, 100);
          failure = `${meta.kind === 'flow' ? `flow "${meta.title}"` : `${meta.operationId} ${meta.title}`}:\n    ${result.errors.map((e) => e.message).join('\n    ')}`;
        } else if (result.state === 'skipped') {
          reason = result.note ?? 'skipped';
        }
        if (meta.kind === 'flow') flows.set(meta.title, merge(flows.get(meta.title), verdict, reason, failure));
        else ops.set(meta.operationId, merge(ops.get(meta.operationId), verdict, reason, failure));
      }
    }
    for (const error of unhandledErrors) problems.push(`unhandled error: ${error.message}`);

    const all = Object.values(operations) as OperationInfo[];
    const idWidth = Math.max(...all.map((o) => o.operationId.length)) + 2;
    const route = (o: OperationInfo): string => `${o.method.padEnd(7)}${o.path}`;
    const routeWidth = Math.max(...all.map((o) => route(o).length)) + 2;
    const line = (verdict: Verdict, reasons: readonly string[]): string => `${verdict}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;

    this.#out('');
    this.#out(`OpsMerge API conformance — ${this.#options.baseUrl} — ${this.#options.write ? 'read and write operations (CONTRACT_WRITE=1)' : 'read-only operations (CONTRACT_WRITE=1 adds writes)'}`);
    this.#out('');
    this.#out(`${'operationId'.padEnd(idWidth)}${`${'method'.padEnd(7)}path`.padEnd(routeWidth)}result`);
    const counts: Record<Verdict, number> = { PASS: 0, FAIL: 0, SKIP: 0 };
    const failures: string[] = [];
    for (const op of all.sort((a, b) => a.operationId.localeCompare(b.operationId))) {
      const row = ops.get(op.operationId) ?? { verdict: 'FAIL' as const, reasons: ['no contract test ran for this operation'], failures: [] };
      counts[row.verdict] += 1;
      failures.push(...row.failures);
      this.#out(`${op.operationId.padEnd(idWidth)}${route(op).padEnd(routeWidth)}${line(row.verdict, row.reasons)}`);
    }
    const flowCounts: Record<Verdict, number> = { PASS: 0, FAIL: 0, SKIP: 0 };
    if (flows.size > 0) {
      this.#out('');
      for (const [title, row] of flows) {
        flowCounts[row.verdict] += 1;
        failures.push(...row.failures);
        this.#out(`${'flow'.padEnd(idWidth)}${title}  ${line(row.verdict, row.reasons)}`);
      }
    }
    this.#out('');
    this.#out(`${all.length} operations: ${counts.PASS} PASS, ${counts.FAIL} FAIL, ${counts.SKIP} SKIP · ${flows.size} flows: ${flowCounts.PASS} PASS, ${flowCounts.FAIL} FAIL, ${flowCounts.SKIP} SKIP`);
    if (failures.length > 0 || problems.length > 0) {
      this.#out('');
      this.#out('Failures:');
      for (const f of [...problems, ...failures]) this.#out(`  ${f}`);
    }
    this.failed = counts.FAIL > 0 || flowCounts.FAIL > 0 || problems.length > 0 || counts.PASS === 0;
  }
}
