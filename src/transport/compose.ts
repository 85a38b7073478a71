import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

/**
 * Chains policies, outermost first, around the terminal `send`. Every link returns a promise and
 * never throws synchronously, so a policy may chain on `next(…)` with `then` instead of an
 * `async` frame of its own: an idle policy simply returns `next(request, context)`.
 */
export function composePolicies(policies: readonly Policy[], terminal: Next): Next {
  return policies.reduceRight<Next>((next, policy) => settled((request, context) => policy.send(request, context, next)), settled(terminal));
}

/** The same `send`, turning a synchronous throw into a rejected promise. */
function settled(send: Next): Next {
  return (request: OutgoingRequest, context: CallContext): Promise<Response> => {
    try {
      return send(request, context);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}
