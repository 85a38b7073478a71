/**
 * The operations of the spec as the suite needs them: parameters, request body, documented
 * responses (headers, media types, schemas, links), scopes, rate-limit group, deprecation, and
 * the checks the spec says do not apply (`x-conformance`). Read once from the bundled document.
 */
import { CHECK_NAMES, isCheckName, type CheckName } from '../checks/names.js';
import { SPEC, deref, objectAt, type Schema, type SpecNode } from './document.js';

/** An HTTP method the spec can declare. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

/** The methods a path item can declare, in the order the suite probes them. */
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A path, query or header parameter. */
export interface SpecParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: SpecNode;
  /** The parameter's `example` (or its schema's), when it has one. */
  readonly example: { readonly value: unknown } | undefined;
}

/** A header a response documents. */
export interface SpecHeader {
  readonly name: string;
  readonly required: boolean;
  readonly schema: SpecNode;
}

/** An OpenAPI link of a response: the operation it leads to and how its parameters are filled. */
export interface SpecLink {
  readonly name: string;
  readonly operationId: string;
  /** Parameter name → runtime expression (`$response.body#/data/id`, `$request.path.tenant_id`). */
  readonly parameters: Readonly<Record<string, string>>;
}

/** One documented response of an operation. */
export interface SpecResponse {
  /** The key in `responses`: `200`, `4XX` or `default`. */
  readonly key: string;
  readonly headers: readonly SpecHeader[];
  /** Documented media types of the body (empty when the response has none). */
  readonly mediaTypes: readonly string[];
  /** The JSON body's schema, when documented. */
  readonly schema: SpecNode | undefined;
  readonly links: readonly SpecLink[];
}

/** The request body of an operation. */
export interface SpecRequestBody {
  readonly required: boolean;
  readonly schema: Schema;
  /** The media type's `example`, when it has one. */
  readonly example: { readonly value: unknown } | undefined;
}

/** An operation of the spec. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template, e.g. `/v1/agents/{agent_id}`. */
  readonly path: string;
  readonly stability: 'stable' | 'beta' | 'internal';
  readonly deprecated: boolean;
  /** `x-sunset` (YYYY-MM-DD) of a deprecated operation. */
  readonly sunset: string | undefined;
  /** `x-required-scopes`. */
  readonly scopes: readonly string[];
  /** `x-rate-limit-group`, else `default`. */
  readonly rateLimitGroup: string;
  /** False only when the operation's `security` allows anonymous calls (`{}`). */
  readonly requiresAuth: boolean;
  readonly parameters: readonly SpecParameter[];
  readonly requestBody: SpecRequestBody | undefined;
  readonly responses: readonly SpecResponse[];
  /** Checks the spec declares not applicable to this operation (`x-conformance`), with the reason. */
  readonly notApplicable: Readonly<Partial<Record<CheckName, string>>>;
}

const JSON_MEDIA = 'application/json';

/** The error envelope every error response uses (openapi/README.md). */
export const ERROR_ENVELOPE: SpecNode = { $ref: '#/components/schemas/Error' };

function readParameter(raw: unknown): SpecParameter {
  const p = deref(raw);
  const where = p['in'];
  if (where !== 'path' && where !== 'query' && where !== 'header') throw new Error(`parameter ${String(p['name'])}: "in: ${String(where)}" is not supported`);
  const schema = deref(p['schema']);
  const example = 'example' in p ? { value: p['example'] } : 'example' in schema ? { value: schema['example'] } : undefined;
  return { name: String(p['name']), in: where, required: p['required'] === true, schema: objectAt(p, 'schema'), example };
}

function readResponse(key: string, raw: unknown): SpecResponse {
  const r = deref(raw);
  const headers = Object.entries(objectAt(r, 'headers')).map(([name, h]) => {
    const header = deref(h);
    return { name, required: header['required'] === true, schema: objectAt(header, 'schema') };
  });
  const content = objectAt(r, 'content');
  const json = content[JSON_MEDIA] === undefined ? undefined : deref(content[JSON_MEDIA]);
  const links = Object.entries(objectAt(r, 'links')).map(([name, l]) => {
    const link = deref(l);
    if (typeof link['operationId'] !== 'string') throw new Error(`link ${name}: only links by operationId are supported`);
    const parameters = Object.fromEntries(Object.entries(objectAt(link, 'parameters')).map(([k, v]) => [k, String(v)]));
    return { name, operationId: link['operationId'], parameters };
  });
  return { key, headers, mediaTypes: Object.keys(content), schema: json ? objectAt(json, 'schema') : undefined, links };
}

function readNotApplicable(operationId: string, op: SpecNode): Partial<Record<CheckName, string>> {
  const out: Partial<Record<CheckName, string>> = {};
  for (const [name, reason] of Object.entries(objectAt(op, 'x-conformance'))) {
    if (!isCheckName(name)) throw new Error(`${operationId}: x-conformance names "${name}", which is not a check (${CHECK_NAMES.join(', ')})`);
    if (typeof reason !== 'string' || reason.trim().length < 10) throw new Error(`${operationId}: x-conformance.${name} must say why the check does not apply`);
    out[name] = reason.trim();
  }
  return out;
}

function readOperation(path: string, method: HttpMethod, op: SpecNode, shared: readonly SpecParameter[]): SpecOperation {
  const operationId = String(op['operationId']);
  const byKey = new Map<string, SpecParameter>();
  for (const p of [...shared, ...((op['parameters'] ?? []) as unknown[]).map(readParameter)]) byKey.set(`${p.in}:${p.name}`, p);
  let requestBody: SpecRequestBody | undefined;
  if (op['requestBody'] !== undefined) {
    const body = deref(op['requestBody']);
    const content = objectAt(body, 'content');
    const other = Object.keys(content).filter((m) => m !== JSON_MEDIA);
    if (other.length > 0) throw new Error(`${operationId}: request media types other than ${JSON_MEDIA} are not supported (${other.join(', ')})`);
    const media = objectAt(content, JSON_MEDIA);
    requestBody = { required: body['required'] === true, schema: (media['schema'] ?? true) as Schema, example: 'example' in media ? { value: media['example'] } : undefined };
  }
  const security = (op['security'] ?? SPEC['security'] ?? []) as readonly SpecNode[];
  return {
    operationId,
    method,
    path,
    stability: (op['x-stability'] ?? 'stable') as SpecOperation['stability'],
    deprecated: op['deprecated'] === true,
    sunset: typeof op['x-sunset'] === 'string' ? op['x-sunset'] : undefined,
    scopes: ((op['x-required-scopes'] ?? []) as unknown[]).map(String),
    rateLimitGroup: typeof op['x-rate-limit-group'] === 'string' ? op['x-rate-limit-group'] : 'default',
    requiresAuth: security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0),
    parameters: [...byKey.values()],
    requestBody,
    responses: Object.entries(objectAt(op, 'responses')).map(([key, r]) => readResponse(key, r)),
    notApplicable: readNotApplicable(operationId, op),
  };
}

function readOperations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, rawItem] of Object.entries(objectAt(SPEC, 'paths'))) {
    const item = deref(rawItem);
    const shared = ((item['parameters'] ?? []) as unknown[]).map(readParameter);
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()];
      if (op !== undefined) out.push(readOperation(path, method, op as SpecNode, shared));
    }
  }
  return out;
}

/** Every operation of the spec, in document order. */
export const SPEC_OPERATIONS: readonly SpecOperation[] = readOperations();

const byId = new Map(SPEC_OPERATIONS.map((op) => [op.operationId, op]));

/** An operation by operationId; throws naming it when the spec has none. */
export function specOperation(operationId: string): SpecOperation {
  const op = byId.get(operationId);
  if (!op) throw new Error(`the spec has no operation ${operationId}`);
  return op;
}

/** The documented response for a status: the exact code, else its range (`4XX`), else `default`. */
export function documentedResponse(op: SpecOperation, status: number): SpecResponse | undefined {
  const exact = String(status);
  return op.responses.find((r) => r.key === exact) ?? op.responses.find((r) => r.key === `${exact[0]}XX`) ?? op.responses.find((r) => r.key === 'default');
}

/** The methods each path of the spec declares. */
export function methodsByPath(operations: readonly SpecOperation[] = SPEC_OPERATIONS): Map<string, HttpMethod[]> {
  const out = new Map<string, HttpMethod[]>();
  for (const op of operations) out.set(op.path, [...(out.get(op.path) ?? []), op.method]);
  return out;
}
