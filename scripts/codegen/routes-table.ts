/**
 * `generated/routes.ts`: the part of the operations table the runtime reads, in a compact
 * encoding decoded on first use (not at import, which it would slow). The full table (`generated/operations.ts`: summaries,
 * tags, scopes, query parameter names…) stays for the CLI, the docs and integrators; the
 * runtime entries import this one, which minifies to a fraction of the size.
 *
 * One string per operation, fields separated by a space:
 *
 *   operationId METHOD /path flags [rateLimitGroup [deprecatedAt sunset successor]]
 *
 * `flags` is the stability letter (s, b, i), the body letter (n none, o optional, r required),
 * then `p` paginated, `q` takes query parameters, `k` accepts an Idempotency-Key, `d`
 * deprecated. `-` stands for the default group or a missing date/successor; trailing defaults
 * are left out. Derived when decoding, and checked against the full table here: resource and
 * name (from the operationId), path parameters (from the path, in path order), idempotent
 * (from the method).
 */
import type { OperationRow } from './operations-table.js';

const STABILITY = { stable: 's', beta: 'b', internal: 'i' } as const;
const BODY = { none: 'n', optional: 'o', required: 'r' } as const;
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];

/** The path parameters a template names, in path order. */
export function templateParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Encodes one row; throws when the row holds something the encoding would lose. */
export function encodeRoute(row: OperationRow): string {
  const where = `${row.operationId}: the routes table`;
  if (row.operationId !== `${row.resource}_${row.name}`) throw new Error(`${where} derives resource and name from the operationId`);
  if (templateParams(row.path).join() !== row.pathParams.join()) throw new Error(`${where} derives path parameters from the path, in path order; the spec lists ${row.pathParams.join(', ')}`);
  if (IDEMPOTENT_METHODS.includes(row.method) !== row.idempotent) throw new Error(`${where} derives idempotent from the method`);
  for (const value of [row.operationId, row.path, row.rateLimitGroup, row.deprecatedAt, row.sunset, row.successor]) {
    if (value !== null && (value === '' || value === '-' || /\s/.test(value))) throw new Error(`${where} cannot encode ${JSON.stringify(value)}`);
  }
  let flags = STABILITY[row.stability] + BODY[row.body];
  if (row.paginated) flags += 'p';
  if (row.queryParams.length > 0) flags += 'q';
  if (row.idempotencyKey) flags += 'k';
  if (row.deprecated) flags += 'd';
  const fields = [row.operationId, row.method, row.path, flags, row.rateLimitGroup === 'default' ? '-' : row.rateLimitGroup, row.deprecatedAt ?? '-', row.sunset ?? '-', row.successor ?? '-'];
  while (fields.length > 4 && fields.at(-1) === '-') fields.pop();
  return fields.join(' ');
}

export function renderRoutesModule(rows: OperationRow[], servers: string[]): string {
  const ids = rows.map((r) => `'${r.operationId}'`);
  return `/** What the runtime reads about one operation: a subset of \`OperationInfo\` (generated/operations.ts). */
export interface RouteInfo {
  /** The operationId, \`<resource>_<method>\`. */
  readonly operationId: RouteId;
  /** Facade group: \`client.<resource>\`. */
  readonly resource: string;
  /** Facade method: \`client.<resource>.<name>()\`. */
  readonly name: string;
  /** HTTP method. */
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  /** Path template below the base URL, e.g. \`/v1/agents/{agent_id}\`. */
  readonly path: string;
  /** \`x-stability\`: stable, beta or internal. */
  readonly stability: 'stable' | 'beta' | 'internal';
  /** Marked \`deprecated: true\` in the spec. */
  readonly deprecated: boolean;
  /** Date (YYYY-MM-DD) the operation was deprecated. */
  readonly deprecatedAt: string | null;
  /** Date (YYYY-MM-DD) after which the operation stops working. */
  readonly sunset: string | null;
  /** operationId to use instead. */
  readonly successor: string | null;
  /** A list taking \`page\` and \`per_page\`. */
  readonly paginated: boolean;
  /** Safe to repeat by HTTP semantics (RFC 9110 §9.2.2). */
  readonly idempotent: boolean;
  /** Accepts an \`Idempotency-Key\` header, which makes retrying this write safe. */
  readonly idempotencyKey: boolean;
  /** The rate-limit budget it draws on (\`x-rate-limit-group\`, default \`default\`). */
  readonly rateLimitGroup: string;
  /** Path parameters, in path order (the facade takes them positionally). */
  readonly pathParams: readonly string[];
  /** Whether it takes query parameters. */
  readonly query: boolean;
  /** Whether it takes a JSON body. */
  readonly body: 'none' | 'optional' | 'required';
}

/** An operationId of the spec. */
export type RouteId =
${ids.map((id) => `  | ${id}`).join('\n')};

/** Servers of the spec: production first, then the sandbox. */
export const servers = ${JSON.stringify(servers)} as const;

// One line per operation: operationId METHOD /path flags [group [deprecatedAt sunset successor]]
// (see scripts/codegen/routes-table.ts for the encoding).
const TABLE = ${JSON.stringify(rows.map(encodeRoute).join('\n'))};

const STABILITY = { s: 'stable', b: 'beta', i: 'internal' } as const;
const BODY = { n: 'none', o: 'optional', r: 'required' } as const;
const orNull = (field: string | undefined): string | null => (field === undefined || field === '-' ? null : field);

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
    pathParams: path.match(/[^{}]+(?=\\})/g) ?? [],
    query: flags.includes('q'),
    body: BODY[flags[1] as keyof typeof BODY],
  };
}

let list: readonly RouteInfo[] | undefined;
let byId: Map<string, RouteInfo> | undefined;

/** Every operation of the spec, in operationId order; decoded on the first call. */
export function routeList(): readonly RouteInfo[] {
  return (list ??= TABLE.split('\\n').map(decode));
}

/** The route of an operationId. */
export function route(operationId: RouteId): RouteInfo {
  byId ??= new Map(routeList().map((r) => [r.operationId, r]));
  return byId.get(operationId)!;
}
`;
}
