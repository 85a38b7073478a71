/**
 * The conformance run behind `opsmerge contract`: the named scenarios (the hand-written contracts
 * and flows of conformance/families) and then the checks generated from the spec, against one
 * server, in this process, with the package's own dependencies — no test framework, Node ≥ 20.
 */
import { createCoreClient } from '@opsmerge/sdk/core';
import { CHECK_NAMES, type CheckName } from './checks/names.js';
import type { Outcome } from './checks/outcome.js';
import type { Family } from './contract.js';
import type { RequestCase } from './generate/cases.js';
import { Silence } from './http/silence.js';
import { createTransport, type TransportOptions } from './http/transport.js';
import { joinUrl } from './http/wire.js';
import { INTERNAL_EXCLUSION } from './contract.js';
import { generatedReport, type GeneratedReport } from './report/generated-report.js';
import type { Budget } from './run/context.js';
import { runGenerated } from './run/generated.js';
import { runScenarios, type ContractResult, type ScenarioReport } from './runner.js';
import { SPEC_OPERATIONS, type SpecOperation } from './spec/operations.js';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** The server, without `/v1`: `https://staging.example.com/api`, `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  /** A key of that server with every scope. It never appears in the report. */
  readonly apiKey: string;
  /** Also create, change and delete (only what the run creates, in the generated part). @defaultValue false */
  readonly write?: boolean;
  /** The server keeps no state (Prism): the checks that need state do not run. @defaultValue false */
  readonly stateless?: boolean;
  /** Allow plain http to a host other than loopback. @defaultValue false */
  readonly allowInsecureHttp?: boolean;
  /** Seed of the generated cases; the same seed replays the same cases. @defaultValue a random one, in the report */
  readonly seed?: number;
  /** Generated cases per operation and kind (positive, negative), or seconds for the generated part. @defaultValue 10 cases */
  readonly budget?: Budget;
  /** The checks to run. @defaultValue every check */
  readonly checks?: readonly CheckName[];
  /** Only these operations (operationIds). @defaultValue every stable and beta operation */
  readonly operations?: readonly string[];
  /** Also the internal operations (UI plumbing, no guarantees). @defaultValue false */
  readonly includeInternal?: boolean;
  /** Run the named scenarios. @defaultValue true */
  readonly scenarios?: boolean;
  /** Run the generated checks. @defaultValue true */
  readonly generated?: boolean;
  /**
   * Failures that are a known defect of the target, with the reason: reported as waived, not
   * counted as failed (Prism's 405 has no Allow header).
   */
  readonly waive?: (op: SpecOperation, outcome: Outcome) => string | undefined;
  /**
   * Generated cases not to send, with the reason: a known defect of the target that would only
   * fail the same way every time (Prism never answers a malformed JSON body). Counted in the
   * report as not run, never silently.
   */
  readonly skipCase?: (c: RequestCase) => string | undefined;
  /** The command line that replays an operation's generated cases (printed with each failure). */
  readonly replayCommand?: (operationId: string, seed: number) => string;
  /** Called after each scenario. */
  readonly onScenario?: ((result: ContractResult) => void) | undefined;
  /** Called as the generated part moves on: `phase` is a step like `agents_list`. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Longest wait for one answer, headers and body, for every request of the run.
   * @defaultValue 30000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Requests in a row without an answer within `requestTimeoutMs` after which the run sends
   * nothing more: what is left is reported as not run, with the reason.
   * @defaultValue 3
   */
  readonly silenceLimit?: number;
  /** How the generated requests are sent (fetch, timeouts); overrides what the options above set. */
  readonly transport?: TransportOptions;
  /** The families whose scenarios run. @defaultValue every family */
  readonly families?: readonly Family[];
  /** How a user switches writes on, named in SKIP reasons. @defaultValue `--write` */
  readonly writeHint?: string;
}

/** What {@link runConformance} returns. */
export interface ConformanceReport {
  /** The server, as shown (without user name or password). */
  readonly baseUrl: string;
  readonly write: boolean;
  readonly stateful: boolean;
  /** The named scenarios; undefined when they did not run. */
  readonly scenarios: ScenarioReport | undefined;
  /** The generated checks; undefined when they did not run. */
  readonly generated: GeneratedReport | undefined;
  /** Nothing failed, and something was checked. */
  readonly passed: boolean;
}

/**
 * The server did not answer the run's first request (`GET /v1/auth/me`) at all: refused, reset,
 * not resolved, or no answer in time. Nothing else was sent. Any answer, whatever its status,
 * lets the run go on.
 */
export class ServerNotAnsweringError extends Error {
  /** Why no answer came, e.g. `no answer within the timeout (30 s)`. */
  readonly reason: string;

  constructor(baseUrl: string, reason: string) {
    super(`${baseUrl} did not answer GET /v1/auth/me: ${reason}`);
    this.name = 'ServerNotAnsweringError';
    this.reason = reason;
  }
}

/** The default wait for one answer. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The default budget: 10 positive and 10 negative cases per operation. */
export const DEFAULT_BUDGET: Budget = { kind: 'cases', cases: 10 };

/** The URL without user name and password. */
function displayUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  return url.href.replace(/\/$/, '');
}

/** Why an operation of the spec is not part of this run, if it is not. */
function exclusion(options: ConformanceOptions): (op: SpecOperation) => string | undefined {
  return (op) => {
    if (options.operations && !options.operations.includes(op.operationId)) return 'not selected (--operation)';
    if (op.stability === 'internal' && !options.includeInternal && !options.operations?.includes(op.operationId)) return INTERNAL_EXCLUSION;
    return undefined;
  };
}

/**
 * Runs the named scenarios, then the generated checks, against one server.
 *
 * @example
 * ```ts
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:4010', apiKey: process.env.OPSMERGE_API_KEY!, seed: 42 });
 * process.exitCode = report.passed ? 0 : 1;
 * ```
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  // The SDK's own checks of the configuration: a URL, https unless loopback (or allowed), a key
  // of the right shape for the server's environment. They throw a ConfigurationError.
  createCoreClient({ apiKey: options.apiKey, baseUrl: options.baseUrl, allowInsecureHttp: options.allowInsecureHttp ?? false });
  for (const id of options.operations ?? []) if (!SPEC_OPERATIONS.some((op) => op.operationId === id)) throw new Error(`the spec has no operation ${id}`);
  const write = options.write === true;
  const stateful = options.stateless !== true;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const observed: [string, number][] = [];
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const silence = new Silence(options.silenceLimit ?? 3, requestTimeoutMs);
  const transport = createTransport({ timeoutMs: requestTimeoutMs, silence, ...options.transport });

  // One request first, so that a server that is down or hangs ends the run at once, with the
  // reason, instead of every contract and case waiting out its own timeout.
  const first = await transport.send({ method: 'GET', url: joinUrl(options.baseUrl, '/v1/auth/me'), headers: {}, credential: { kind: 'key', key: options.apiKey }, body: undefined }, 'default');
  if (!first.response) throw new ServerNotAnsweringError(displayUrl(options.baseUrl), first.error ?? 'no answer');

  const scenarios =
    options.scenarios === false
      ? undefined
      : await runScenarios({
          baseUrl: options.baseUrl,
          apiKey: options.apiKey,
          write,
          allowInsecureHttp: options.allowInsecureHttp ?? false,
          requestTimeoutMs,
          silence,
          onResult: options.onScenario,
          onResponse: (operationId, status) => observed.push([operationId, status]),
          ...(options.writeHint ? { writeHint: options.writeHint } : {}),
          ...(options.families ? { families: options.families } : {}),
        });

  let generated: GeneratedReport | undefined;
  if (options.generated !== false) {
    const excluded = exclusion(options);
    const selected = SPEC_OPERATIONS.filter((op) => excluded(op) === undefined);
    const replay =
      options.replayCommand ??
      ((operationId: string, s: number) => `opsmerge contract --base-url ${displayUrl(options.baseUrl)} --seed ${s} --operation ${operationId} --no-scenarios${write ? ' --write' : ''}${stateful ? '' : ' --stateless'}`);
    const ctx = await runGenerated(
      {
        baseUrl: options.baseUrl,
        apiKey: options.apiKey,
        write,
        stateful,
        seed,
        budget: options.budget ?? DEFAULT_BUDGET,
        checks: new Set(options.checks ?? CHECK_NAMES),
        replay: (operationId) => replay(operationId, seed),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.skipCase ? { skipCase: options.skipCase } : {}),
        ...(options.waive ? { waive: options.waive } : {}),
      },
      transport,
      selected,
    );
    for (const [operationId, status] of observed) {
      const op = SPEC_OPERATIONS.find((o) => o.operationId === operationId);
      if (op) ctx.results.observe(op, status);
    }
    generated = generatedReport(ctx, excluded);
  }

  const scenariosPassed = scenarios === undefined || (scenarios.operationCounts.FAIL === 0 && scenarios.flowCounts.FAIL === 0);
  const generatedPassed = generated === undefined || generated.failures.length === 0;
  const checked = (scenarios?.operationCounts.PASS ?? 0) > 0 || (generated?.score.total ?? 0) > 0;
  return { baseUrl: displayUrl(options.baseUrl), write, stateful, scenarios, generated, passed: scenariosPassed && generatedPassed && checked };
}
