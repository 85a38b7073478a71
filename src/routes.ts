/**
 * What the runtime knows about each operation, decoded from the compact table
 * `npm run generate` writes to `generated/routes.ts` (data only). The encoding is described,
 * and checked against the full operations table, in `scripts/codegen/routes-table.ts`: one line
 * per operation, `operationId METHOD /path flags [rateLimitGroup [deprecatedAt sunset successor]]`.
 *
 * Decoded on the first call, not at import, which it would slow.
 *
 * @packageDocumentation
 */
import { routeTable, type RouteId } from '../generated/routes.js';

export type { RouteId };

/** What the runtime reads about one operation: a subset of `OperationInfo` (generated/operations.ts). */
export interface RouteInfo {
  /** The operationId, `<resource>_<method>`. */
  readonly operationId: RouteId;
  /** Facade group: `client.<resource>`. */
  readonly resource: string;
  /** Facade method: `client.<resource>.<name>()`. */
  readonly name: string;
  /** HTTP method. */
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  /** Path template below the base URL, e.g. `/v1/agents/{agent_id}`. */
  readonly path: string;
  /** `x-stability`: stable, beta or internal. */
  readonly stability: 'stable' | 'beta' | 'internal';
  /** Marked `deprecated: true` in the spec. */
  readonly deprecated: boolean;
  /** Date (YYYY-MM-DD) the operation was deprecated. */
  readonly deprecatedAt: string | null;
  /** Date (YYYY-MM-DD) after which the operation stops working. */
  readonly sunset: string | null;
  /** operationId to use instead. */
  readonly successor: string | null;
  /** A list taking `page` and `per_page`. */
  readonly paginated: boolean;
  /** Safe to repeat by HTTP semantics (RFC 9110 §9.2.2). */
  readonly idempotent: boolean;
  /** Accepts an `Idempotency-Key` header, which makes retrying this write safe. */
  readonly idempotencyKey: boolean;
  /** The rate-limit budget it draws on (`x-rate-limit-group`, default `default`). */
  readonly rateLimitGroup: string;
  /** Path parameters, in path order (the facade takes them positionally). */
  readonly pathParams: readonly string[];
  /** Whether it takes query parameters. */
  readonly query: boolean;
  /** Whether it takes a JSON body. */
  readonly body: 'none' | 'optional' | 'required';
}

const STABILITY = { s: 'stable', b: 'beta', i: 'internal' } as const;
const BODY = { n: 'none', o: 'optional', r: 'required' } as const;
const orNull = (field: string | undefined): string | null => (field === undefined || field === '-' ? null : field);

/** Decodes one line of the table. */
function decode(line: string): RouteInfo {
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
    query: flags.includes('q'),
    body: BODY[flags[1] as keyof typeof BODY],
  };
}

let list: readonly RouteInfo[] | undefined;
let byId: Map<string, RouteInfo> | undefined;

/** Every operation of the spec, in operationId order; decoded on the first call. */
export function routeList(): readonly RouteInfo[] {
  return (list ??= routeTable.split('\n').map(decode));
}

/** The route of an operationId. */
export function route(operationId: RouteId): RouteInfo {
  byId ??= new Map(routeList().map((r) => [r.operationId, r]));
  return byId.get(operationId)!;
}
