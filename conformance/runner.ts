/**
 * The named scenarios of a conformance run: every family's hand-written contracts and flows, one
 * after the other, against one server, validating every response against the spec. Runs
 * in-process on Node ≥ 20 with the package's own dependencies — no test framework — so
 * `opsmerge contract` works from the installed package. The generated checks run after them
 * (run-conformance.ts).
 */
import { operations, type OperationInfo } from '@opsmerge/sdk';
import { redactKeys } from './assert.js';
import type { ContractDefinition, Family } from './contract.js';
import type { TargetEndpoint } from './context.js';
import { executeContract } from './execute.js';
import { FAMILIES } from './families/index.js';
import type { Silence } from './http/silence.js';

/** The verdict of a contract, an operation or a flow. */
export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

/** The outcome of one contract, as {@link ScenarioOptions.onResult} receives it. */
export interface ContractResult {
  /** The family the contract belongs to, e.g. `RMM`. */
  readonly family: string;
  /** An operation's contract, or a flow. */
  readonly kind: ContractDefinition['kind'];
  /** The operation under test (for a flow, the first it names). */
  readonly operationId: string;
  /** Completes `${operationId} …`, or names the flow. */
  readonly title: string;
  /** PASS, FAIL or SKIP. */
  readonly verdict: Verdict;
  /** Why it was skipped, or the failure's message (secrets redacted); undefined on PASS. */
  readonly reason: string | undefined;
  /** How long it took, in milliseconds. */
  readonly durationMs: number;
}

/** One line of the table: an operation of the spec, merged over its contracts. */
export interface OperationRow {
  /** The operation. */
  readonly operationId: string;
  /** Its HTTP method. */
  readonly method: string;
  /** Its path template, e.g. `/v1/agents/{agent_id}`. */
  readonly path: string;
  /** FAIL if any contract failed, else PASS if any passed, else SKIP. */
  readonly verdict: Verdict;
  /** One-line reasons of that verdict (skip reasons, or failure summaries). */
  readonly reasons: readonly string[];
}

/** One stateful flow across operations. */
export interface FlowRow {
  /** The flow's title. */
  readonly title: string;
  /** Its verdict. */
  readonly verdict: Verdict;
  /** One-line reasons of that verdict. */
  readonly reasons: readonly string[];
}

/** PASS/FAIL/SKIP counts. */
export type VerdictCounts = Readonly<Record<Verdict, number>>;

/** What {@link runScenarios} returns. */
export interface ScenarioReport {
  /** The server, as shown (without any user name or password of the URL). */
  readonly baseUrl: string;
  /** Whether the contracts that change data ran. */
  readonly write: boolean;
  /** Every operation of the spec, by operationId. */
  readonly operations: readonly OperationRow[];
  /** Every flow that was considered, in run order. */
  readonly flows: readonly FlowRow[];
  /** Counts over {@link ScenarioReport.operations}. */
  readonly operationCounts: VerdictCounts;
  /** Counts over {@link ScenarioReport.flows}. */
  readonly flowCounts: VerdictCounts;
  /** The full message of every failure, headed by what failed. */
  readonly failures: readonly string[];
  /** True when nothing failed and at least one operation passed. */
  readonly passed: boolean;
}

/** Options of {@link runScenarios}. */
export interface ScenarioOptions {
  /** The server, without `/v1`: `https://staging.example.com/api`, `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  /** An admin key of that server. It never appears in a result, reason or failure. */
  readonly apiKey: string;
  /** Also run the contracts that create, change and delete data, and the flows. @defaultValue false */
  readonly write?: boolean;
  /** Allow plain http to a host other than loopback. @defaultValue false */
  readonly allowInsecureHttp?: boolean;
  /** Called after each contract, e.g. for progress. */
  readonly onResult?: ((result: ContractResult) => void) | undefined;
  /** How a user switches writes on, named in SKIP reasons and the header. @defaultValue `--write` */
  readonly writeHint?: string;
  /** Longest a single contract may take. @defaultValue 120000 */
  readonly timeoutMs?: number;
  /** Longest wait for one answer, headers and body. @defaultValue the SDK's `timeout` */
  readonly requestTimeoutMs?: number;
  /**
   * The run's count of requests in a row that got no answer in time: once it says the server
   * stopped answering, the contracts left are SKIP with that reason instead of each waiting out
   * its timeouts.
   */
  readonly silence?: Silence;
  /** The families to run. @defaultValue every family */
  readonly families?: readonly Family[];
  /** Called with every response a contract caused (operation and status), for the coverage index. */
  readonly onResponse?: ((operationId: string, status: number) => void) | undefined;
}

/** Thrown by the skip callback of a contract; carries the reason. */
class ContractSkipped extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'ContractSkipped';
  }
}

const RANK: Readonly<Record<Verdict, number>> = { SKIP: 0, PASS: 1, FAIL: 2 };

/** Collapses a message to one line of at most `max` characters (ANSI colours removed). */
function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** The URL without user name and password, for headers and messages. */
function displayUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return baseUrl;
  }
}

interface MutableRow {
  verdict: Verdict;
  reasons: string[];
}

function merge(rows: Map<string, MutableRow>, key: string, verdict: Verdict, reason: string | undefined): void {
  let row = rows.get(key);
  if (!row) {
    row = { verdict, reasons: [] };
    rows.set(key, row);
  }
  if (RANK[verdict] > RANK[row.verdict]) {
    row.verdict = verdict;
    row.reasons = [];
  }
  if (verdict === row.verdict && reason && !row.reasons.includes(reason)) row.reasons.push(reason);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Runs every family's contracts against one server, one after the other (one key, one rate
 * limit, as a single integrator), and returns PASS/FAIL/SKIP per operation and per flow.
 *
 * Read-only unless `write`; internal operations are SKIP with their reason; each contract's
 * cleanups run after it, pass or fail. A contract is SKIP when the server lacks data it needs
 * or the key lacks a scope. The key never appears in the report.
 */
export async function runScenarios(options: ScenarioOptions): Promise<ScenarioReport> {
  const write = options.write === true;
  const writeHint = options.writeHint ?? '--write';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const families = options.families ?? Object.values(FAMILIES);
  const secret = options.apiKey;
  const scrub = (text: string): string => redactKeys(secret.length >= 8 ? text.split(secret).join('[redacted]') : text);
  const endpoint: TargetEndpoint = {
    kind: 'partner',
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    mock: undefined,
    allowInsecureHttp: options.allowInsecureHttp === true,
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.silence ? { silence: options.silence } : {}),
  };
  const skip = (reason: string): never => {
    throw new ContractSkipped(reason);
  };

  const ops = new Map<string, MutableRow>();
  const flows = new Map<string, MutableRow>();
  const failures: string[] = [];

  for (const family of families) {
    for (const def of family.contracts) {
      if (!def.targets.includes('partner')) continue;
      const started = Date.now();
      let verdict: Verdict;
      let reason: string | undefined;
      const excluded = def.excluded.partner;
      const silent = options.silence?.stopped;
      if (excluded) {
        verdict = 'SKIP';
        reason = excluded;
      } else if (def.write && !write) {
        verdict = 'SKIP';
        reason = `changes data; runs with ${writeHint}`;
      } else if (silent !== undefined) {
        verdict = 'SKIP';
        reason = silent;
      } else {
        try {
          await withTimeout(executeContract(def, endpoint, skip, options.onResponse), timeoutMs, 'the contract');
          verdict = 'PASS';
        } catch (error) {
          if (error instanceof ContractSkipped) {
            verdict = 'SKIP';
            reason = scrub(error.reason);
          } else {
            verdict = 'FAIL';
            const message = scrub(messageOf(error));
            reason = message;
            failures.push(`${def.kind === 'flow' ? `flow "${def.title}"` : `${def.operationId} ${def.title}`}:\n    ${message.split('\n').join('\n    ')}`);
          }
        }
      }
      const oneLineReason = reason === undefined ? undefined : verdict === 'FAIL' ? oneLine(reason, def.kind === 'flow' ? 100 : 140) : reason;
      if (def.kind === 'flow') merge(flows, def.title, verdict, oneLineReason);
      else merge(ops, def.operationId, verdict, oneLineReason);
      options.onResult?.({ family: family.name, kind: def.kind, operationId: def.operationId, title: def.title, verdict, reason, durationMs: Date.now() - started });
    }
  }

  const all = (Object.values(operations) as OperationInfo[]).sort((a, b) => a.operationId.localeCompare(b.operationId));
  const operationRows: OperationRow[] = all.map((op) => {
    const row = ops.get(op.operationId) ?? { verdict: 'FAIL' as const, reasons: ['no contract ran for this operation'] };
    return { operationId: op.operationId, method: op.method, path: op.path, verdict: row.verdict, reasons: row.reasons };
  });
  const flowRows: FlowRow[] = [...flows].map(([title, row]) => ({ title, verdict: row.verdict, reasons: row.reasons }));
  const count = (rows: readonly { verdict: Verdict }[]): VerdictCounts => {
    const counts: Record<Verdict, number> = { PASS: 0, FAIL: 0, SKIP: 0 };
    for (const row of rows) counts[row.verdict] += 1;
    return counts;
  };
  const operationCounts = count(operationRows);
  const flowCounts = count(flowRows);
  return {
    baseUrl: displayUrl(options.baseUrl),
    write,
    operations: operationRows,
    flows: flowRows,
    operationCounts,
    flowCounts,
    failures,
    passed: operationCounts.FAIL === 0 && flowCounts.FAIL === 0 && operationCounts.PASS > 0,
  };
}

/**
 * The summary line:
 * `64 operations: 41 PASS, 0 FAIL, 23 SKIP · 5 flows: 0 PASS, 0 FAIL, 5 SKIP`.
 */
export function summaryLine(report: ScenarioReport): string {
  const o = report.operationCounts;
  const f = report.flowCounts;
  return `${report.operations.length} operations: ${o.PASS} PASS, ${o.FAIL} FAIL, ${o.SKIP} SKIP · ${report.flows.length} flows: ${f.PASS} PASS, ${f.FAIL} FAIL, ${f.SKIP} SKIP`;
}

/**
 * The scenarios as text lines: one line per operation —
 * `operationId  METHOD path  PASS | FAIL (reason) | SKIP (reason)` — one per flow, the
 * {@link summaryLine}, and the full message of every failure.
 */
export function formatScenarios(report: ScenarioReport): string[] {
  const lines: string[] = [];
  const idWidth = Math.max(...report.operations.map((o) => o.operationId.length), 'operationId'.length) + 2;
  const route = (o: OperationRow): string => `${o.method.padEnd(7)}${o.path}`;
  const routeWidth = Math.max(...report.operations.map((o) => route(o).length)) + 2;
  const result = (verdict: Verdict, reasons: readonly string[]): string => `${verdict}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`;

  lines.push(`${'operationId'.padEnd(idWidth)}${`${'method'.padEnd(7)}path`.padEnd(routeWidth)}result`);
  for (const op of report.operations) lines.push(`${op.operationId.padEnd(idWidth)}${route(op).padEnd(routeWidth)}${result(op.verdict, op.reasons)}`);
  if (report.flows.length > 0) {
    lines.push('');
    for (const flow of report.flows) lines.push(`${'flow'.padEnd(idWidth)}${flow.title}  ${result(flow.verdict, flow.reasons)}`);
  }
  lines.push('');
  lines.push(summaryLine(report));
  if (report.failures.length > 0) {
    lines.push('');
    lines.push('Scenario failures:');
    for (const failure of report.failures) lines.push(`  ${failure}`);
  }
  return lines;
}
