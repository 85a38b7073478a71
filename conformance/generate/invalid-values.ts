/**
 * JSON Schema → fast-check arbitrary of values the schema rejects, each breaking one constraint
 * of an otherwise valid value: a wrong type, a number out of range, a missing required
 * property, an unknown enum value, a string too long or too short, a pattern or format not met,
 * an unexpected property. Each value says which constraint it broke. Every schema of the spec
 * is tested to give only invalid values (test/contract/generate.test.ts).
 */
import fc from 'fast-check';
import type { Schema, SpecNode } from '../spec/document.js';
import { CHARACTER, NOT_OF_FORMAT, canonicalJson, typesOf, type JsonType, type Resolve } from './schema-keywords.js';
import { num, type ValidValues } from './valid-values.js';

/** A value the schema rejects, and the constraint it breaks (`/priority: not one of the enum values`). */
export interface Violation {
  readonly value: unknown;
  readonly broke: string;
}

/** A converter of schemas into arbitraries of {@link Violation}s. */
export interface InvalidValues {
  /** Values `schema` rejects; undefined when it accepts everything (`true`, `{}`). */
  of(schema: Schema): fc.Arbitrary<Violation> | undefined;
}

/** A value of each JSON type, for "wrong type" violations. */
const OF_TYPE: Readonly<Record<JsonType, fc.Arbitrary<unknown>>> = {
  string: fc.string({ maxLength: 8 }),
  integer: fc.integer({ min: -1000, max: 1000 }),
  number: fc.double({ min: -1000, max: 1000, noNaN: true, noInteger: true }),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 2 }),
  object: fc.constant({}),
};

const violation = (broke: string) => (value: unknown): Violation => ({ value, broke });

/** Creates a converter whose valid parts come from `valid` (known ids included). */
export function invalidValues(resolve: Resolve, valid: ValidValues): InvalidValues {
  function of(schema0: Schema, at = ''): fc.Arbitrary<Violation> | undefined {
    if (schema0 === true) return undefined;
    if (schema0 === false) return fc.jsonValue({ maxDepth: 1 }).map(violation(`${at || 'value'}: the schema accepts nothing`));
    const s = typeof schema0['$ref'] === 'string' ? (resolve(schema0['$ref']) as SpecNode) : schema0;
    if (typeof s === 'boolean') return of(s, at);
    const where = at || 'value';
    const out: fc.Arbitrary<Violation>[] = [];
    const types = typesOf(s, where);
    const oneOfTypes = Array.isArray(s['oneOf'])
      ? (s['oneOf'] as Schema[]).flatMap((b) => {
          const target = typeof b === 'object' && typeof b['$ref'] === 'string' ? resolve(b['$ref']) : b;
          return typeof target === 'object' ? typesOf(target, where) : [];
        })
      : [];
    const allowed = new Set<JsonType>([...types, ...oneOfTypes]);
    if (allowed.has('number')) allowed.add('integer');
    if (allowed.size > 0) {
      const wrong = (Object.keys(OF_TYPE) as JsonType[]).filter((t) => !allowed.has(t));
      out.push(fc.constantFrom(...wrong).chain((t) => OF_TYPE[t].map(violation(`${where}: a ${t} instead of ${[...allowed].join(' or ')}`))));
    }
    const enumValues = s['enum'] as unknown[] | undefined;
    if (enumValues) {
      out.push(fc.string({ minLength: 1, maxLength: 12 }).filter((x) => !enumValues.includes(x)).map(violation(`${where}: not one of the enum values`)));
    }
    if (types.includes('string') && !enumValues) out.push(...stringViolations(s, where));
    if (types.includes('integer') || types.includes('number')) out.push(...numberViolations(s, types, where));
    if (types.includes('array')) out.push(...arrayViolations(s, at, where));
    if (types.includes('object')) out.push(...objectViolations(s, at, where));
    return out.length > 0 ? fc.oneof(...out) : undefined;
  }

  function stringViolations(s: SpecNode, where: string): fc.Arbitrary<Violation>[] {
    const out: fc.Arbitrary<Violation>[] = [];
    const maxLength = num(s['maxLength']);
    const minLength = num(s['minLength']) ?? 0;
    if (maxLength !== undefined) {
      out.push(fc.string({ unit: CHARACTER, minLength: maxLength + 1, maxLength: maxLength + 20 }).map(violation(`${where}: longer than ${maxLength} characters`)));
    }
    if (minLength > 0) out.push(fc.string({ unit: CHARACTER, maxLength: minLength - 1 }).map(violation(`${where}: shorter than ${minLength} characters`)));
    if (typeof s['pattern'] === 'string') {
      const re = new RegExp(s['pattern'], 'u');
      const inBounds = fc.string({ unit: CHARACTER, minLength: Math.max(minLength, 1), maxLength: Math.min(maxLength ?? 30, 30) });
      out.push(inBounds.filter((x) => !re.test(x)).map(violation(`${where}: does not match ${s['pattern']}`)));
    }
    if (s['format'] !== undefined) out.push(fc.constantFrom(...NOT_OF_FORMAT).map(violation(`${where}: not a valid ${String(s['format'])}`)));
    return out;
  }

  function numberViolations(s: SpecNode, types: readonly JsonType[], where: string): fc.Arbitrary<Violation>[] {
    const out: fc.Arbitrary<Violation>[] = [];
    const minimum = num(s['minimum']);
    const exclusive = num(s['exclusiveMinimum']);
    const maximum = num(s['maximum']);
    if (minimum !== undefined) out.push(fc.integer({ min: Math.ceil(minimum) - 1_000_000, max: Math.ceil(minimum) - 1 }).map(violation(`${where}: below the minimum ${minimum}`)));
    if (exclusive !== undefined) out.push(fc.integer({ min: Math.floor(exclusive) - 1_000_000, max: Math.floor(exclusive) }).map(violation(`${where}: not above ${exclusive}`)));
    if (maximum !== undefined) out.push(fc.integer({ min: Math.floor(maximum) + 1, max: Math.floor(maximum) + 1_000_000 }).map(violation(`${where}: above the maximum ${maximum}`)));
    if (types.includes('integer') && !types.includes('number')) {
      const lo = minimum ?? (maximum ?? 0) - 1_000_000;
      const hi = maximum ?? lo + 1_000_000;
      if (hi > lo) out.push(fc.double({ min: lo, max: hi, noNaN: true, noInteger: true }).map(violation(`${where}: not a whole number`)));
    }
    return out;
  }

  function arrayViolations(s: SpecNode, at: string, where: string): fc.Arbitrary<Violation>[] {
    const out: fc.Arbitrary<Violation>[] = [];
    const item = valid.of((s['items'] ?? true) as Schema, `${where}/items`);
    const minItems = num(s['minItems']) ?? 0;
    const maxItems = num(s['maxItems']);
    const unique = s['uniqueItems'] === true;
    const validList = (min: number, max: number): fc.Arbitrary<unknown[]> =>
      unique ? fc.uniqueArray(item, { minLength: min, maxLength: max, selector: canonicalJson }) : fc.array(item, { minLength: min, maxLength: max });
    if (maxItems !== undefined) out.push(validList(maxItems + 1, maxItems + 2).map(violation(`${where}: more than ${maxItems} items`)));
    if (minItems > 0) out.push(validList(0, minItems - 1).map(violation(`${where}: fewer than ${minItems} items`)));
    if (unique) out.push(item.map((v) => ({ value: [v, v], broke: `${where}: the same item twice` })));
    const badItem = of((s['items'] ?? true) as Schema, `${at}/0`);
    if (badItem) {
      const rest = validList(Math.max(0, minItems - 1), Math.max(0, Math.min(maxItems ?? 3, 3) - 1));
      out.push(fc.tuple(badItem, rest).map(([bad, ok]) => ({ value: [bad.value, ...ok], broke: bad.broke })));
    }
    return out;
  }

  function objectViolations(s: SpecNode, at: string, where: string): fc.Arbitrary<Violation>[] {
    const out: fc.Arbitrary<Violation>[] = [];
    const base = valid.of(s, where) as fc.Arbitrary<Record<string, unknown>>;
    const properties = (s['properties'] ?? {}) as Record<string, Schema>;
    for (const name of (s['required'] ?? []) as string[]) {
      out.push(base.map((o) => ({ value: Object.fromEntries(Object.entries(o).filter(([k]) => k !== name)), broke: `${where}: missing the required property ${name}` })));
    }
    if (s['additionalProperties'] === false) out.push(base.map((o) => ({ value: { ...o, unexpected_property: 1 }, broke: `${where}: an undeclared property` })));
    const minProperties = num(s['minProperties']) ?? 0;
    if (minProperties > 0) out.push(fc.constant({ value: {}, broke: `${where}: fewer than ${minProperties} properties` }));
    for (const [name, sub] of Object.entries(properties)) {
      const bad = of(sub, `${at}/${name}`);
      if (bad) out.push(fc.tuple(base, bad).map(([o, b]) => ({ value: { ...o, [name]: b.value }, broke: b.broke })));
    }
    const additional = s['additionalProperties'];
    if (additional !== null && typeof additional === 'object') {
      const bad = of(additional as Schema, `${at}/extra`);
      const key = s['propertyNames'] ? 'extra' : 'extra_value';
      if (bad) out.push(fc.tuple(base, bad).map(([o, b]) => ({ value: { ...o, [key]: b.value }, broke: b.broke })));
      const names = s['propertyNames'] as SpecNode | undefined;
      if (names && typeof names['pattern'] === 'string') {
        const re = new RegExp(names['pattern'], 'u');
        const value = valid.of(additional as Schema);
        const badName = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !re.test(k) && !(k in properties));
        out.push(fc.tuple(base, badName, value).map(([o, k, v]) => ({ value: { ...o, [k]: v }, broke: `${where}: a property name that does not match ${names['pattern']}` })));
      }
    }
    return out;
  }

  return { of: (schema) => of(schema) };
}
