/**
 * Validates a response — status, headers and body — against the spec
 * (`generated/openapi.json`) for an operationId. The mock's tests run every response
 * through it, and the contract suite uses the same helper on every target, so neither
 * the mock nor a partner's server can drift from the spec unnoticed.
 */
import type { ValidateFunction } from 'ajv';
import type { ErrorCode } from '@opsmerge/sdk';
import { STATUS_OF_CODE } from './pipeline/errors.js';
import { DEFAULT_MAX_BODY_BYTES, readTextAtMost } from './read-body.js';
import { compilePointer, compileSchema, deref, specOperation, type SpecObject } from './spec.js';

export { matchOperation, matchPath, type PathMatch } from './match-path.js';
export { DEFAULT_MAX_BODY_BYTES, readTextAtMost, type BodyText } from './read-body.js';

/** A response to validate: status, headers and the parsed JSON body (undefined when empty). */
export interface ResponseLike {
  /** The HTTP status; it picks the spec's response: the exact code, else its range (`4XX`), else `default`. */
  readonly status: number;
  /** The response headers: a fetch `Headers`, or a plain object (names in any case). */
  readonly headers: Headers | Readonly<Record<string, string>>;
  /** The parsed JSON body; `undefined` for a response without a body. */
  readonly body: unknown;
}

/** The outcome: `valid`, or the list of problems (one line each). */
export interface ResponseValidation {
  /** True when the response matches the spec: `errors` is then empty. */
  readonly valid: boolean;
  /**
   * One line per problem, each starting with `<operationId> <status>:` — an undeclared status, a
   * missing or invalid header, a body that breaks the schema (with the JSON pointer), an error
   * body whose `request_id` differs from `X-Request-Id`.
   */
  readonly errors: readonly string[];
}

const bodyValidators = new Map<string, ValidateFunction | null>();
const headerValidators = new Map<string, ValidateFunction>();

function headerValue(headers: ResponseLike['headers'], name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return null;
}

function typedHeader(value: string, schema: SpecObject): unknown {
  const type = schema['type'];
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function describe(v: ValidateFunction, where: string): string[] {
  return (v.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as Record<string, unknown>)['additionalProperty'])})` : ''}`);
}

/** Validates a response of `operationId` against the spec. */
export function validateResponse(operationId: string, response: ResponseLike): ResponseValidation {
  const op = specOperation(operationId);
  const responses = (op.object['responses'] ?? {}) as Record<string, unknown>;
  const status = String(response.status);
  const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : null;
  const prefix = `${operationId} ${status}:`;
  if (key === null) return { valid: false, errors: [`${prefix} status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`] };
  const declared = deref(responses[key]);
  const errors: string[] = [];

  for (const [name, rawHeader] of Object.entries((declared['headers'] ?? {}) as Record<string, unknown>)) {
    const header = deref(rawHeader);
    const value = headerValue(response.headers, name);
    if (value === null) {
      if (header['required'] === true) errors.push(`${prefix} header ${name} is missing`);
      continue;
    }
    const schema = (header['schema'] ?? {}) as SpecObject;
    const cacheKey = JSON.stringify(schema);
    let validator = headerValidators.get(cacheKey);
    if (!validator) {
      validator = compileSchema(schema);
      headerValidators.set(cacheKey, validator);
    }
    if (!validator(typedHeader(value, schema))) errors.push(...describe(validator, `${prefix} header ${name} (${JSON.stringify(value)})`));
  }

  const cacheKey = `${operationId} ${key}`;
  if (!bodyValidators.has(cacheKey)) {
    const content = declared['content'] as Record<string, SpecObject> | undefined;
    const schema = content?.['application/json']?.['schema'] as SpecObject | undefined;
    bodyValidators.set(cacheKey, schema ? compileSchema(schema) : null);
  }
  const bodyValidator = bodyValidators.get(cacheKey) ?? null;
  if (bodyValidator) {
    const contentType = headerValue(response.headers, 'content-type');
    if (contentType !== null && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) errors.push(`${prefix} Content-Type is ${contentType}, not JSON`);
    if (response.body === undefined) errors.push(`${prefix} body is missing`);
    else if (!bodyValidator(response.body)) errors.push(...describe(bodyValidator, `${prefix} body`));
  }

  // DESIGN.md: every error body carries the request id of its X-Request-Id header.
  const body = response.body as { error?: { request_id?: unknown } } | undefined;
  const requestId = headerValue(response.headers, 'x-request-id');
  if (body && typeof body === 'object' && body.error && requestId !== null && body.error.request_id !== requestId) {
    errors.push(`${prefix} error.request_id ${String(body.error.request_id)} differs from X-Request-Id ${requestId}`);
  }
  return { valid: errors.length === 0, errors };
}

/** Statuses answered outside any operation (the spec's `info.description`, "Protocol"). */
const PROTOCOL_STATUSES: ReadonlySet<number> = new Set([204, 400, 404, 405, 408, 413, 431]);
let errorValidator: ValidateFunction | undefined;

/**
 * Validates an answer given outside any operation: to a path the spec does not have, a method
 * the path does not document, `OPTIONS`, or a request the HTTP layer refused before routing
 * (malformed, too large, too slow). It must be one of the statuses the spec's description
 * names, carry `X-Request-Id` and the `X-RateLimit-*` headers, `Allow` on 405 and 204, and an
 * error body in the envelope whose code belongs to the status and whose `request_id` is the header's.
 */
export function validateProtocolResponse(response: ResponseLike): ResponseValidation {
  const prefix = `(no operation) ${response.status}:`;
  const errors: string[] = [];
  if (!PROTOCOL_STATUSES.has(response.status)) errors.push(`${prefix} status ${response.status} is not a protocol-level answer (${[...PROTOCOL_STATUSES].join(', ')})`);
  const requestId = headerValue(response.headers, 'x-request-id');
  if (requestId === null || !/^req_[0-9a-f]{24}$/.test(requestId)) errors.push(`${prefix} header X-Request-Id is ${requestId === null ? 'missing' : `malformed (${requestId})`}`);
  for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
    if (!/^\d+$/.test(headerValue(response.headers, name) ?? '')) errors.push(`${prefix} header ${name} is missing or not a whole number`);
  }
  if ((response.status === 405 || response.status === 204) && !headerValue(response.headers, 'allow')) errors.push(`${prefix} header Allow is missing`);
  if (response.status === 204) {
    if (response.body !== undefined) errors.push(`${prefix} a 204 has no body`);
  } else {
    errorValidator ??= compilePointer('#/components/schemas/Error');
    if (!errorValidator(response.body)) errors.push(...describe(errorValidator, `${prefix} body`));
    else {
      const { code, request_id } = (response.body as { error: { code: ErrorCode; request_id: string } }).error;
      if (STATUS_OF_CODE[code] !== response.status) errors.push(`${prefix} error code ${code} belongs to status ${STATUS_OF_CODE[code]}`);
      if (request_id !== requestId) errors.push(`${prefix} error.request_id ${request_id} differs from X-Request-Id ${String(requestId)}`);
    }
  }
  return { valid: errors.length === 0, errors };
}

/** Options of {@link validateFetchResponse}. */
export interface FetchValidationOptions {
  /**
   * Most bytes of the body read: a longer body is reported as an error and not validated, and
   * no more of it is read (a peer's endless body costs at most this much memory).
   * @defaultValue 10 MiB, the SDK's default `maxResponseBytes`
   */
  readonly maxBodyBytes?: number;
}

/**
 * Reads a fetch `Response` (from a clone, so the original stays readable) and validates
 * it. Returns the parsed body too; a body that is not JSON, or longer than
 * `options.maxBodyBytes`, is reported as an error.
 */
export async function validateFetchResponse(
  operationId: string,
  response: Response,
  options: FetchValidationOptions = {},
): Promise<
  ResponseValidation & {
    /** The parsed JSON body (`undefined` when the response had none, or it was not JSON). */
    readonly body: unknown;
  }
> {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const { text, truncated } = await readTextAtMost(response.clone(), maxBytes);
  if (truncated) return { valid: false, errors: [`${operationId} ${response.status}: body is longer than ${maxBytes} bytes; not validated`], body: undefined };
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      return { valid: false, errors: [`${operationId} ${response.status}: body is not valid JSON: ${text.slice(0, 80)}`], body: undefined };
    }
  }
  return { ...validateResponse(operationId, { status: response.status, headers: response.headers, body }), body };
}

/** Throws an `Error` listing every problem unless the response matches the spec. */
export function assertValidResponse(operationId: string, response: ResponseLike): void {
  const result = validateResponse(operationId, response);
  if (!result.valid) throw new Error(`Response does not match the spec:\n  ${result.errors.join('\n  ')}`);
}
