/**
 * JSON Schema → fast-check arbitrary of values the schema accepts. Our own small converter over
 * exactly the keywords the spec uses (see schema-keywords.ts): native fast-check arbitraries, so
 * values shrink and a seed replays them. Every schema of the spec is tested to give only valid
 * values (test/contract/generate.test.ts).
 */
import fc from 'fast-check';
import type { Schema, SpecNode } from '../spec/document.js';
import { CHARACTER, FORMATS, assertKnownKeywords, canonicalJson, codePointLength, typesOf, type JsonType, type Resolve } from './schema-keywords.js';

/** Options of {@link validValues}. */
export interface ValidValueOptions {
  /** Resolves a local `$ref`. */
  readonly resolve: Resolve;
  /**
   * Values the server knows for a string schema (ids it listed), drawn three times out of four
   * instead of generated ones, so that references point at something. Each is checked against
   * the schema's constraints by the caller.
   * @default no known values
   */
  readonly known?: (schema: SpecNode) => readonly string[];
}

/** A converter of schemas into arbitraries of valid values; `$ref` targets are converted once. */
export interface ValidValues {
  /** Values `schema` accepts. `at` names the schema in errors. */
  of(schema: Schema, at?: string): fc.Arbitrary<unknown>;
}

const SMALL_JSON = fc.jsonValue({ maxDepth: 2 });

/** Creates a converter; see {@link ValidValueOptions}. */
export function validValues(options: ValidValueOptions): ValidValues {
  const byRef = new Map<string, fc.Arbitrary<unknown>>();
  const building = new Set<string>();

  const fromRef = (ref: string): fc.Arbitrary<unknown> => {
    const hit = byRef.get(ref);
    if (hit) return hit;
    if (building.has(ref)) throw new Error(`${ref}: recursive schemas are not supported`);
    building.add(ref);
    const arbitrary = of(options.resolve(ref), ref);
    building.delete(ref);
    byRef.set(ref, arbitrary);
    return arbitrary;
  };

  function of(schema: Schema, at = '#'): fc.Arbitrary<unknown> {
    if (schema === true) return SMALL_JSON;
    if (schema === false) throw new Error(`${at}: the schema false accepts no value`);
    assertKnownKeywords(schema, at);
    if (typeof schema['$ref'] === 'string') return fromRef(schema['$ref']);
    if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
    if (Array.isArray(schema['oneOf'])) return oneOf(schema['oneOf'] as Schema[], at);
    const types = typesOf(schema, at);
    if (types.length === 0) return SMALL_JSON;
    const arbitraries = types.map((t) => ofType(t, schema, at));
    return arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
  }

  function oneOf(branches: readonly Schema[], at: string): fc.Arbitrary<unknown> {
    // "Exactly one branch" holds when no two branches share a JSON type (all of the spec's do not).
    const seen = new Set<JsonType>();
    for (const [i, branch] of branches.entries()) {
      const target = typeof branch === 'object' && typeof branch['$ref'] === 'string' ? options.resolve(branch['$ref']) : branch;
      const types = typeof target === 'object' ? typesOf(target, `${at}/oneOf/${i}`) : [];
      const widened = types.flatMap((t) => (t === 'number' ? ['number', 'integer'] : t === 'integer' ? ['integer', 'number'] : [t])) as JsonType[];
      if (widened.length === 0 || widened.some((t) => seen.has(t))) throw new Error(`${at}: oneOf branches must each declare types no other branch has`);
      for (const t of widened) seen.add(t);
    }
    return fc.oneof(...branches.map((b, i) => of(b, `${at}/oneOf/${i}`)));
  }

  function ofType(type: JsonType, s: SpecNode, at: string): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return integers(s);
      case 'number':
        return fc.double({
          min: num(s['exclusiveMinimum']) ?? num(s['minimum']) ?? -1e9,
          minExcluded: s['exclusiveMinimum'] !== undefined,
          max: num(s['maximum']) ?? 1e9,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'string':
        return strings(s, at);
      case 'array': {
        const item = of((s['items'] ?? true) as Schema, `${at}/items`);
        const bounds = { minLength: num(s['minItems']) ?? 0, ...(s['maxItems'] !== undefined ? { maxLength: num(s['maxItems'])! } : {}) };
        return s['uniqueItems'] === true ? fc.uniqueArray(item, { ...bounds, selector: canonicalJson }) : fc.array(item, bounds);
      }
      case 'object':
        return objects(s, at);
    }
  }

  function strings(s: SpecNode, at: string): fc.Arbitrary<string> {
    const minLength = num(s['minLength']) ?? 0;
    const maxLength = num(s['maxLength']);
    const pattern = typeof s['pattern'] === 'string' ? new RegExp(s['pattern'], 'u') : undefined;
    const format = s['format'];
    let generated: fc.Arbitrary<string>;
    if (format !== undefined) {
      const formatted = FORMATS[String(format)];
      if (!formatted) throw new Error(`${at}: the conformance suite does not understand the format "${String(format)}"`);
      generated = formatted;
    } else if (pattern) {
      generated = fc.stringMatching(pattern);
    } else {
      return fc.string({ unit: CHARACTER, minLength, ...(maxLength !== undefined ? { maxLength } : {}) });
    }
    const fits = (x: string): boolean => {
      const n = codePointLength(x);
      return n >= minLength && (maxLength === undefined || n <= maxLength) && (!pattern || pattern.test(x));
    };
    const known = (options.known?.(s) ?? []).filter(fits);
    generated = generated.filter(fits);
    return known.length === 0 ? generated : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated });
  }

  function objects(s: SpecNode, at: string): fc.Arbitrary<Record<string, unknown>> {
    const properties = (s['properties'] ?? {}) as Record<string, Schema>;
    const required = (s['required'] ?? []) as string[];
    const additional = s['additionalProperties'] as Schema | undefined;
    const undeclared = required.filter((r) => !(r in properties));
    if (undeclared.length > 0 && (additional === undefined || additional === false)) {
      throw new Error(`${at}: required ${undeclared.join(', ')} not declared in properties`);
    }
    const declared = fc.record(Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, of(v, `${at}/properties/${k}`)])), {
      requiredKeys: required.filter((k) => k in properties),
    }) as fc.Arbitrary<Record<string, unknown>>;
    let values = declared;
    // Absent additionalProperties allows extras (JSON Schema), but the converter sends none: the
    // spec closes every request schema, and extras would only test the server's leniency.
    if (additional !== undefined && additional !== false) {
      const declaredCount = Object.keys(properties).length;
      const keys = (s['propertyNames'] ? strings({ type: 'string', ...(s['propertyNames'] as SpecNode) }, `${at}/propertyNames`) : fc.string({ minLength: 1, maxLength: 20 })).filter(
        (k) => !(k in properties),
      );
      const maxExtra = Math.max(0, Math.min(10, (num(s['maxProperties']) ?? declaredCount + 10) - declaredCount));
      const extras = fc.dictionary(keys, of(additional, `${at}/additionalProperties`), {
        minKeys: declaredCount === 0 ? Math.min(maxExtra, num(s['minProperties']) ?? 0) : 0,
        maxKeys: maxExtra,
        noNullPrototype: true,
      });
      values = fc.tuple(declared, extras).map(([d, e]) => ({ ...e, ...d }));
    }
    const minProperties = num(s['minProperties']) ?? 0;
    const maxProperties = num(s['maxProperties']) ?? Infinity;
    if (minProperties > 0 || maxProperties < Infinity) {
      values = values.filter((o) => Object.keys(o).length >= minProperties && Object.keys(o).length <= maxProperties);
    }
    return values;
  }

  return { of };
}

/** Integers within the schema's bounds (defaults: a 32-bit span around the given bound). */
function integers(s: SpecNode): fc.Arbitrary<number> {
  const exclusive = num(s['exclusiveMinimum']);
  const lower = Math.max(num(s['minimum']) ?? -Infinity, exclusive === undefined ? -Infinity : Math.floor(exclusive) + 1);
  const upper = num(s['maximum']) ?? Infinity;
  const min = Number.isFinite(lower) ? Math.ceil(lower) : Math.min(Number.isFinite(upper) ? Math.floor(upper) : 0, 0) - 2 ** 31;
  const max = Number.isFinite(upper) ? Math.floor(upper) : Math.max(min, 0) + 2 ** 31 - 1;
  return fc.integer({ min, max });
}

/** A numeric keyword's value, or undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
