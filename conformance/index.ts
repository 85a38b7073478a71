/**
 * The OpsMerge contract suite as code the package ships: the contracts of every resource
 * family, the validating client they run with, and {@link runConformance}, the partner
 * conformance run behind `opsmerge contract`. Node-only (like the CLI); it needs only the
 * package's own dependencies.
 */
export { runConformance, formatReport, summaryLine } from './runner.js';
export type { ConformanceOptions, ConformanceReport, ContractResult, FlowRow, FormatReportOptions, OperationRow, Verdict, VerdictCounts } from './runner.js';
export { FAMILIES } from './families/index.js';
export { contract, family, flow, INTERNAL_EXCLUSION, TARGET_LABELS } from './contract.js';
export type { ContractClient, ContractContext, ContractDefinition, ContractOptions, Family, TargetKind } from './contract.js';
export { createContext, nextRunId, type Skip, type TargetEndpoint } from './context.js';
export { executeContract } from './execute.js';
export { AssertionFailure, expect, type Assertion } from './assert.js';
export { ResponseLedger, validatingFetch, prismWaiver, type CheckedResponse, type ValidatingFetchOptions } from './validating-fetch.js';
