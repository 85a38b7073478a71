import type { RouteInfo } from '../../generated/routes.js';
import { routeList } from './routes.js';

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  route: RouteInfo;
  params: number;
}

let compiled: CompiledRoute[] | undefined;

function compile(): CompiledRoute[] {
  const list = routeList().map((route) => ({
    method: route.method,
    pattern: new RegExp(`^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    route,
    params: route.pathParams.length,
  }));
  // Literal paths win over templated ones (`/v1/events/trigger` before `/v1/events/{id}`).
  list.sort((a, b) => a.params - b.params);
  return list;
}

/**
 * The operation a request is for, from its method and URL path (below the base URL's own
 * path, e.g. `/api`). Compiled lazily on first use to keep import time low.
 */
export function matchOperation(method: string, pathname: string, basePath: string): RouteInfo | undefined {
  compiled ??= compile();
  const path = basePath !== '/' && pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const upper = method.toUpperCase();
  for (const entry of compiled) if (entry.method === upper && entry.pattern.test(path)) return entry.route;
  return undefined;
}
