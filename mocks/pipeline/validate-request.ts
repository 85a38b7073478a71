/**
 * Validates a request against its operation in the spec with ajv: path and query
 * parameters (query strings coerced to the declared types, defaults filled in), the
 * `Idempotency-Key` header, and the JSON body. A body that is not JSON as json-body.ts
 * reads it is 400 `BAD_REQUEST` (413 when over the size limit); anything that breaks the
 * schema is 422 `VALIDATION_FAILED` with one `{field, message}` per problem — a query
 * parameter the operation does not define included (the spec's rule; `api_key`, a way to
 * send the key, is not one), and a parameter given twice.
 */
import type { ValidateFunction } from 'ajv';
import type { OperationInfo } from '@opsmerge/sdk';
import { compileSchema, deref, spec, specOperation, toFieldErrors, type FieldError, type SpecObject, type SpecParameter } from '../spec.js';
import { MockApiError } from './errors.js';
import { parseJsonBody } from './json-body.js';
import type { MockRequest } from './mock-request.js';

/** A request, parsed and valid. */
export interface ParsedRequest {
  readonly query: Record<string, unknown>;
  readonly params: Record<string, unknown>;
  /** The JSON body, or undefined when none was sent. */
  readonly body: unknown;
  /** The `Idempotency-Key` header, when sent. */
  readonly idempotencyKey: string | undefined;
}

interface Validators {
  readonly path: ValidateFunction;
  readonly query: ValidateFunction;
  readonly header: ValidateFunction;
  readonly queryNames: ReadonlySet<string>;
  readonly headerNames: readonly string[];
  readonly body: ValidateFunction | null;
  readonly bodyRequired: boolean;
}

const cache = new Map<string, Validators>();

/** Query parameters that carry credentials (the spec's `apiKey` schemes `in: query`): allowed on every operation. */
const CREDENTIAL_QUERY_NAMES: ReadonlySet<string> = new Set(
  Object.values(((spec['components'] as SpecObject | undefined)?.['securitySchemes'] ?? {}) as Record<string, SpecObject>)
    .filter((scheme) => scheme['type'] === 'apiKey' && scheme['in'] === 'query')
    .map((scheme) => String(scheme['name'])),
);

function objectSchema(params: readonly SpecParameter[]): SpecObject {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

function validatorsFor(operationId: string): Validators {
  const cached = cache.get(operationId);
  if (cached) return cached;
  const op = specOperation(operationId);
  const of = (where: SpecParameter['in']) => op.parameters.filter((p) => p.in === where);
  const requestBody = op.object['requestBody'] ? deref(op.object['requestBody']) : null;
  const content = requestBody ? (requestBody['content'] as Record<string, SpecObject> | undefined) : undefined;
  const bodySchema = content?.['application/json']?.['schema'] as SpecObject | undefined;
  const validators: Validators = {
    path: compileSchema(objectSchema(of('path')), true),
    query: compileSchema(objectSchema(of('query')), true),
    header: compileSchema(objectSchema(of('header')), true),
    queryNames: new Set(of('query').map((p) => p.name)),
    headerNames: of('header').map((p) => p.name),
    body: bodySchema ? compileSchema(bodySchema) : null,
    bodyRequired: requestBody?.['required'] === true,
  };
  cache.set(operationId, validators);
  return validators;
}

/** Parses and validates a request, or throws the 400/422 the API would answer. */
export async function parseRequest(operation: OperationInfo, request: MockRequest, url: URL, rawParams: Readonly<Record<string, unknown>>): Promise<ParsedRequest> {
  const v = validatorsFor(operation.operationId);
  const problems: FieldError[] = [];

  const params: Record<string, unknown> = {};
  for (const name of operation.pathParams) {
    const value = rawParams[name];
    if (typeof value === 'string') params[name] = value;
  }
  if (!v.path(params)) problems.push(...toFieldErrors(v.path.errors, 'name'));

  const query: Record<string, unknown> = {};
  for (const name of new Set(url.searchParams.keys())) {
    if (!v.queryNames.has(name)) {
      if (!CREDENTIAL_QUERY_NAMES.has(name)) problems.push({ field: name, message: 'is not a query parameter of this operation' });
      continue;
    }
    const values = url.searchParams.getAll(name);
    if (values.length > 1) problems.push({ field: name, message: `must be given once, got ${values.length} values` });
    query[name] = values[0];
  }
  if (!v.query(query)) problems.push(...toFieldErrors(v.query.errors, 'name'));

  const headers: Record<string, unknown> = {};
  for (const name of v.headerNames) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  if (!v.header(headers)) problems.push(...toFieldErrors(v.header.errors, 'name'));

  let body: unknown;
  if (operation.body !== 'none') {
    body = parseJsonBody(new Uint8Array(await request.arrayBuffer()), request.headers.get('content-type'), request.headers.get('content-encoding'));
    if (body === undefined) {
      if (v.bodyRequired) problems.push({ field: '/', message: 'request body is required' });
    } else if (v.body && !v.body(body)) {
      problems.push(...toFieldErrors(v.body.errors, 'pointer'));
    }
  }

  if (problems.length > 0) throw new MockApiError('VALIDATION_FAILED', 'The request is invalid', { details: problems.slice(0, 100) });
  const idempotencyKey = headers['Idempotency-Key'];
  return { query, params, body, idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined };
}
