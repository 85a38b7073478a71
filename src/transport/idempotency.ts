import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

/**
 * One `Idempotency-Key` per logical call, on every write whose operation accepts one, set
 * outside the retry loop so every attempt carries the same key: the server then replays the
 * first result instead of writing twice. Callers may pass their own key, or `false` for none.
 */
export function idempotencyPolicy(newKey: () => string = () => crypto.randomUUID()): Policy {
  return {
    name: 'idempotency',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const accepts = context.operation?.idempotencyKey === true;
      if (!accepts || context.idempotencyKey === false || request.headers.has('idempotency-key')) return next(request, context);
      const headers = new Headers(request.headers);
      headers.set('Idempotency-Key', context.idempotencyKey ?? newKey());
      return next({ ...request, headers }, context);
    },
  };
}
