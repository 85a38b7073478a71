import type { RouteInfo } from '../../generated/routes.js';
import { serializeBody } from './body.js';
import { checkPathParams } from './path.js';
import { checkQuery } from './query.js';

/**
 * Checks the arguments of a facade call — path parameters, query, body — before anything is
 * sent, naming the call as `tickets.create()`; returns the body's JSON text (undefined: none).
 * @throws InvalidArgumentError naming the argument.
 * @internal
 */
export function checkCallInput(route: RouteInfo, input: { path?: unknown; query?: unknown; body?: unknown }): string | undefined {
  const label = `${route.resource}.${route.name}()`;
  checkPathParams(route.path, input.path, label, route.pathParams);
  checkQuery(input.query, route, label);
  return serializeBody(input.body, route, label);
}
