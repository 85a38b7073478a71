/**
 * Validates JSON values against schemas of the spec (JSON Schema 2020-12, with formats), the way
 * the checks judge response bodies and headers. Local `$ref`s resolve against the whole document.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SPEC, type Schema, type SpecNode } from './document.js';

const SPEC_ID = 'https://opsmerge.cloud/conformance/openapi.json';

let ajv: Ajv2020 | undefined;
let coercing: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
const compiledCoercing = new WeakMap<object, ValidateFunction>();

function create(coerceTypes: boolean): Ajv2020 {
  // strict: false — the spec carries OpenAPI keywords (`example`, `x-…`) that ajv does not know.
  const instance = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
  addFormats.default(instance);
  instance.addSchema({ ...SPEC, $id: SPEC_ID });
  return instance;
}

/** A copy of `value` whose local `$ref`s point into the document registered with ajv. */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v)]));
}

/** What was wrong with a value, one line per problem (`/data/items/0/status must be equal to one of the allowed values`). */
export type Problems = readonly string[];

function problemsOf(validate: ValidateFunction, value: unknown, where: string): Problems {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as Record<string, unknown>)['additionalProperty'])})` : '';
    return `${where}${e.instancePath} ${e.message ?? 'is invalid'}${extra}`;
  });
}

/** The problems of `value` against `schema` (an object of the spec, or `true`/`false`); empty when valid. */
export function validate(schema: Schema, value: unknown, where = 'body'): Problems {
  if (schema === true) return [];
  if (schema === false) return [`${where} is not allowed`];
  let fn = compiled.get(schema);
  if (!fn) {
    ajv ??= create(false);
    fn = ajv.compile(rebase(schema) as SpecNode);
    compiled.set(schema, fn);
  }
  return problemsOf(fn, value, where);
}

/**
 * The problems of a parameter's wire value (a query string, a header) against its schema, with
 * the type coercion a server applies to text (`"5"` is the integer 5).
 */
export function validateWireValue(schema: SpecNode, text: string, where: string): Problems {
  let fn = compiledCoercing.get(schema);
  if (!fn) {
    coercing ??= create(true);
    fn = coercing.compile({ type: 'object', properties: { value: rebase(schema) } });
    compiledCoercing.set(schema, fn);
  }
  return problemsOf(fn, { value: text }, where).map((p) => p.replace(`${where}/value`, where));
}
