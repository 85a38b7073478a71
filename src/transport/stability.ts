import type { RouteInfo } from '../../generated/routes.js';
import { ConfigurationError } from '../errors/usage.js';
import type { StabilityLevel } from '../options.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

const RANK: Record<StabilityLevel, number> = { stable: 0, beta: 1, internal: 2 };

/**
 * The one rule of stability levels: an operation above the client's level is refused, with
 * this error, whichever way it is called (the facade's `client.apiKeys.rotate()` or the
 * low-level `client.POST(…)`); `undefined` when the client may call it.
 */
export function stabilityRefusal(op: RouteInfo, level: StabilityLevel): ConfigurationError | undefined {
  if (RANK[op.stability] <= RANK[level]) return undefined;
  return new ConfigurationError(
    `${op.resource}.${op.name}() (${op.method} ${op.path}) is a ${op.stability} operation; create the client with ` +
      `createClient({ stability: '${op.stability}' }) to call it.`,
    { option: 'stability' },
  );
}

/**
 * Beta and internal operations are opt-in: the types hide them from a default client, and
 * this guard stops JavaScript callers (or casts) before anything is sent.
 */
export function stabilityPolicy(level: StabilityLevel): Policy {
  return {
    name: 'stability',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const refused = context.operation && stabilityRefusal(context.operation, level);
      return refused ? Promise.reject(refused) : next(request, context);
    },
  };
}
