/**
 * The targets the contract suite runs on in vitest.
 *
 * - Without CONTRACT_BASE_URL: Prism (started once per run by the global setup, read with
 *   `inject('prismUrl')`) and the MSW handlers of `mocks/` (msw's `setupServer`, one seeded
 *   mock per test file, reset after every test).
 * - With CONTRACT_BASE_URL (+ CONTRACT_API_KEY): that one server, through vitest. The partner
 *   conformance run itself (`opsmerge contract`, `npm run contract`) runs without vitest:
 *   see conformance/runner.ts.
 */
import type { TargetKind } from '../../../conformance/contract.js';

/** The settings of a run against one server, from the environment. */
export interface ContractEnv {
  readonly baseUrl: string | undefined;
  readonly apiKey: string | undefined;
  /** CONTRACT_WRITE=1: also run contracts that change data. */
  readonly write: boolean;
  /** CONTRACT_ALLOW_INSECURE_HTTP=1: allow a plain-http, non-loopback base URL. */
  readonly allowInsecureHttp: boolean;
}

const truthy = (value: string | undefined): boolean => value !== undefined && /^(1|true|yes)$/i.test(value.trim());

/** Reads CONTRACT_BASE_URL, CONTRACT_API_KEY, CONTRACT_WRITE and CONTRACT_ALLOW_INSECURE_HTTP. */
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
