/**
 * `runFamily(family)`: turns a family's contracts (conformance/families) into vitest
 * tests, one `describe` per target. Each test runs the contract through the same
 * `executeContract` as the partner conformance run: a fresh context (validating clients,
 * ledger, cleanups), and a failure on any spec violation of any response it caused — even
 * when its own assertions passed.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, inject, it } from 'vitest';
import { TARGET_LABELS, type ContractDefinition, type Family, type TargetKind } from '../../../conformance/contract.js';
import type { TargetEndpoint } from '../../../conformance/context.js';
import { executeContract } from '../../../conformance/execute.js';
import { createMockApi, type MockApi } from '../../../mocks/index.js';
import { PRISM_KEY, activeTargets, contractEnv, type ContractEnv } from './targets.js';

/** Seed of the MSW mock behind every contract file: same data on every run. */
export const CONTRACT_SEED = 5;

/** The MSW target's endpoint for a mock (no baseUrl: the SDK picks the sandbox from the om_test_ key). */
export function mswEndpoint(api: MockApi): TargetEndpoint {
  return { kind: 'msw', baseUrl: undefined, apiKey: api.testKey, mock: api, allowInsecureHttp: false };
}

function useEndpoint(kind: TargetKind, env: ContractEnv): () => TargetEndpoint {
  switch (kind) {
    case 'prism':
      return () => ({ kind, baseUrl: inject('prismUrl'), apiKey: PRISM_KEY, mock: undefined, allowInsecureHttp: false });
    case 'partner': {
      const { baseUrl, apiKey } = env;
      if (!baseUrl || !apiKey) throw new Error('A run against one server needs both CONTRACT_BASE_URL and CONTRACT_API_KEY (an admin key of that server).');
      return () => ({ kind, baseUrl, apiKey, mock: undefined, allowInsecureHttp: env.allowInsecureHttp });
    }
    case 'msw': {
      const api = createMockApi({ seed: CONTRACT_SEED });
      const server = setupServer(...api.handlers);
      // The handlers answer every /v1/ route of the sandbox and production servers; anything
      // else the SDK sends is a bug, not a reason to reach the internet.
      beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
      afterEach(() => api.reset());
      afterAll(() => server.close());
      return () => mswEndpoint(api);
    }
  }
}

function testName(def: ContractDefinition): string {
  return def.kind === 'flow' ? `the flow ${def.title} works` : `${def.operationId} ${def.title}`;
}

/** Declares the family's contract tests for every active target. */
export function runFamily(family: Family): void {
  const env = contractEnv();
  for (const kind of activeTargets(env)) {
    describe(`${family.name} contracts against ${TARGET_LABELS[kind]}`, () => {
      const endpoint = useEndpoint(kind, env);
      for (const def of family.contracts) {
        if (!def.targets.includes(kind)) continue;
        it(testName(def), kind === 'partner' ? { timeout: 120_000 } : {}, async (ctx) => {
          const excluded = def.excluded[kind];
          if (excluded) ctx.skip(excluded);
          if (kind === 'partner' && def.write && !env.write) ctx.skip('changes data; runs with CONTRACT_WRITE=1');
          await executeContract(def, endpoint(), (reason) => ctx.skip(reason));
        });
      }
    });
  }
}
