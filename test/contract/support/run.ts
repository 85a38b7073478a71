/**
 * `runFamily(family)`: turns a family's contracts into vitest tests, one `describe` per target.
 * Each test gets a fresh context (validating clients, ledger, cleanups) and fails on any spec
 * violation of any response it caused — even when its own assertions passed.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, inject, it } from 'vitest';
import { PermissionDeniedError } from '../../../src/index.js';
import { createMockApi, type MockApi } from '../../../mocks/index.js';
import { TARGET_LABELS, type ContractDefinition, type Family, type TargetKind } from './contract.js';
import { PRISM_KEY, activeTargets, contractEnv, createContext, type ContractEnv, type Skip, type TargetEndpoint } from './targets.js';

/** What the conformance reporter reads from each contract test. */
export interface ContractMeta {
  readonly kind: ContractDefinition['kind'];
  readonly operationId: string;
  readonly operations: readonly string[];
  readonly title: string;
  readonly target: TargetKind;
}

declare module 'vitest' {
  interface TaskMeta {
    contract?: ContractMeta;
  }
}

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
      if (!baseUrl || !apiKey) throw new Error('The conformance run needs both CONTRACT_BASE_URL and CONTRACT_API_KEY (an admin key of that server).');
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

/**
 * Runs one contract on one endpoint: the contract's own assertions, then its cleanups, then
 * the verdict of the shared response validator. Rejects when any response the test caused
 * (helpers and cleanups included) violates the spec, when the test failed, or when it never
 * called the operations it names.
 */
export async function executeContract(def: ContractDefinition, endpoint: TargetEndpoint, skip: Skip): Promise<void> {
  const { context, runCleanups } = createContext(endpoint, skip);
  let failure: unknown;
  let failed = false;
  try {
    await def.run(context);
  } catch (error) {
    failed = true;
    failure = error;
  }
  await runCleanups();
  const violations = context.ledger.violations;
  if (violations.length > 0) {
    const also = failed ? `\n(the test itself also failed: ${failure instanceof Error ? failure.message : String(failure)})` : '';
    throw new Error(`responses do not match the spec (${violations.length} problem${violations.length === 1 ? '' : 's'}):\n  ${violations.join('\n  ')}${also}`);
  }
  if (failed) {
    // A partner's key may be narrower than admin: that is not a conformance failure.
    if (endpoint.kind === 'partner' && failure instanceof PermissionDeniedError && failure.code === 'INSUFFICIENT_SCOPE') {
      skip(`the API key lacks a scope (${failure.message})`);
    }
    throw failure;
  }
  // Coverage is only real if the contract called what it names, and its answers were validated.
  const answered = new Set(context.ledger.operationIds());
  const notCalled = def.operations.filter((id) => !answered.has(id));
  if (notCalled.length > 0) throw new Error(`the contract never called ${notCalled.join(', ')}`);
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
        const meta: ContractMeta = { kind: def.kind, operationId: def.operationId, operations: def.operations, title: def.title, target: kind };
        it(testName(def), { meta: { contract: meta }, ...(kind === 'partner' ? { timeout: 120_000 } : {}) }, async (ctx) => {
          const excluded = def.excluded[kind];
          if (excluded) ctx.skip(excluded);
          if (kind === 'partner' && def.write && !env.write) ctx.skip('changes data; runs with CONTRACT_WRITE=1');
          await executeContract(def, endpoint(), (reason) => ctx.skip(reason));
        });
      }
    });
  }
}
