/**
 * How contracts are declared. A family module (families/*.ts) lists its contracts with
 * {@link contract} and {@link flow}; declaring runs nothing, so the coverage test can import
 * every family and compare the operations they name with the operations table. Two things run
 * them: the repository's vitest suite (test/contract, once per target: Prism and the MSW
 * mock) and {@link runConformance} (runner.ts), the partner conformance run of
 * `opsmerge contract` against one server.
 */
import { operations, type OperationId } from '@opsmerge/sdk';
import type { OpsMergeClient, DeprecationNotice } from '@opsmerge/sdk';
import type { MockApi } from '@opsmerge/mocks';
import type { ResponseLedger } from './validating-fetch.js';

/** Where a contract runs: Prism on the spec, the stateful MSW mock, or a partner's server. */
export type TargetKind = 'prism' | 'msw' | 'partner';

/** How each target is named in test titles and messages. */
export const TARGET_LABELS: Readonly<Record<TargetKind, string>> = {
  prism: 'Prism (stateless, validates requests)',
  msw: 'the stateful MSW mock',
  partner: 'the server under test',
};

/** A client that may call every operation (stable, beta and internal). */
export type ContractClient = OpsMergeClient<'internal'>;

/** What a contract test gets: a validating client on one target, and helpers. */
export interface ContractContext {
  readonly target: TargetKind;
  /** True where state persists between calls (MSW, a partner's server); false on Prism. */
  readonly stateful: boolean;
  /** The client under test; every response it receives is validated against the spec. */
  readonly client: ContractClient;
  /** The key `client` uses. */
  readonly apiKey: string;
  /** The MSW mock behind the `msw` target (undefined elsewhere). */
  readonly mock: MockApi | undefined;
  /** Unique per test: use it in names, emails and dedup keys of what the test creates. */
  readonly runId: string;
  /** Deprecation notices the client raised. */
  readonly deprecations: readonly DeprecationNotice[];
  /** Every response seen so far, with spec violations. */
  readonly ledger: ResponseLedger;
  /** Another client on the same target and validator, with another key. */
  clientWithKey(apiKey: string): ContractClient;
  /**
   * Data the test needs. Missing on a partner's server → the test is skipped, naming `what`;
   * missing on Prism or the seeded mock → the test fails (those targets always have it).
   */
  need<T>(value: T | undefined | null, what: string): T;
  /** Runs after the test (newest first), pass or fail; errors are ignored, responses still validated. */
  cleanup(fn: () => Promise<unknown>): void;
}

/** A contract: one operation's behaviour, or a stateful flow across several. */
export interface ContractDefinition {
  /** One operation's contract, or a flow across several. */
  readonly kind: 'operation' | 'flow';
  /** The operation under test; for a flow, the first one it names. */
  readonly operationId: OperationId;
  /** Every operation the contract is about (one for an operation contract). */
  readonly operations: readonly OperationId[];
  /** Completes a sentence: `${operationId} ${title}` (or `the flow ${title}`). */
  readonly title: string;
  /** Changes server state: on a partner's server only in a write run (`--write`). */
  readonly write: boolean;
  /** Targets where it runs. */
  readonly targets: readonly TargetKind[];
  /** Targets where it is deliberately not run, and why (shown as SKIP in the conformance run). */
  readonly excluded: Partial<Readonly<Record<TargetKind, string>>>;
  /** The contract itself: calls the operations through `t.client` and asserts on the answers. */
  readonly run: (t: ContractContext) => Promise<void>;
}

/** A resource family and its contracts. */
export interface Family {
  /** The family's name, e.g. `RMM`. */
  readonly name: string;
  /** Its contracts, in the order they run. */
  readonly contracts: readonly ContractDefinition[];
}

/** Options of {@link contract} and {@link flow}. */
export interface ContractOptions {
  /** Override: does the contract change state? @default true for every method but GET */
  readonly write?: boolean;
  /** Targets excluded, with the reason. */
  readonly exclude?: Partial<Readonly<Record<TargetKind, string>>>;
}

const ALL_TARGETS: readonly TargetKind[] = ['prism', 'msw', 'partner'];

/** Why internal operations are SKIP in the partner run. */
export const INTERNAL_EXCLUSION = 'internal operation: not part of the partner contract; covered on Prism and the MSW mock';

function exclusions(options: ContractOptions, ...defaults: Partial<Record<TargetKind, string>>[]): Partial<Record<TargetKind, string>> {
  return Object.assign({}, ...defaults, options.exclude);
}

/** Declares the contract test of one operation. `title` completes "`operationId` …". */
export function contract(operationId: OperationId, title: string, run: (t: ContractContext) => Promise<void>, options: ContractOptions = {}): ContractDefinition {
  const op = operations[operationId];
  const excluded = exclusions(options, op.stability === 'internal' ? { partner: INTERNAL_EXCLUSION } : {});
  return {
    kind: 'operation',
    operationId,
    operations: [operationId],
    title,
    write: options.write ?? op.method !== 'GET',
    targets: ALL_TARGETS.filter((k) => !(k in excluded) || k === 'partner'),
    excluded,
    run,
  };
}

/**
 * Declares a stateful flow across operations. Flows need state, so they never run on Prism;
 * on a partner's server they change data and run only in a write run (`--write`).
 */
export function flow(title: string, ops: readonly [OperationId, ...OperationId[]], run: (t: ContractContext) => Promise<void>, options: ContractOptions = {}): ContractDefinition {
  const excluded = exclusions(options, { prism: 'Prism is stateless (prism #962)' });
  return {
    kind: 'flow',
    operationId: ops[0],
    operations: ops,
    title,
    write: options.write ?? true,
    targets: ALL_TARGETS.filter((k) => !(k in excluded) || k === 'partner'),
    excluded,
    run,
  };
}

/** Groups the contracts of one resource family. */
export function family(name: string, contracts: readonly ContractDefinition[]): Family {
  return { name, contracts };
}
