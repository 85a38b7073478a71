/**
 * `generated/routes.ts`: the part of the operations table the runtime reads, as data only: a
 * compact encoding that `src/routes.ts` decodes on first use. The full table
 * (`generated/operations.ts`: summaries, tags, scopes, query parameter names…) stays for the
 * CLI, the docs and integrators; the runtime entries import this one, which minifies to a
 * fraction of the size.
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
  return `// Data only: src/routes.ts decodes the table (see scripts/codegen/routes-table.ts for the encoding).

/** An operationId of the spec. */
export type RouteId =
${ids.map((id) => `  | ${id}`).join('\n')};

/** Servers of the spec: production first, then the sandbox. */
export const servers = ${JSON.stringify(servers)} as const;

/** One line per operation: \`operationId METHOD /path flags [group [deprecatedAt sunset successor]]\`. */
export const routeTable: string = ${JSON.stringify(rows.map(encodeRoute).join('\n'))};
`;
}
