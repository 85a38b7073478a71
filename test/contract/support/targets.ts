/**
 * The targets a contract runs against, and the validating clients for each.
 *
 * - Without CONTRACT_BASE_URL: Prism (started once per run by the global setup, read with
 *   `inject('prismUrl')`) and the MSW handlers of `mocks/` (msw's `setupServer`, one seeded
 *   mock per test file, reset after every test).
 * - With CONTRACT_BASE_URL (+ CONTRACT_API_KEY): that one server — the partner conformance run.
 *   Read-only unless CONTRACT_WRITE=1.
 */
import { MemoryRateLimitStore, createClient, type ClientOptions, type DeprecationNotice } from '../../../src/index.js';
import type { MockApi } from '../../../mocks/index.js';
import type { ContractClient, ContractContext, TargetKind } from './contract.js';
import { ResponseLedger, prismWaiver, validatingFetch } from './validating-fetch.js';

/** The conformance run's settings, from the environment. */
export interface ContractEnv {
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  /** CONTRACT_WRITE=1: also run contracts that change data. */
  readonly write: boolean;
  /** CONTRACT_ALLOW_INSECURE_HTTP=1: allow a plain-http, non-loopback base URL. */
  readonly allowInsecureHttp: boolean;
}

const truthy = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes)$/i.test(value.trim());

export function contractEnv(env: NodeJS.ProcessEnv = process.env): ContractEnv {
  const baseUrl = env['CONTRACT_BASE_URL']?.trim() || undefined;
  const apiKey = env['CONTRACT_API_KEY']?.trim() || undefined;
  return { baseUrl, apiKey, write: truthy(env['CONTRACT_WRITE']), allowInsecureHttp: truthy(env['CONTRACT_ALLOW_INSECURE_HTTP']) };
}

/** The targets of this run. */
export function activeTargets(env: ContractEnv = contractEnv()): TargetKind[] {
  return env.baseUrl ? ['partner'] : ['prism', 'msw'];
}

/** A key Prism accepts (any Bearer value of the right shape). */
export const PRISM_KEY = `om_test_${'ContractSuitePrismKey'.padEnd(32, '0')}`;

/** Where a target lives and which key to use there. */
export interface TargetEndpoint {
  readonly kind: TargetKind;
  /** Undefined: from the key (the MSW mock serves the sandbox and production servers). */
  readonly baseUrl: string | undefined;
  readonly apiKey: string;
  readonly mock: MockApi | undefined;
  readonly allowInsecureHttp: boolean;
}

let runCounter = 0;
const runPrefix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36).padStart(2, '0')}`;

/** A unique id per test: letters and digits only, so it fits names, emails and dedup keys. */
export function nextRunId(): string {
  runCounter += 1;
  return `c${runPrefix}${runCounter.toString(36)}`;
}

/** A skip that carries its reason to the reporter (`ctx.skip(note)` of vitest). */
export type Skip = (reason: string) => never;

/** Builds the context of one contract test: a fresh ledger, validating clients, cleanups. */
export function createContext(endpoint: TargetEndpoint, skip: Skip): { context: ContractContext; runCleanups: () => Promise<void> } {
  const ledger = new ResponseLedger();
  const deprecations: DeprecationNotice[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const basePath = endpoint.baseUrl ? new URL(endpoint.baseUrl).pathname.replace(/\/+$/, '') || '/' : '/api';
  const fetch = validatingFetch({
    ledger,
    basePath,
    ...(endpoint.kind === 'prism' ? { prismRequestViolations: true, waive: prismWaiver } : {}),
  });
  // Prism and the mock get a budget per test (their limits reset); a partner's server keeps
  // counting, so its clients share the process-wide store and pace across tests.
  const rateLimit: ClientOptions['rateLimit'] = endpoint.kind === 'partner' ? { mode: 'pace' } : { mode: 'pace', store: new MemoryRateLimitStore() };
  const clientWithKey = (apiKey: string): ContractClient =>
    createClient({
      apiKey,
      ...(endpoint.baseUrl ? { baseUrl: endpoint.baseUrl } : {}),
      stability: 'internal',
      fetch,
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
