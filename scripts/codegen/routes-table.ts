/**
 * `generated/routes.ts`: the part of the operations table the runtime reads, as data in a
 * compact encoding that `src/internal/routes.ts` decodes on first use (not at import, which it
 * would slow). The full table (`generated/operations.ts`: summaries, tags, scopes…) stays for
 * the CLI, the docs and integrators; the runtime entries import this one, which minifies to a
 * fraction of the size. No code goes into generated/: the decoder lives in src/.
 *
 * `ROUTES`, one line per operation, fields separated by a space:
 *
 *   operationId METHOD /path flags [rateLimitGroup [deprecatedAt sunset successor]]
 *
 * `flags` is the stability letter (s, b, i), the body letter (n none, o optional, r required),
 * then `p` paginated, `k` accepts an Idempotency-Key, `d` deprecated. `-` stands for the
 * default group or a missing date/successor; trailing defaults are left out. Derived when
 * decoding, and checked against the full table here: resource and name (from the
 * operationId), path parameters (from the path, in path order), idempotent (from the method).
 *
 * `QUERY`, one line per operation that takes query parameters: `operationId name name …`, in
 * the spec's order; a list's `page` and `per_page`, always first, are left out.
 *
 * `QUERY_RULES`, one line per query parameter name whose values the SDK checks before sending:
 * `name type [min [max]]`, type `i` whole number, `n` number, `b` boolean, `s` string (min and
 * max are then lengths); `-` for no bound. A name not listed is a string of any length. One rule
 * per name across the spec (the generator fails otherwise). Enums and patterns are left to the
 * server: a value the API learns after this SDK was built must still go through.
 */
import type { OperationRow } from './operations-table.js';
import { eachOperation, type OpenApiDocument } from './spec-types.js';

const STABILITY = { stable: 's', beta: 'b', internal: 'i' } as const;
const BODY = { none: 'n', optional: 'o', required: 'r' } as const;
const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'];
/** The query parameters every list starts with, left out of its `QUERY` line. */
const PAGING = ['page', 'per_page'];

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
  if (row.idempotencyKey) flags += 'k';
  if (row.deprecated) flags += 'd';
  const fields = [row.operationId, row.method, row.path, flags, row.rateLimitGroup === 'default' ? '-' : row.rateLimitGroup, row.deprecatedAt ?? '-', row.sunset ?? '-', row.successor ?? '-'];
  while (fields.length > 4 && fields.at(-1) === '-') fields.pop();
  return fields.join(' ');
}

/** What the runtime checks of a query parameter's value before sending it. */
export interface QueryRule {
  type: 'integer' | 'number' | 'boolean' | 'string';
  /** `minimum` of a number, `minLength` of a string. */
  min?: number;
  /** `maximum` of a number, `maxLength` of a string. */
  max?: number;
}

const TYPE_LETTER = { integer: 'i', number: 'n', boolean: 'b', string: 's' } as const;

function resolveSchema(doc: OpenApiDocument, schema: unknown): Record<string, unknown> {
  let node = (schema ?? {}) as Record<string, unknown>;
  for (let hops = 0; typeof node['$ref'] === 'string'; hops++) {
    const ref = node['$ref'];
    if (hops > 16 || !ref.startsWith('#/components/schemas/')) throw new Error(`cannot resolve ${ref}`);
    node = (doc.components?.schemas?.[ref.slice('#/components/schemas/'.length)] ?? {}) as Record<string, unknown>;
  }
  return node;
}

/** The rule of one query parameter's schema; throws for a schema the runtime's checks cannot express. */
export function queryRule(where: string, schema: Record<string, unknown>): QueryRule {
  const type = schema['type'];
  if (type !== 'integer' && type !== 'number' && type !== 'boolean' && type !== 'string') {
    throw new Error(`${where}: the runtime checks scalar query parameters only (integer, number, boolean, string), got type ${JSON.stringify(type)}`);
  }
  for (const keyword of ['exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']) {
    if (keyword in schema) throw new Error(`${where}: the query rules cannot express ${keyword}; extend scripts/codegen/routes-table.ts`);
  }
  const [min, max] = type === 'string' ? [schema['minLength'], schema['maxLength']] : [schema['minimum'], schema['maximum']];
  return { type, ...(typeof min === 'number' ? { min } : {}), ...(typeof max === 'number' ? { max } : {}) };
}

/**
 * The rule of every query parameter of the spec, by name; fails when two operations give one
 * name different rules (the encoding keeps one per name), or when a request body is not a JSON
 * object (the runtime refuses any other body for a known operation).
 */
export function buildQueryRules(doc: OpenApiDocument): Map<string, QueryRule> {
  const rules = new Map<string, QueryRule>();
  for (const { path, method, op, parameters } of eachOperation(doc)) {
    const where = `${op.operationId ?? `${method.toUpperCase()} ${path}`}`;
    for (const param of parameters) {
      if (param.in !== 'query') continue;
      const rule = queryRule(`${where} query ${param.name}`, resolveSchema(doc, param.schema));
      const known = rules.get(param.name);
      if (known && JSON.stringify(known) !== JSON.stringify(rule)) {
        throw new Error(`${where}: query parameter ${param.name} has rule ${JSON.stringify(rule)}, another operation ${JSON.stringify(known)}; the runtime keeps one rule per name`);
      }
      rules.set(param.name, rule);
    }
    for (const [mediaType, content] of Object.entries(op.requestBody?.content ?? {})) {
      if (mediaType !== 'application/json' || resolveSchema(doc, content.schema)['type'] !== 'object') {
        throw new Error(`${where}: the runtime sends JSON object bodies only, got ${mediaType} ${JSON.stringify(resolveSchema(doc, content.schema)['type'])}`);
      }
    }
  }
  return rules;
}

/** Encodes the rules: only the names that are not plain strings of any length. */
export function encodeQueryRules(rules: Map<string, QueryRule>): string {
  const bound = (n: number | undefined): string => (n === undefined ? '-' : String(n));
  return [...rules]
    .filter(([, rule]) => rule.type !== 'string' || rule.min !== undefined || rule.max !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, rule]) => [name, TYPE_LETTER[rule.type], bound(rule.min), bound(rule.max)].join(' ').replace(/( -)+$/, ''))
    .join('\n');
}

export function renderRoutesModule(rows: OperationRow[], doc: OpenApiDocument): string {
  const ids = rows.map((r) => `'${r.operationId}'`);
  const servers = (doc.servers ?? []).map((s) => s.url);
  const query = rows.filter((r) => r.queryParams.length > 0).map((r) => [r.operationId, ...r.queryParams.slice(r.paginated ? PAGING.length : 0)].join(' '));
  for (const row of rows) if (row.paginated && row.queryParams.slice(0, PAGING.length).join() !== PAGING.join()) throw new Error(`${row.operationId}: the query table expects a list's parameters to start with ${PAGING.join(', ')}`);
  for (const name of rows.flatMap((r) => r.queryParams)) if (!/^[^\s{}]+$/.test(name)) throw new Error(`the query table cannot encode the parameter name ${JSON.stringify(name)}`);
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
  /** Query parameters, in the spec's order. */
  readonly queryParams: readonly string[];
  /** Whether it takes a JSON body (always an object). */
  readonly body: 'none' | 'optional' | 'required';
}

/** An operationId of the spec. */
export type RouteId =
${ids.map((id) => `  | ${id}`).join('\n')};

/** Servers of the spec: production first, then the sandbox. */
export const servers = ${JSON.stringify(servers)} as const;

// The encodings are described in scripts/codegen/routes-table.ts; src/internal/routes.ts decodes them.

/** One line per operation: \`operationId METHOD /path flags [group [deprecatedAt sunset successor]]\`. */
export const ROUTES = ${JSON.stringify(rows.map(encodeRoute).join('\n'))};

/** One line per operation that takes query parameters: \`operationId name name …\` (a list's \`page per_page\` left out). */
export const QUERY = ${JSON.stringify(query.join('\n'))};

/** One line per query parameter the SDK checks: \`name type [min [max]]\` (\`i\` whole number, \`n\` number, \`b\` boolean, \`s\` string; \`-\` no bound). */
export const QUERY_RULES = ${JSON.stringify(encodeQueryRules(buildQueryRules(doc)))};
`;
}
