/**
 * The calls and samples of an operation page, from the spec's examples: the SDK call
 * (`client.agents.list({ status: 'online' })`), the low-level call
 * (`client.GET('/v1/agents', …)`), a TypeScript module for each, and a curl command. Every
 * TypeScript sample is a whole module that type-checks as an integrator would write it, and
 * every sample runs against the stateful mock in the test suite (test/docs/reference-samples.test.ts).
 */
import type { OperationInfo } from '@opsmerge/sdk';
import { literal } from '../../codegen/facade.js';
import type { FieldDoc, OperationDoc } from './model.js';

/** The arguments a sample passes: path values (in path order), query parameters and a JSON body. */
export interface SampleArgs {
  readonly path: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

const PAGING = new Set(['page', 'per_page']);

/**
 * The sample's arguments: each path parameter's example; for a call without a body, one
 * filter (the first with allowed values and an example, else the first with an example); the
 * request body's example.
 */
export function sampleArgs(op: OperationDoc): SampleArgs {
  const path: Record<string, string> = {};
  for (const name of op.info.pathParams) {
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    path[name] = param?.example === undefined ? name.toUpperCase() : String(param.example);
  }
  const filters = op.parameters.filter((p): p is FieldDoc & { example: unknown } => p.in === 'query' && !PAGING.has(p.name) && p.example !== undefined);
  const filter = filters.find((p) => p.enum) ?? filters[0];
  return {
    path,
    ...(op.info.body === 'none' && filter ? { query: { [filter.name]: filter.example } } : {}),
    ...(op.info.body !== 'none' && op.body?.example !== undefined ? { body: op.body.example } : {}),
  };
}

/** `agents.list({ status: 'online' })`: the facade method and its arguments. */
export function methodCall(info: Pick<OperationInfo, 'resource' | 'name' | 'pathParams' | 'body'>, args: SampleArgs): string {
  const values: string[] = info.pathParams.map((name) => literal(args.path[name] ?? name.toUpperCase()));
  if (info.body !== 'none') {
    if (args.body !== undefined) values.push(literal(args.body));
  } else if (args.query && Object.keys(args.query).length > 0) {
    values.push(literal(args.query));
  }
  return `${info.resource}.${info.name}(${values.join(', ')})`;
}

/** The low-level call: `client.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: '…' } } })`. */
export function lowLevelCall(info: Pick<OperationInfo, 'method' | 'path' | 'body'>, args: SampleArgs, indent = ''): string {
  const params: Record<string, unknown> = {};
  if (Object.keys(args.path).length > 0) params['path'] = args.path;
  if (args.query && Object.keys(args.query).length > 0) params['query'] = args.query;
  const options: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) options['params'] = params;
  if (info.body !== 'none' && args.body !== undefined) options['body'] = args.body;
  const rest = Object.keys(options).length > 0 ? `, ${literal(options, indent)}` : '';
  return `client.${info.method}('${info.path}'${rest})`;
}

/** `const client = createClient();`, widened to the operation's tier when it is not stable. */
function clientLine(info: Pick<OperationInfo, 'stability'>): string {
  return info.stability === 'stable'
    ? 'const client = createClient(); // reads OPSMERGE_API_KEY'
    : `const client = createClient({ stability: '${info.stability}' }); // reads OPSMERGE_API_KEY`;
}

/** A variable named after a schema (`Agent` → `agent`), never shadowing the sample's `client`. */
function variableOf(schema: string | undefined, fallback: string): string {
  if (!schema) return fallback;
  const name = schema.charAt(0).toLowerCase() + schema.slice(1);
  return name === 'client' ? 'managedClient' : name;
}

/** The TypeScript sample: a module calling the facade method and printing what it returns. */
export function typeScriptSample(op: OperationDoc, args: SampleArgs): string {
  const call = `client.${methodCall(op.info, args)}`;
  const lines = ["import { createClient } from '@opsmerge/sdk';", '', clientLine(op.info)];
  if (op.info.paginated) {
    const item = variableOf(op.result.item, 'item');
    lines.push(`for await (const ${item} of ${call}) {`, `  console.log(${item});`, '}');
  } else {
    const result = variableOf(op.result.data, 'result');
    lines.push(`const ${result} = await ${call};`, `console.log(${result});`);
  }
  return lines.join('\n');
}

/** The low-level TypeScript sample: openapi-fetch's `{ data, error, response }`. */
export function lowLevelSample(op: OperationDoc, args: SampleArgs): string {
  return [
    "import { createClient } from '@opsmerge/sdk';",
    '',
    clientLine(op.info),
    `const { data, error, response } = await ${lowLevelCall(op.info, args)};`,
    'if (error) throw new Error(`${response.status} ${error.error.code}: ${error.error.message}`);',
    'console.log(data.data);',
  ].join('\n');
}

/** A shell word: as is when it is plain, else in single quotes. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[\w./:,=@%+-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The request URL of a sample: path values substituted (and encoded), then the query string.
 * `.` and `..` cannot be one segment (URL parsers remove them, as the SDK's own guard says): they are
 * refused. Everything else is percent-encoded, so `%2e` arrives as the text `%2e`, not a dot.
 */
export function requestUrl(info: Pick<OperationInfo, 'path'>, args: SampleArgs, baseUrl: string): string {
  const path = info.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = args.path[name] ?? name.toUpperCase();
    if (value === '.' || value === '..') throw new RangeError(`the path parameter ${name} may not be "${value}": URLs read it as a dot segment`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(Object.entries(args.query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`;
}

/** The curl sample, against `baseUrl`, with the key from `$OPSMERGE_API_KEY`. */
export function curlSample(op: OperationDoc, args: SampleArgs, baseUrl: string): string {
  const head = op.info.method === 'GET' ? 'curl' : `curl -X ${op.info.method}`;
  const lines = [`${head} ${shellQuote(requestUrl(op.info, args, baseUrl))}`, '-H "Authorization: Bearer $OPSMERGE_API_KEY"'];
  if (op.info.body !== 'none' && args.body !== undefined) {
    const compact = JSON.stringify(args.body);
    lines.push('-H "Content-Type: application/json"', `-d ${shellQuote(compact.length <= 72 ? compact : JSON.stringify(args.body, null, 2))}`);
  }
  return lines.join(' \\\n  ');
}
