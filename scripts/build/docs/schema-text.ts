/**
 * JSON Schema (OpenAPI 3.1) described for a reader: a type (`string (date-time)`,
 * `array of Scope`, `string | null`), the limits (`1–100 characters`, `≤ 100`), the default
 * and the allowed values. Local `$ref`s to `#/components/schemas/X` show as `X`; their enums
 * and limits are read through the reference.
 */

/** The slice of a schema object these functions read. */
export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly items?: SchemaObject;
  readonly properties?: Readonly<Record<string, SchemaObject>>;
  readonly required?: readonly string[];
  readonly oneOf?: readonly SchemaObject[];
  readonly anyOf?: readonly SchemaObject[];
  readonly allOf?: readonly SchemaObject[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly pattern?: string;
  readonly description?: string;
  readonly example?: unknown;
  readonly deprecated?: boolean;
}

/** Named schemas, `components.schemas` of the document. */
export type SchemaTable = Readonly<Record<string, unknown>>;

const SCHEMA_REF = '#/components/schemas/';

/** The name a `$ref` points to (`#/components/schemas/Agent` → `Agent`), or undefined. */
export function refName(schema: SchemaObject | undefined): string | undefined {
  return schema?.$ref?.startsWith(SCHEMA_REF) ? schema.$ref.slice(SCHEMA_REF.length) : undefined;
}

/** Follows `$ref`s (at most 16 deep, so a cycle ends) to the schema they name. */
export function resolveSchema(schema: SchemaObject | undefined, schemas: SchemaTable): SchemaObject | undefined {
  let current = schema;
  for (let depth = 0; depth < 16 && current?.$ref; depth++) {
    const name = refName(current);
    current = name === undefined ? undefined : (schemas[name] as SchemaObject | undefined);
  }
  return current;
}

/** `string`, `integer`, `string (date-time)`, `array of Scope`, `Agent`, `string | null`… */
export function typeText(schema: SchemaObject | undefined, schemas: SchemaTable, depth = 0): string {
  if (!schema) return 'any';
  const name = refName(schema);
  if (name !== undefined) return name;
  if (depth > 8) return 'any';
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return [...new Set(variants.map((v) => typeText(v, schemas, depth + 1)))].join(' | ');
  if (schema.allOf?.length === 1) return typeText(schema.allOf[0], schemas, depth + 1);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : [...schema.type];
  if (types.length === 0) return schema.properties ? 'object' : 'any';
  return types
    .map((type) => {
      if (type === 'array') return `array of ${typeText(schema.items, schemas, depth + 1)}`;
      if (type === 'string' && schema.format) return `string (${schema.format})`;
      return type;
    })
    .join(' | ');
}

function range(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  const suffix = unit === '' ? '' : ` ${unit}`;
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}${suffix}` : `${min}–${max}${suffix}`;
  if (min !== undefined) return `at least ${min}${suffix}`;
  if (max !== undefined) return `at most ${max}${suffix}`;
  return undefined;
}

/** The limits a value must keep, in words: `1–100 characters`, `1–100`, `matches ^agt_…$`. */
export function limitsOf(schema: SchemaObject | undefined, schemas: SchemaTable): string[] {
  const s = resolveSchema(schema, schemas);
  if (!s) return [];
  const limits: string[] = [];
  const numeric = range(s.minimum, s.maximum, '');
  if (numeric) limits.push(numeric);
  if (s.exclusiveMinimum !== undefined) limits.push(`greater than ${s.exclusiveMinimum}`);
  if (s.exclusiveMaximum !== undefined) limits.push(`less than ${s.exclusiveMaximum}`);
  const length = range(s.minLength, s.maxLength, 'characters');
  if (length) limits.push(length);
  const items = range(s.minItems, s.maxItems, 'items');
  if (items) limits.push(items);
  if (s.uniqueItems) limits.push('no duplicates');
  if (s.pattern) limits.push(`matches \`${s.pattern}\``);
  return limits;
}

/** The values an enum allows (through a `$ref`, or of an array's items), or undefined. */
export function enumOf(schema: SchemaObject | undefined, schemas: SchemaTable): readonly unknown[] | undefined {
  const s = resolveSchema(schema, schemas);
  if (!s) return undefined;
  if (s.enum) return s.enum;
  const types = typeof s.type === 'string' ? [s.type] : (s.type ?? []);
  if (types.includes('array')) return enumOf(s.items, schemas);
  return undefined;
}
