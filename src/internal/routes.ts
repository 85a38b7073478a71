/**
 * The routes table the runtime reads (`generated/routes.ts`, data only), decoded on first use
 * rather than at import: each operation's method, path, stability, paging, body and query
 * parameters, and the rules its query values are checked against. The encoding is described in
 * `scripts/codegen/routes-table.ts`.
 *
 * @internal
 * @packageDocumentation
 */
import { QUERY, QUERY_RULES, ROUTES, type RouteId, type RouteInfo } from '../../generated/routes.js';

/** What the SDK checks of a query parameter's value: its type and the spec's bounds. */
export interface QueryRule {
  readonly type: 'integer' | 'number' | 'boolean' | 'string';
  /** `minimum` of a number, `minLength` of a string. */
  readonly min: number | undefined;
  /** `maximum` of a number, `maxLength` of a string. */
  readonly max: number | undefined;
}

const STABILITY = { s: 'stable', b: 'beta', i: 'internal' } as const;
const BODY = { n: 'none', o: 'optional', r: 'required' } as const;
const TYPES = { i: 'integer', n: 'number', b: 'boolean', s: 'string' } as const;
const orNull = (field: string | undefined): string | null => (field === undefined || field === '-' ? null : field);
const bound = (field: string | undefined): number | undefined => (field === undefined || field === '-' ? undefined : Number(field));

function decode(line: string, query: ReadonlyMap<string, readonly string[]>): RouteInfo {
  const [operationId, method, path, flags, group, deprecatedAt, sunset, successor] = line.split(' ') as [RouteId, RouteInfo['method'], string, string, ...Array<string | undefined>];
  const split = operationId.indexOf('_');
  return {
    operationId,
    resource: operationId.slice(0, split),
    name: operationId.slice(split + 1),
    method,
    path,
    stability: STABILITY[flags[0] as keyof typeof STABILITY],
    deprecated: flags.includes('d'),
    deprecatedAt: orNull(deprecatedAt),
    sunset: orNull(sunset),
    successor: orNull(successor),
    paginated: flags.includes('p'),
    idempotent: method !== 'POST' && method !== 'PATCH',
    idempotencyKey: flags.includes('k'),
    rateLimitGroup: orNull(group) ?? 'default',
    pathParams: path.match(/[^{}]+(?=\})/g) ?? [],
    queryParams: flags.includes('p') ? ['page', 'per_page', ...(query.get(operationId) ?? [])] : (query.get(operationId) ?? []),
    body: BODY[flags[1] as keyof typeof BODY],
  };
}

let list: readonly RouteInfo[] | undefined;
let byId: Map<string, RouteInfo> | undefined;
let byTemplate: Map<string, RouteInfo> | undefined;
let rules: Map<string, QueryRule> | undefined;

/** Every operation of the spec, in operationId order; decoded on the first call. */
export function routeList(): readonly RouteInfo[] {
  if (list) return list;
  const query = new Map(QUERY.split('\n').map((line) => {
    const [id, ...names] = line.split(' ');
    return [id!, names] as const;
  }));
  return (list = ROUTES.split('\n').map((line) => decode(line, query)));
}

/** The route of an operationId. */
export function route(operationId: RouteId): RouteInfo {
  byId ??= new Map(routeList().map((r) => [r.operationId, r]));
  return byId.get(operationId)!;
}

/** The operation of a method and path template (`GET`, `/v1/agents/{agent_id}`), as the low-level client names it. */
export function routeOf(method: string, template: string): RouteInfo | undefined {
  byTemplate ??= new Map(routeList().map((r) => [`${r.method} ${r.path}`, r]));
  return byTemplate.get(`${method} ${template}`);
}

const PLAIN_STRING: QueryRule = { type: 'string', min: undefined, max: undefined };

/** The rule of a query parameter, by name (one per name across the spec); a plain string when the spec sets no bounds. */
export function queryRule(name: string): QueryRule {
  rules ??= new Map(QUERY_RULES.split('\n').map((line) => {
    const [param, type, min, max] = line.split(' ');
    return [param!, { type: TYPES[type as keyof typeof TYPES], min: bound(min), max: bound(max) }] as const;
  }));
  return rules.get(name) ?? PLAIN_STRING;
}
