import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

/** Chains policies, outermost first, around the terminal `send`. */
export function composePolicies(policies: readonly Policy[], terminal: Next): Next {
  return policies.reduceRight<Next>(
    (next, policy) => (request: OutgoingRequest, context: CallContext) => policy.send(request, context, next),
    terminal,
  );
}
