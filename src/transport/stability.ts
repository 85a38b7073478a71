import { ConfigurationError } from '../errors/index.js';
import type { StabilityLevel } from '../options.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

const RANK: Record<StabilityLevel, number> = { stable: 0, beta: 1, internal: 2 };

/**
 * Beta and internal operations are opt-in: the types hide them from a default client, and
 * this guard stops JavaScript callers (or casts) before anything is sent.
 */
export function stabilityPolicy(level: StabilityLevel): Policy {
  return {
    name: 'stability',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const op = context.operation;
      if (op && RANK[op.stability] > RANK[level]) {
        return Promise.reject(
          new ConfigurationError(
            `${op.operationId} (${op.method} ${op.path}) is a ${op.stability} operation; create the client with ` +
              `createClient({ stability: '${op.stability}' }) to call it.`,
            { option: 'stability' },
          ),
        );
      }
      return next(request, context);
    },
  };
}
