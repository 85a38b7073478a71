/**
 * The envelope every success of the API is documented with: `{"data": {…}}`, and for a list
 * page `{"data": {"items": […], "total", "page", "per_page"}}` with whole numbers. Only the
 * envelope is checked, not the fields of the data (a full schema check would cost more than
 * the rest of the pipeline and the types already describe the data): enough that the SDK's own
 * code never trips on a body that is something else — `null`, `42`, a proxy's `{"status":"ok"}` —
 * and that the caller gets a typed error naming what was missing instead of wrong data.
 *
 * @packageDocumentation
 */
import { ResponseShapeError } from '../errors/index.js';
import type { RouteInfo } from '../../generated/routes.js';

/** How a value looks, for a message: never the content of a string. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object': {
      const keys = Object.keys(value as object);
      if (keys.length === 0) return 'an empty object';
      const shown = keys.slice(0, 5).map((key) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key));
      return `an object with ${shown.join(', ')}${keys.length > 5 ? ` and ${keys.length - 5} more` : ''}`;
    }
    case 'number':
      return String(value);
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * What a list page's `data` lacks: `items` an array, `total`, `page` and `per_page` whole numbers
 * ≥ 0; `undefined` when it has them all. `where` prefixes the names (`data.`).
 */
export function listProblem(data: unknown, where = 'data.'): string | undefined {
  if (!isObject(data)) return `"${where.slice(0, -1)}" as an object with the list fields (got ${describe(data)})`;
  if (!Array.isArray(data['items'])) return `"${where}items" as an array (got ${describe(data['items'])})`;
  for (const field of ['total', 'page', 'per_page'] as const) {
    if (!isCount(data[field])) return `"${where}${field}" as a whole number ≥ 0 (got ${describe(data[field])})`;
  }
  return undefined;
}

/** What a success body lacks of the envelope; `undefined` when it is one. Pure: see the property tests. */
export function envelopeProblem(json: unknown, list: boolean): string | undefined {
  if (!isObject(json)) return `a JSON object with "data" (got ${describe(json)})`;
  if (!Object.hasOwn(json, 'data')) return `"data" (got ${describe(json)})`;
  const data = json['data'];
  if (!isObject(data)) return `"data" as an object (got ${describe(data)})`;
  return list ? listProblem(data) : undefined;
}

/**
 * Throws a `ResponseShapeError` naming the operation and what is missing when the parsed body of
 * a success is not the documented envelope of `route`.
 */
export function checkEnvelope(route: RouteInfo, response: Response, json: unknown): void {
  const problem = envelopeProblem(json, route.paginated);
  if (problem === undefined) return;
  throw new ResponseShapeError({ operation: route.operationId, method: route.method, path: route.path, status: response.status, headers: response.headers, problem });
}
