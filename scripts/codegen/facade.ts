/**
 * Renders generated/facade.ts: one interface per resource with a method per operation, each
 * with TSDoc from the spec, plus the stability-narrowed views of the resources and of the
 * low-level `paths`. The runtime behind it is src/facade/resources.ts, which reads the routes
 * table built from the same rows (generated/routes.ts); this file is types and documentation only.
 *
 * Naming rule (documented in docs/): operationId `<resource>_<method>` → `client.<resource>.<method>()`.
 */
import type { OperationRow, Stability } from './operations-table.js';
import { eachOperation, type OpenApiDocument, type OperationObject, type ParameterObject } from './spec-types.js';

const TIERS: Stability[] = ['stable', 'beta', 'internal'];
const RANK: Record<Stability, number> = { stable: 0, beta: 1, internal: 2 };

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
/** A variable name for an example, never shadowing the example's own `client`. */
const variable = (schemaName: string): string => (lowerFirst(schemaName) === 'client' ? 'managedClient' : lowerFirst(schemaName));

/** Text safe inside a TSDoc comment. */
function doc(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/@/g, '\\@').trim();
}

function refName(node: unknown): string | undefined {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  return ref?.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}

function schema(doc: OpenApiDocument, node: unknown): Record<string, unknown> | undefined {
  const name = refName(node);
  return (name ? doc.components?.schemas?.[name] : node) as Record<string, unknown> | undefined;
}

/** The named schema of the success `data`, and of a list's items. */
export function dataNames(docu: OpenApiDocument, op: OperationObject): { data?: string; item?: string } {
  const code = Object.keys(op.responses ?? {}).find((c) => c.startsWith('2'));
  const response = code ? (op.responses?.[code] as { content?: Record<string, { schema?: Record<string, unknown> }> }) : undefined;
  const wrapper = response?.content?.['application/json']?.schema;
  const dataNode = (wrapper?.properties as Record<string, unknown> | undefined)?.data;
  const data = refName(dataNode);
  const items = (schema(docu, dataNode)?.properties as Record<string, unknown> | undefined)?.items as { items?: unknown } | undefined;
  const item = refName(items?.items);
  return { ...(data ? { data } : {}), ...(item ? { item } : {}) };
}

/** A TypeScript literal of a JSON value, on one line when it fits in 90 characters. */
export function literal(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const inner = entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${literal(v, indent + '  ')}`);
    const oneLine = `{ ${inner.join(', ')} }`;
    return oneLine.length <= 90 ? oneLine : `{\n${inner.map((l) => `${indent}  ${l},`).join('\n')}\n${indent}}`;
  }
  return typeof value === 'string' ? `'${value.replace(/'/g, "\\'")}'` : JSON.stringify(value);
}

interface Method {
  row: OperationRow;
  op: OperationObject;
  params: ParameterObject[];
  typeBase: string;
  names: { data?: string; item?: string };
  bodyName?: string;
}

function exampleFor(m: Method, docu: OpenApiDocument): string {
  const { row } = m;
  const args: string[] = row.pathParams.map((name) => {
    const p = m.params.find((x) => x.in === 'path' && x.name === name) as (ParameterObject & { example?: unknown }) | undefined;
    return literal(p?.example ?? (p?.schema as { example?: unknown } | undefined)?.example ?? `${name}-value`);
  });
  if (row.body !== 'none') {
    const media = (m.op.requestBody?.content?.['application/json'] ?? {}) as { example?: unknown };
    if (media.example !== undefined) args.push(literal(media.example));
  } else {
    const filter = m.params.find(
      (p) => p.in === 'query' && !['page', 'per_page'].includes(p.name) && (p as { example?: unknown }).example !== undefined,
    ) as (ParameterObject & { example?: unknown }) | undefined;
    if (filter) args.push(literal({ [filter.name]: filter.example }));
  }
  const call = `client.${row.resource}.${row.name}(${args.join(', ')})`;
  const lines: string[] = [];
  if (row.stability !== 'stable') lines.push(`const client = createClient({ stability: '${row.stability}' });`);
  if (row.paginated) {
    const item = variable(m.names.item ?? 'item');
    lines.push(`for await (const ${item} of ${call}) {`, `  console.log(${item}.id);`, '}');
  } else {
    lines.push(`const ${variable(m.names.data ?? 'result')} = await ${call};`);
  }
  void docu;
  return lines.join('\n');
}

function tsdoc(m: Method, docu: OpenApiDocument): string {
  const { row, op } = m;
  const lines: string[] = [];
  lines.push(doc(op.summary ?? row.operationId) + '.');
  if (op.description) lines.push('', doc(op.description));
  lines.push('');
  lines.push(`- \`${row.method} ${row.path}\` (operationId \`${row.operationId}\`)`);
  lines.push(`- Required scopes: ${row.scopes.length ? row.scopes.map((s) => `\`${s}\``).join(', ') : 'none (any valid key)'}`);
  const tierText = {
    stable: 'stable — breaking changes only after at least 6 months of deprecation notice.',
    beta: "beta — may change, with notice in the changelog; needs `createClient({ stability: 'beta' })`.",
    internal: "internal — serves the web UI, no guarantees; needs `createClient({ stability: 'internal' })`.",
  }[row.stability];
  lines.push(`- Stability: ${tierText}`);
  if (row.rateLimitGroup !== 'default') lines.push(`- Rate limit: its own \`${row.rateLimitGroup}\` budget.`);
  if (row.idempotencyKey) lines.push('- Safe to retry: the SDK sends an `Idempotency-Key`, the same on every attempt.');
  if (row.paginated) lines.push('- Paginated: await the result for the first page, or iterate it for every item.');
  lines.push('');
  lines.push(`@stability ${row.stability}`);
  if (row.stability === 'beta') lines.push('@beta');
  if (row.stability === 'internal') lines.push('@alpha');
  if (row.deprecated) {
    const successor = row.successor ? row.successor.replace('_', '.') : undefined;
    lines.push(
      `@deprecated Deprecated${row.deprecatedAt ? ` since ${row.deprecatedAt}` : ''}${row.sunset ? `; stops working on ${row.sunset}` : ''}.` +
        (successor ? ` Use \`client.${successor}()\` instead.` : ''),
    );
  }
  lines.push('@example', '```ts', exampleFor(m, docu), '```');
  return ['/**', ...lines.flatMap((l) => l.split('\n')).map((l) => (l.trim() ? ` * ${l.trimEnd()}` : ' *')), ' */'].join('\n');
}

function signature(m: Method): string {
  const { row } = m;
  const args: string[] = row.pathParams.map((p) => `${camel(p)}: string`);
  if (row.body !== 'none') {
    const type = m.bodyName ?? `${m.typeBase}Body`;
    args.push(row.body === 'required' ? `body: ${type}` : `body?: ${type}`);
  } else if (row.queryParams.length > 0) {
    args.push(`params?: ${m.typeBase}Params`);
  }
  args.push('options?: CallOptions');
  const result = row.paginated
    ? `PagePromise<${m.names.item ?? `ItemOf<'${row.operationId}'>`}>`
    : `APIPromise<${m.names.data ?? `DataOf<'${row.operationId}'>`}>`;
  return `${row.name}(${args.join(', ')}): ${result};`;
}

export function renderFacadeModule(rows: OperationRow[], docu: OpenApiDocument): string {
  const byId = new Map(rows.map((r) => [r.operationId, r]));
  const methods: Method[] = [];
  for (const { op, parameters } of eachOperation(docu)) {
    const row = byId.get(op.operationId ?? '');
    if (!row) continue;
    const body = op.requestBody?.content?.['application/json']?.schema;
    const bodyName = refName(body);
    methods.push({ row, op, params: parameters, typeBase: pascal(row.resource) + pascal(row.name), names: dataNames(docu, op), ...(bodyName ? { bodyName } : {}) });
  }
  methods.sort((a, b) => a.row.resource.localeCompare(b.row.resource) || a.row.name.localeCompare(b.row.name));
  const resources = [...new Set(methods.map((m) => m.row.resource))];
  const schemaNames = new Set<string>();
  for (const m of methods) for (const n of [m.row.paginated ? m.names.item : m.names.data, m.bodyName]) if (n) schemaNames.add(n);

  const out: string[] = [];
  out.push("import type { APIPromise } from '../src/facade/api-promise.js';");
  out.push("import type { CallOptions } from '../src/facade/resources.js';");
  out.push("import type { BodyOf, DataOf, ItemOf, QueryOf } from '../src/facade/types.js';");
  out.push("import type { PagePromise } from '../src/pagination.js';");
  out.push(`import type { ${[...schemaNames].sort().join(', ')} } from './schema.js';`);
  out.push("import type { paths } from './schema.js';");
  out.push('');
  out.push('// Every schema of the spec, by name, for integrators: `import type { Agent } from \'@opsmerge/sdk\'`.');
  out.push(`export type { ${Object.keys(docu.components?.schemas ?? {}).sort().join(', ')} } from './schema.js';`);
  out.push('');
  out.push('// Parameter and body types, one named alias per operation so the docs can link them.');
  for (const m of methods) {
    if (m.row.body === 'none' && m.row.queryParams.length > 0) {
      out.push(`/** Query parameters of \`${m.row.resource}.${m.row.name}()\`. */`);
      out.push(`export type ${m.typeBase}Params = QueryOf<'${m.row.operationId}'>;`);
    }
    if (m.row.body !== 'none' && !m.bodyName) {
      out.push(`/** Request body of \`${m.row.resource}.${m.row.name}()\`. */`);
      out.push(`export type ${m.typeBase}Body = BodyOf<'${m.row.operationId}'>;`);
    }
  }
  out.push('');
  for (const resource of resources) {
    const own = methods.filter((m) => m.row.resource === resource);
    const tag = own[0]!.row.tag;
    out.push(`/**`, ` * ${doc(tag)}: \`client.${resource}\`.`);
    const tagDescription = docu.tags?.find((t) => t.name === tag)?.description;
    if (tagDescription) out.push(' *', ` * ${doc(tagDescription)}`);
    out.push(` */`);
    out.push(`export interface ${pascal(resource)}Resource {`);
    for (const m of own) {
      out.push(tsdoc(m, docu).replace(/^/gm, '  '));
      out.push(`  ${signature(m)}`);
    }
    out.push('}', '');
  }

  const title = { stable: 'Stable', beta: 'Beta', internal: 'Internal' } as const;
  for (const tier of TIERS) {
    out.push(`/** The resources of a client created with \`stability: '${tier}'\`${tier === 'stable' ? ' (the default)' : ''}. */`);
    out.push(`export interface ${title[tier]}Resources {`);
    for (const resource of resources) {
      const own = methods.filter((m) => m.row.resource === resource);
      const allowed = own.filter((m) => RANK[m.row.stability] <= RANK[tier]);
      if (allowed.length === 0) continue;
      const type =
        allowed.length === own.length
          ? `${pascal(resource)}Resource`
          : `Pick<${pascal(resource)}Resource, ${allowed.map((m) => `'${m.row.name}'`).join(' | ')}>`;
      out.push(`  /** ${doc(own[0]!.row.tag)}. */`);
      out.push(`  readonly ${resource}: ${type};`);
    }
    out.push('}', '');
  }
  out.push('/** The resources a client of stability level `S` offers. */');
  out.push("export type ResourcesFor<S extends 'stable' | 'beta' | 'internal'> = S extends 'internal' ? InternalResources : S extends 'beta' ? BetaResources : StableResources;");
  out.push('');

  out.push('/** A path item without the methods a stability level hides. */');
  out.push('type Without<T, M extends keyof T> = Omit<T, M> & { [K in M]?: never };');
  out.push('');
  const byPath = new Map<string, OperationRow[]>();
  for (const row of rows) byPath.set(row.path, [...(byPath.get(row.path) ?? []), row]);
  for (const tier of TIERS) {
    out.push(`/** The low-level \`paths\` a client created with \`stability: '${tier}'\` may call. */`);
    out.push(`export interface ${title[tier]}Paths {`);
    for (const [path, ops] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
      const hidden = ops.filter((r) => RANK[r.stability] > RANK[tier]);
      if (hidden.length === ops.length) continue;
      const base = `paths['${path}']`;
      out.push(`  '${path}': ${hidden.length === 0 ? base : `Without<${base}, ${hidden.map((r) => `'${r.method.toLowerCase()}'`).join(' | ')}>`};`);
    }
    out.push('}', '');
  }
  out.push('/** The low-level paths a client of stability level `S` may call. */');
  out.push("export type PathsFor<S extends 'stable' | 'beta' | 'internal'> = S extends 'internal' ? InternalPaths : S extends 'beta' ? BetaPaths : StablePaths;");
  return out.join('\n') + '\n';
}
