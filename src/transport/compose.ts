import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

/**
 * Chains policies, outermost first, around the terminal `send`.
 *
 * **The one performance rule of the pipeline**, for every policy and for the two ways in: *no
 * async frame when idle.* A policy with nothing to do for a call returns `next(request,
 * context)` itself, and one that must look at the answer chains a single `then` on it; neither
 * is an `async` function nor `await`s on the common path. Each `async` frame or extra `then`
 * is one more turn of the microtask queue per call, and before this rule the pipeline spent
 * ~5 µs per call in them (bench/results.md §1). Waiting (a retry's backoff, an asynchronous
 * store, a credential provider) is the exception, and may `await` freely.
 *
 * What makes the rule easy to keep: every link returns a promise and never throws
 * synchronously, so a policy may throw (a refused call, a store that fails) and the throw
 * becomes the call's rejection here.
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
