/**
 * Runs one contract on one endpoint. Shared by the repository's vitest suite (test/contract)
 * and the partner conformance run ({@link runConformance}).
 */
import { PermissionDeniedError } from '@opsmerge/sdk';
import type { ContractDefinition } from './contract.js';
import { createContext, type Skip, type TargetEndpoint } from './context.js';

/** Why a contract failed, as one message (assertion, spec violations, or a call that never went out). */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one contract on one endpoint: the contract's own assertions, then its cleanups, then
 * the verdict of the shared response validator. Rejects when any response the contract caused
 * (helpers and cleanups included) violates the spec, when the contract failed, or when it
 * never called the operations it names. Calls `skip` (which throws) when the contract cannot
 * run there: the server lacks data it needs, or a partner's key lacks a scope. `onResponse`
 * hears the operation and status of every response the contract caused.
 */
export async function executeContract(def: ContractDefinition, endpoint: TargetEndpoint, skip: Skip, onResponse?: (operationId: string, status: number) => void): Promise<void> {
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
  if (onResponse) for (const r of context.ledger.responses) if (r.operationId) onResponse(r.operationId, r.status);
  const violations = context.ledger.violations;
  if (violations.length > 0) {
    const also = failed ? `\n(the test itself also failed: ${messageOf(failure)})` : '';
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
