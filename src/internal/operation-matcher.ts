import { operations, type OperationInfo } from '../../generated/operations.js';

interface Route {
  method: string;
  pattern: RegExp;
  operation: OperationInfo;
}

let routes: Route[] | undefined;

function compile(): Route[] {
  const list = (Object.values(operations) as OperationInfo[]).map((operation) => ({
    method: operation.method,
    pattern: new RegExp(`^${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    operation,
    params: operation.pathParams.length,
  }));
  // Literal paths win over templated ones (`/v1/events/trigger` before `/v1/events/{id}`).
  list.sort((a, b) => a.params - b.params);
  return list;
}

/**
 * The operation a request is for, from its method and URL path (below the base URL's own
 * path, e.g. `/api`). Compiled lazily on first use to keep import time low.
 */
export function matchOperation(method: string, pathname: string, basePath: string): OperationInfo | undefined {
  routes ??= compile();
  const path = basePath !== '/' && pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const upper = method.toUpperCase();
  for (const route of routes) if (route.method === upper && route.pattern.test(path)) return route.operation;
  return undefined;
}
