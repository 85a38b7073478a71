/**
 * The context one contract runs in: validating clients on one target, a fresh ledger of the
 * responses it caused, and its cleanups.
 */
import { MemoryRateLimitStore, createClient, type ClientOptions, type DeprecationNotice } from '@opsmerge/sdk';
import type { MockApi } from '@opsmerge/mocks';
import type { ContractClient, ContractContext, TargetKind } from './contract.js';
import type { Silence } from './http/silence.js';
import { ResponseLedger, prismWaiver, validatingFetch } from './validating-fetch.js';

/** Where a target lives and which key to use there. */
export interface TargetEndpoint {
  /** Which kind of target: it decides what "missing data" and rate limits mean. */
  readonly kind: TargetKind;
  /** Undefined: from the key (the MSW mock serves the sandbox and production servers). */
  readonly baseUrl: string | undefined;
  /** The key the contract's client uses. */
  readonly apiKey: string;
  /** The MSW mock behind the `msw` target. */
  readonly mock: MockApi | undefined;
  /** Allow plain http to a host other than loopback. */
  readonly allowInsecureHttp: boolean;
  /** Longest wait for one answer, headers and body (the clients' `timeout`). @defaultValue the SDK's */
  readonly requestTimeoutMs?: number;
  /** The run's count of requests in a row that got no answer: see {@link Silence}. */
  readonly silence?: Silence;
}

let runCounter = 0;
const runPrefix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36).padStart(2, '0')}`;

/** A unique id per contract run: letters and digits only, so it fits names, emails and dedup keys. */
export function nextRunId(): string {
  runCounter += 1;
  return `c${runPrefix}${runCounter.toString(36)}`;
}

/** Skips the contract with a reason; never returns (it throws what the caller's runner understands). */
export type Skip = (reason: string) => never;

/** Builds the context of one contract: a fresh ledger, validating clients, cleanups. */
export function createContext(endpoint: TargetEndpoint, skip: Skip): { context: ContractContext; runCleanups: () => Promise<void> } {
  const ledger = new ResponseLedger();
  const deprecations: DeprecationNotice[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const basePath = endpoint.baseUrl ? new URL(endpoint.baseUrl).pathname.replace(/\/+$/, '') || '/' : '/api';
  const fetch = validatingFetch({
    ledger,
    basePath,
    ...(endpoint.silence ? { silence: endpoint.silence } : {}),
    ...(endpoint.kind === 'prism' ? { prismRequestViolations: true, waive: prismWaiver } : {}),
  });
  // Prism and the mock get a budget per contract (their limits reset); a partner's server keeps
  // counting, so its clients share the process-wide store and pace across contracts.
  const rateLimit: ClientOptions['rateLimit'] = endpoint.kind === 'partner' ? { mode: 'pace' } : { mode: 'pace', store: new MemoryRateLimitStore() };
  const clientWithKey = (apiKey: string): ContractClient =>
    createClient({
      apiKey,
      ...(endpoint.baseUrl ? { baseUrl: endpoint.baseUrl } : {}),
      stability: 'internal',
      fetch,
      ...(endpoint.requestTimeoutMs === undefined ? {} : { timeout: endpoint.requestTimeoutMs }),
      rateLimit,
      allowInsecureHttp: endpoint.allowInsecureHttp,
      logLevel: endpoint.kind === 'partner' ? 'warn' : 'error',
      onDeprecation: (notice) => deprecations.push(notice),
    });
  const context: ContractContext = {
    target: endpoint.kind,
    stateful: endpoint.kind !== 'prism',
    client: clientWithKey(endpoint.apiKey),
    apiKey: endpoint.apiKey,
    mock: endpoint.mock,
    runId: nextRunId(),
    deprecations,
    ledger,
    clientWithKey,
    need<T>(value: T | undefined | null, what: string): T {
      if (value !== undefined && value !== null) return value;
      if (endpoint.kind === 'partner') return skip(`needs ${what}; the server has none`);
      throw new Error(`${endpoint.kind} target: expected ${what}, but there is none (this target always has it)`);
    },
    cleanup(fn) {
      cleanups.push(fn);
    },
  };
  const runCleanups = async (): Promise<void> => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // Best effort: the thing may already be gone. Its responses were still validated.
      }
    }
  };
  return { context, runCleanups };
}
