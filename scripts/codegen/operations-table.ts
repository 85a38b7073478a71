import { eachOperation, type OpenApiDocument } from './spec-types.js';

export type Stability = 'stable' | 'beta' | 'internal';

/** One row of the operations table: what the runtime needs to know about an operation. */
export interface OperationRow {
  operationId: string;
  /** Facade group, from the operationId's part before `_` (`apiKeys_create` → `apiKeys`). */
  resource: string;
  /** Facade method, from the part after `_` (`apiKeys_create` → `create`). */
  name: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  path: string;
  family: string;
  tag: string;
  summary: string;
  stability: Stability;
  deprecated: boolean;
  deprecatedAt: string | null;
  sunset: string | null;
  successor: string | null;
  scopes: string[];
  paginated: boolean;
  /** Safe to repeat by HTTP semantics (RFC 9110 §9.2.2). */
  idempotent: boolean;
  /** Accepts an `Idempotency-Key` header, which makes a retry of this write safe. */
  idempotencyKey: boolean;
  rateLimitGroup: string;
  pathParams: string[];
  queryParams: string[];
  body: 'none' | 'optional' | 'required';
}

const OPERATION_ID = /^([a-z][A-Za-z0-9]*)_([a-z][A-Za-z0-9]*)$/;

export function buildOperationTable(doc: OpenApiDocument): OperationRow[] {
  const familyOfTag = new Map<string, string>();
  for (const group of doc['x-tagGroups'] ?? []) for (const tag of group.tags) familyOfTag.set(tag, group.name);
  const rows: OperationRow[] = [];
  for (const { path, method, op, parameters } of eachOperation(doc)) {
    const id = op.operationId ?? '';
    const m = OPERATION_ID.exec(id);
    if (!m) throw new Error(`${method.toUpperCase()} ${path}: operationId "${id}" is not <resource>_<method>`);
    const stability = op['x-stability'];
    if (!stability) throw new Error(`${id}: missing x-stability`);
    const tag = op.tags?.[0] ?? '';
    const query = parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const upper = method.toUpperCase() as OperationRow['method'];
    rows.push({
      operationId: id,
      resource: m[1]!,
      name: m[2]!,
      method: upper,
      path,
      family: familyOfTag.get(tag) ?? 'Other',
      tag,
      summary: op.summary ?? '',
      stability,
      deprecated: op.deprecated === true,
      deprecatedAt: op['x-deprecated-at'] ?? null,
      sunset: op['x-sunset'] ?? null,
      successor: op['x-successor'] ?? null,
      scopes: op['x-required-scopes'] ?? [],
      paginated: query.includes('page') && query.includes('per_page'),
      idempotent: ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(upper),
      idempotencyKey: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      rateLimitGroup: op['x-rate-limit-group'] ?? 'default',
      pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: query,
      body: op.requestBody ? (op.requestBody.required ? 'required' : 'optional') : 'none',
    });
  }
  rows.sort((a, b) => a.operationId.localeCompare(b.operationId));
  return rows;
}

export function renderOperationsModule(rows: OperationRow[], doc: OpenApiDocument): string {
  const groups = doc['x-rate-limit-groups'] ?? {};
  const lines: string[] = [];
  lines.push(`/** Stability tier of an operation (\`x-stability\` in the spec). */`);
  lines.push(`export type Stability = 'stable' | 'beta' | 'internal';`);
  lines.push('');
  lines.push('/** What the runtime knows about one operation, read from the spec. */');
  lines.push('export interface OperationInfo {');
  lines.push('  /** The operationId, `<resource>_<method>`. */', '  readonly operationId: string;');
  lines.push('  /** Facade group: `client.<resource>`. */', '  readonly resource: string;');
  lines.push('  /** Facade method: `client.<resource>.<name>()`. */', '  readonly name: string;');
  lines.push('  /** HTTP method. */', `  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';`);
  lines.push('  /** Path template below the base URL, e.g. `/v1/agents/{agent_id}`. */', '  readonly path: string;');
  lines.push('  /** Resource family (the tag group): Account, RMM, PSA, Incidents, Analytics, M365, Internal. */', '  readonly family: string;');
  lines.push('  /** The resource tag. */', '  readonly tag: string;');
  lines.push('  /** One-line summary from the spec. */', '  readonly summary: string;');
  lines.push('  /** `x-stability`: stable, beta or internal. */', '  readonly stability: Stability;');
  lines.push('  /** Marked `deprecated: true` in the spec. */', '  readonly deprecated: boolean;');
  lines.push('  /** Date (YYYY-MM-DD) the operation was deprecated. */');
  lines.push('  readonly deprecatedAt: string | null;');
  lines.push('  /** Date (YYYY-MM-DD) after which the operation stops working. */');
  lines.push('  readonly sunset: string | null;');
  lines.push('  /** operationId to use instead. */');
  lines.push('  readonly successor: string | null;');
  lines.push('  /** `x-required-scopes`: every scope the key needs. */', '  readonly scopes: readonly string[];');
  lines.push('  /** A list taking `page` and `per_page`. */', '  readonly paginated: boolean;');
  lines.push('  /** Safe to repeat by HTTP semantics (RFC 9110 §9.2.2). */');
  lines.push('  readonly idempotent: boolean;');
  lines.push('  /** Accepts an `Idempotency-Key` header, which makes retrying this write safe. */');
  lines.push('  readonly idempotencyKey: boolean;');
  lines.push('  /** The rate-limit budget it draws on (`x-rate-limit-group`, default `default`). */', '  readonly rateLimitGroup: string;');
  lines.push('  /** Path parameters, in path order (the facade takes them positionally). */', '  readonly pathParams: readonly string[];');
  lines.push('  /** Query parameters. */', '  readonly queryParams: readonly string[];');
  lines.push('  /** Whether it takes a JSON body. */', `  readonly body: 'none' | 'optional' | 'required';`);
  lines.push('}');
  lines.push('');
  lines.push('/** Every operation of the spec, keyed by operationId. */');
  lines.push('export const operations = {');
  for (const row of rows) lines.push(`  ${row.operationId}: ${JSON.stringify(row)},`);
  lines.push('} as const satisfies Record<string, OperationInfo>;');
  lines.push('');
  lines.push('/** An operationId of the spec. */');
  lines.push('export type OperationId = keyof typeof operations;');
  lines.push('');
  lines.push('/** Rate-limit groups (`x-rate-limit-groups`): requests allowed per window, per key. */');
  lines.push(`export const rateLimitGroups = ${JSON.stringify(groups)} as const;`);
  lines.push('');
  lines.push('/** API version the table was generated from (`info.version`). */');
  lines.push(`export const apiVersion = ${JSON.stringify(doc.info.version)};`);
  lines.push('');
  lines.push('/** Servers of the spec: production first, then the sandbox. */');
  lines.push(`export const servers = ${JSON.stringify((doc.servers ?? []).map((s) => s.url))} as const;`);
  return lines.join('\n') + '\n';
}
