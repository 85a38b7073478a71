/**
 * The JSON Schema keywords the converter understands: exactly those the spec uses. Anything else
 * makes it throw, naming the keyword and where it is, so a spec change can never make the suite
 * silently generate weaker cases than the schema asks for.
 */
import fc from 'fast-check';
import type { Schema, SpecNode } from '../spec/document.js';

/** Keywords that only describe a schema; they constrain nothing. */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment']);

/** Keywords that constrain values, all of which the converter honours. */
const CONSTRAINTS = new Set([
  '$ref',
  'type',
  'enum',
  'oneOf',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
]);

/** The JSON types of the spec. */
export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const JSON_TYPES: readonly JsonType[] = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];

/** Throws unless every keyword of `schema` is one the converter understands (`x-` extensions are fine). */
export function assertKnownKeywords(schema: SpecNode, at: string): void {
  for (const key of Object.keys(schema)) {
    if (key.startsWith('x-') || ANNOTATIONS.has(key)) continue;
    if (!CONSTRAINTS.has(key)) throw new Error(`${at}: the conformance suite does not understand the JSON Schema keyword "${key}"`);
  }
  if (typeof schema['$ref'] === 'string') {
    const siblings = Object.keys(schema).filter((k) => k !== '$ref' && CONSTRAINTS.has(k));
    if (siblings.length > 0) throw new Error(`${at}: constraints next to $ref (${siblings.join(', ')}) are not supported`);
  }
}

/** The declared types of a schema (`type` as a string or a list); empty when it declares none. */
export function typesOf(schema: SpecNode, at: string): JsonType[] {
  const raw = schema['type'];
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  for (const t of list) if (!JSON_TYPES.includes(t as JsonType)) throw new Error(`${at}: unknown type ${String(t)}`);
  return list as JsonType[];
}

/** A string's length as JSON Schema counts it: in code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** Stable JSON with sorted keys: equal for values JSON Schema calls equal (uniqueItems). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

/** A generator for each `format` the spec uses; others throw. */
export const FORMATS: Readonly<Record<string, fc.Arbitrary<string>>> = {
  'date-time': dates.map((d) => d.toISOString()),
  date: dates.map((d) => d.toISOString().slice(0, 10)),
  email: fc.emailAddress(),
  hostname: fc.domain(),
  ipv4: fc.ipV4(),
  uri: fc.webUrl(),
  uuid: fc.uuid(),
};

/** Values that are not of the named format (checked against the validator in the tests). */
export const NOT_OF_FORMAT: readonly string[] = ['', '::', 'not a value of this format', '2026-13-45T99:99:99Z'];

/**
 * One character of a generated string: mostly printable ASCII, sometimes a letter beyond it
 * (accented, CJK, an emoji outside the BMP). Each unit is one code point, so `minLength` and
 * `maxLength` hold as JSON Schema counts them.
 */
export const CHARACTER: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'ß', 'Ω', 'ж', '中', '—') },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f600, max: 0x1f64f }).map((c) => String.fromCodePoint(c)) },
);

/** The schema a `$ref` points to, or the schema itself. */
export type Resolve = (ref: string) => Schema;
