/**
 * The bundled OpsMerge spec (`generated/openapi.json`) and one shared ajv instance that
 * knows it, so request validation (the mock) and response validation (the contract
 * suite) read the same schemas. @internal
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction, ErrorObject } from 'ajv';
import document from '@opsmerge/sdk/openapi.json' with { type: 'json' };

/** A JSON object of the spec (schema, parameter, response…), read loosely. */
export type SpecObject = Record<string, unknown>;

/** An OpenAPI parameter, resolved. */
export interface SpecParameter {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required: boolean;
  readonly schema: SpecObject;
}

/** The spec document as plain JSON. */
export const spec: SpecObject = document as unknown as SpecObject;

const SPEC_ID = 'https://opsmerge.cloud/openapi.json';

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Reads a `#/a/b` pointer of the spec document. */
export function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') throw new Error(`unresolved reference ${ref}`);
    node = (node as SpecObject)[key];
  }
  if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  return node;
}

/** Follows `$ref` until a concrete object. */
export function deref(value: unknown): SpecObject {
  let node = value;
  for (let hops = 0; hops < 10; hops++) {
    if (node !== null && typeof node === 'object' && typeof (node as SpecObject)['$ref'] === 'string') {
      node = resolvePointer((node as SpecObject)['$ref'] as string);
    } else {
      return (node ?? {}) as SpecObject;
    }
  }
  throw new Error('reference chain too long');
}

/** Where an operation lives in the document. */
export interface SpecOperation {
  readonly path: string;
  readonly method: string;
  readonly pointer: string;
  readonly object: SpecObject;
  readonly parameters: readonly SpecParameter[];
}

const operationIndex = new Map<string, SpecOperation>();
for (const [path, rawItem] of Object.entries((spec['paths'] ?? {}) as Record<string, SpecObject>)) {
  const item = rawItem;
  const shared = ((item['parameters'] ?? []) as unknown[]).map(deref);
  for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
    const op = item[method] as SpecObject | undefined;
    if (!op || typeof op['operationId'] !== 'string') continue;
    const own = ((op['parameters'] ?? []) as unknown[]).map(deref);
    const byKey = new Map<string, SpecParameter>();
    for (const p of [...shared, ...own]) {
      const param: SpecParameter = {
        name: String(p['name']),
        in: p['in'] as SpecParameter['in'],
        required: p['required'] === true,
        schema: (p['schema'] ?? {}) as SpecObject,
      };
      byKey.set(`${param.in}:${param.name}`, param);
    }
    operationIndex.set(op['operationId'], {
      path,
      method,
      pointer: `#/paths/${pointerSegment(path)}/${method}`,
      object: op,
      parameters: [...byKey.values()],
    });
  }
}

/** Looks an operation of the spec up by operationId. */
export function specOperation(operationId: string): SpecOperation {
  const found = operationIndex.get(operationId);
  if (!found) throw new Error(`unknown operationId ${operationId}`);
  return found;
}

function createAjv(coerceTypes: boolean): Ajv2020 {
  // strict: false — the spec carries OpenAPI keywords (`example`, `x-…`) ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, useDefaults: coerceTypes });
  addFormats.default(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  return ajv;
}

let strictAjv: Ajv2020 | undefined;
let coercingAjv: Ajv2020 | undefined;

/**
 * Compiles a schema of the spec. `schema` may be inline and use `#/components/...` refs;
 * they are resolved against the spec. `coerce` turns query strings into numbers and
 * booleans and fills defaults (for parameters); bodies are validated as sent.
 */
export function compileSchema(schema: SpecObject, coerce = false): ValidateFunction {
  const ajv = coerce ? (coercingAjv ??= createAjv(true)) : (strictAjv ??= createAjv(false));
  return ajv.compile(rebase(schema) as SpecObject);
}

/** Compiles the schema found at a pointer of the spec (`#/components/schemas/Agent`). */
export function compilePointer(pointer: string): ValidateFunction {
  const ajv = (strictAjv ??= createAjv(false));
  const found = ajv.getSchema(`${SPEC_ID}${pointer}`);
  if (!found) throw new Error(`no schema at ${pointer}`);
  return found;
}

function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (value === null || typeof value !== 'object') return value;
  const out: SpecObject = {};
  for (const [k, v] of Object.entries(value as SpecObject)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v);
  }
  return out;
}

/** One invalid field, as the API reports it in `details`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Turns ajv errors into `{field, message}` pairs: `field` is a JSON pointer for bodies
 * (`/name`) or the parameter name for parameters (`per_page`).
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined, style: 'pointer' | 'name'): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let pointer = e.instancePath;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof params['missingProperty'] === 'string') {
      pointer = `${pointer}/${pointerSegment(params['missingProperty'])}`;
    } else if (e.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
      pointer = `${pointer}/${pointerSegment(params['additionalProperty'])}`;
    }
    // oneOf/anyOf failures repeat their branches' errors; the summary is enough.
    if (e.schemaPath.includes('/oneOf/') || e.schemaPath.includes('/anyOf/')) continue;
    const field = style === 'pointer' ? pointer || '/' : pointer.replace(/^\//, '').replaceAll('~1', '/').replaceAll('~0', '~') || '(root)';
    const message = e.message ?? 'is invalid';
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out.slice(0, 100);
}
