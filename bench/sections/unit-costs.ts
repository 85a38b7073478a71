/** What the building blocks of a request cost, measured in a fresh process (unit-costs-worker.ts). */
import { fileURLToPath } from 'node:url';
import type { SdkBuilds } from '../lib/build-sdk.js';
import { runOnce } from '../lib/child.js';

export interface UnitCost {
  name: string;
  /** µs per call: the median of five timed loops. */
  us: number;
}

/** The two whole-call rows, with a `fetch` that answers from memory: openapi-fetch, then ours. */
export const IN_MEMORY = ['a whole call, `fetch` from memory: openapi-fetch `GET`', 'a whole call, `fetch` from memory: our `client.auth.me()`'] as const;

/** The rows that price the "no async frame when idle" rule: the terminal `next` alone, then behind four idle policies. */
export const IDLE_POLICIES = [
  'a `next` that answers at once, called through `composePolicies` alone',
  'the same behind four idle policies (stability, deprecation off, idempotency of a GET, log with debug off)',
] as const;

const WORKER = fileURLToPath(new URL('./unit-costs-worker.ts', import.meta.url));

export function runUnitCosts(sdks: SdkBuilds, iterations: number): Promise<UnitCost[]> {
  return runOnce<UnitCost[]>(WORKER, [String(iterations)], [], { BENCH_SDK: sdks.current });
}
