/**
 * The report as text for a terminal or a CI log: the header, the named scenarios' table, one
 * line per check (held, failed, where it did not run), every failure with its curl line and
 * replay command, and the conformance index and score.
 */
import type { ConformanceReport } from '../run-conformance.js';
import { formatScenarios } from '../runner.js';
import type { Budget } from '../run/context.js';
import type { GeneratedReport } from './generated-report.js';

/** `10 cases per operation` or `90 s`. */
export function describeBudget(budget: Budget): string {
  return budget.kind === 'cases' ? `${budget.cases} positive and ${budget.cases} negative cases per operation` : `${budget.seconds} s`;
}

/** A share as a percentage with one decimal. */
export function percent(value: number): string {
  return `${(Math.floor(value * 1000) / 10).toFixed(1)}%`;
}

/** The index and score lines: `Conformance index: 74.2% (…)`, `Conformance score: 100.0% (…)`. */
export function indexAndScore(report: GeneratedReport): string[] {
  const { coverage, score } = report;
  return [
    `Conformance index: ${percent(coverage.index)} — ${coverage.exercised} of ${coverage.documented} documented responses (operation × status) exercised`,
    `Conformance score: ${percent(score.value)} — ${score.held} of ${score.total} check outcomes held`,
  ];
}

function generatedLines(report: GeneratedReport, verbose: boolean): string[] {
  const lines: string[] = [];
  lines.push(`Generated checks — seed ${report.seed}, ${describeBudget(report.budget)}, ${report.requests} requests${report.stateful ? '' : ' (stateless server)'}`);
  const width = Math.max(...report.checks.map((c) => c.name.length)) + 2;
  lines.push(`${'check'.padEnd(width)}${'held'.padStart(7)}${'failed'.padStart(8)}  not run on`);
  for (const c of report.checks) {
    const notRun = c.notRun.reduce((n, r) => n + r.operations.length, 0);
    lines.push(`${c.name.padEnd(width)}${String(c.held).padStart(7)}${String(c.failed).padStart(8)}  ${notRun === 0 ? '-' : `${notRun} operation${notRun === 1 ? '' : 's'}`}`);
  }
  if (verbose) {
    for (const c of report.checks) for (const r of c.notRun) lines.push(`  ${c.name} did not run on ${r.operations.length}: ${r.reason}`);
  }
  for (const c of report.checks) for (const w of c.waived) lines.push(`  ${c.name}: ${w.count} failure${w.count === 1 ? '' : 's'} waived, a known defect of the target: ${w.reason}`);
  if (report.failures.length > 0) {
    lines.push('');
    lines.push(`Failures (${report.failures.length}):`);
    for (const [i, f] of report.failures.entries()) {
      lines.push(`  ${i + 1}. ${f.check} — ${f.operationId} (${f.method} ${f.path})${f.occurrences > 1 ? ` — ${f.occurrences} times` : ''}`);
      lines.push(`     ${f.message}`);
      if (f.broke) lines.push(`     the request broke ${f.broke}`);
      lines.push(`     ${f.curl}`);
      lines.push(`     replay: ${f.replay}`);
    }
  }
  const left = Object.entries(report.cleanup.leftBehind);
  if (report.write) {
    lines.push('');
    lines.push(
      `Cleanup: ${report.cleanup.deleted} created resources deleted${report.cleanup.pending > 0 ? `, ${report.cleanup.pending} could not be` : ''}${left.length > 0 ? `; left behind (the spec has no DELETE for them): ${left.map(([op, n]) => `${n} by ${op}`).join(', ')}` : ''}`,
    );
  }
  return lines;
}

/** Options of {@link formatReport}. */
export interface FormatReportOptions {
  /** How a user switches writes on, named in the header. @defaultValue `--write` */
  readonly writeHint?: string;
  /** Also list where each check did not run, and why the unexercised responses were not. @defaultValue false */
  readonly verbose?: boolean;
}

/** The whole report as text lines. */
export function formatReport(report: ConformanceReport, options: FormatReportOptions = {}): string[] {
  const writeHint = options.writeHint ?? '--write';
  const lines = [`OpsMerge API conformance — ${report.baseUrl} — ${report.write ? `read and write operations (${writeHint})` : `read-only operations (${writeHint} adds writes)`}`];
  if (report.scenarios) {
    lines.push('', 'Named scenarios (the hand-written contracts and flows):', ...formatScenarios(report.scenarios));
  }
  if (report.generated) {
    lines.push('', ...generatedLines(report.generated, options.verbose === true));
    lines.push('', ...indexAndScore(report.generated));
    const reasons = new Map<string, number>();
    for (const u of report.generated.coverage.unexercised) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
    const sorted = [...reasons].sort((a, b) => b[1] - a[1]);
    for (const [reason, n] of options.verbose ? sorted : sorted.slice(0, 5)) lines.push(`  ${String(n).padStart(4)} not exercised: ${reason}`);
    const more = sorted.length - 5;
    if (!options.verbose && more > 0) lines.push(`       … ${more} more reason${more === 1 ? '' : 's'}: --verbose, or the JSON report (--report json:PATH)`);
  }
  return lines;
}
