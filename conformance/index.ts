/**
 * The OpsMerge conformance suite as code the package ships: {@link runConformance}, the run
 * behind `opsmerge contract` — the named scenarios (the contracts of every resource family and
 * the flows) and the checks generated from the spec — its reports (text, JSON, JUnit XML), and
 * the pieces the repository's tests reuse. Node-only (like the CLI); it needs only the package's
 * own dependencies.
 */
export { runConformance, DEFAULT_BUDGET } from './run-conformance.js';
export type { ConformanceOptions, ConformanceReport } from './run-conformance.js';
export { formatReport, indexAndScore, type FormatReportOptions } from './report/text.js';
export { toJUnit } from './report/junit.js';
export { toJson, JSON_REPORT_FORMAT } from './report/json.js';
export type { CheckSummary, Coverage, GeneratedReport, OperationSummary, Score, Unexercised } from './report/generated-report.js';
export type { Failure, Tally } from './run/results.js';
export type { Budget } from './run/context.js';
export { CHECK_NAMES, CHECK_DESCRIPTIONS, type CheckName } from './checks/names.js';
export { parseBudget, parseCheck, parseReportTarget, parseSeed, type ReportTarget } from './options.js';
export { PRISM_KNOWN_DEFECTS } from './prism.js';
export { runScenarios, formatScenarios, summaryLine } from './runner.js';
export type { ScenarioOptions, ScenarioReport, ContractResult, FlowRow, OperationRow, Verdict, VerdictCounts } from './runner.js';
export { FAMILIES } from './families/index.js';
export { contract, family, flow, INTERNAL_EXCLUSION, TARGET_LABELS } from './contract.js';
export type { ContractClient, ContractContext, ContractDefinition, ContractOptions, Family, TargetKind } from './contract.js';
export { createContext, nextRunId, type Skip, type TargetEndpoint } from './context.js';
export { executeContract } from './execute.js';
export { AssertionFailure, expect, type Assertion } from './assert.js';
export { ResponseLedger, validatingFetch, prismWaiver, type CheckedResponse, type ValidatingFetchOptions } from './validating-fetch.js';
