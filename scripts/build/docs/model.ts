/**
 * The reference as data: what each operation page, the endpoint index and the error catalogue
 * show, read from the bundled spec (generated/openapi.json) and the operations table
 * (generated/operations.ts). Pure: no I/O, no TypeDoc.
 */
import type { OperationInfo } from '@opsmerge/sdk';
import { dataNames } from '../../codegen/facade.js';
import { eachOperation, type OpenApiDocument, type ParameterObject } from '../../codegen/spec-types.js';
import { enumOf, limitsOf, resolveSchema, typeText, type SchemaObject, type SchemaTable } from './schema-text.js';

/** One parameter or body field, as the reference lists it. */
export interface FieldDoc {
  readonly name: string;
  /** Where it goes: the path, the query string, a header, or the JSON body. */
  readonly in: 'path' | 'query' | 'header' | 'body';
  readonly required: boolean;
  /** Its type in words (`string (date-time)`, `array of Scope`). */
  readonly type: string;
  readonly description: string;
  /** The schema's `default`, when it has one. */
  readonly default?: unknown;
  /** Limits in words (`1–100`, `1–100 characters`, `matches …`). */
  readonly limits: readonly string[];
  /** Allowed values, for enums. */
  readonly enum?: readonly unknown[];
  /** The spec's example value. */
  readonly example?: unknown;
}

/** A documented example of a response (or of the request body). */
export interface ExampleDoc {
  /** The example's key in the spec (`missing`, `revoked`…), or `example` for a lone one. */
  readonly name: string;
  readonly summary?: string;
  readonly value: unknown;
}

/** One documented response of an operation. */
export interface ResponseDoc {
  /** `200`, `404`… (or `default`). */
  readonly status: string;
  readonly description: string;
  readonly examples: readonly ExampleDoc[];
  /** Response headers the spec documents for it. */
  readonly headers: readonly string[];
  /** For an error response: the catalogue codes it can carry (its examples, and codes the operation's description names). */
  readonly errorCodes: readonly string[];
}

/** The successor of a deprecated operation: which one, and the query that gives the same result. */
export interface SuccessorDoc {
  readonly operationId: string;
  readonly query: Readonly<Record<string, string>>;
}

/** Everything the reference shows about one operation. */
export interface OperationDoc {
  readonly info: OperationInfo;
  readonly description: string;
  /** Path, query and header parameters, in the spec's order (path ones first). */
  readonly parameters: readonly FieldDoc[];
  /** The JSON body: whether it is required, its schema's name, its top-level fields and the spec's example. */
  readonly body?: { readonly required: boolean; readonly schema?: string; readonly fields: readonly FieldDoc[]; readonly example?: unknown };
  readonly responses: readonly ResponseDoc[];
  /** The schema names of the success `data`, and of a list's items (`AgentPage`, `Agent`). */
  readonly result: { readonly data?: string; readonly item?: string };
  readonly successor?: SuccessorDoc;
  /** The rate-limit budget: requests per window, per key. */
  readonly rateLimit: { readonly group: string; readonly limit: number; readonly windowSeconds: number };
}

/** One code of the API's error catalogue (`ErrorCode` in the spec). */
export interface ErrorCodeDoc {
  readonly code: string;
  readonly status: number;
  /** What it means, from the spec's `x-enumDescriptions`. */
  readonly meaning: string;
}

/** What {@link buildReference} returns. */
export interface Reference {
  readonly version: string;
  readonly servers: readonly { readonly url: string; readonly description: string }[];
  readonly operations: readonly OperationDoc[];
  readonly errors: readonly ErrorCodeDoc[];
  /** The resource families (`x-tagGroups`) in the spec's order. */
  readonly families: readonly string[];
  /** Each tag's description. */
  readonly tags: Readonly<Record<string, string>>;
}

interface MediaObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown; $ref?: string }>;
}

interface ResponseObject {
  $ref?: string;
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaObject>;
}

function component<T>(doc: OpenApiDocument, kind: string, ref: string | undefined): T | undefined {
  const prefix = `#/components/${kind}/`;
  if (!ref?.startsWith(prefix)) return undefined;
  return (doc.components?.[kind] as Record<string, T> | undefined)?.[ref.slice(prefix.length)];
}

function examplesOf(media: MediaObject | undefined, doc: OpenApiDocument): ExampleDoc[] {
  if (!media) return [];
  if (media.examples) {
    return Object.entries(media.examples).map(([name, entry]) => {
      const resolved = entry.$ref ? (component<{ summary?: string; value?: unknown }>(doc, 'examples', entry.$ref) ?? {}) : entry;
      return { name, ...(resolved.summary ? { summary: resolved.summary } : {}), value: resolved.value };
    });
  }
  return media.example === undefined ? [] : [{ name: 'example', value: media.example }];
}

/** The error catalogue, from the `ErrorCode` schema: every code with the status its description starts with. */
export function errorCatalogue(doc: OpenApiDocument): ErrorCodeDoc[] {
  const schema = (doc.components?.schemas?.['ErrorCode'] ?? {}) as SchemaObject & { 'x-enumDescriptions'?: Record<string, string> };
  const descriptions = schema['x-enumDescriptions'] ?? {};
  return (schema.enum ?? []).map((value) => {
    const code = String(value);
    const text = descriptions[code] ?? '';
    const m = /^\s*(\d{3})\s*[—–-]\s*(.*)$/s.exec(text);
    if (!m) throw new Error(`ErrorCode ${code}: x-enumDescriptions must start with its status ("401 — …"), got "${text}"`);
    const meaning = m[2]!.trim();
    return { code, status: Number(m[1]), meaning: meaning.charAt(0).toUpperCase() + meaning.slice(1) };
  });
}

function fieldOf(name: string, where: FieldDoc['in'], required: boolean, schema: SchemaObject | undefined, description: string | undefined, example: unknown, schemas: SchemaTable): FieldDoc {
  const resolved = resolveSchema(schema, schemas);
  const values = enumOf(schema, schemas);
  const ex = example ?? schema?.example ?? resolved?.example;
  return {
    name,
    in: where,
    required,
    type: typeText(schema, schemas),
    description: (description ?? schema?.description ?? resolved?.description ?? '').trim(),
    ...(resolved?.default !== undefined ? { default: resolved.default } : {}),
    limits: limitsOf(schema, schemas),
    ...(values ? { enum: values } : {}),
    ...(ex !== undefined ? { example: ex } : {}),
  };
}

function parameterField(p: ParameterObject & { example?: unknown }, schemas: SchemaTable): FieldDoc {
  return fieldOf(p.name, p.in === 'cookie' ? 'header' : p.in, p.required === true, p.schema as SchemaObject | undefined, p.description, p.example, schemas);
}

/** The top-level fields of a body schema (through `$ref` and a single `allOf`). */
function bodyFields(schema: SchemaObject | undefined, schemas: SchemaTable): FieldDoc[] {
  const resolved = resolveSchema(schema, schemas);
  const parts = resolved?.allOf ? resolved.allOf.map((part) => resolveSchema(part, schemas)) : [resolved];
  const fields: FieldDoc[] = [];
  for (const part of parts) {
    const required = new Set(part?.required ?? []);
    for (const [name, property] of Object.entries(part?.properties ?? {})) {
      fields.push(fieldOf(name, 'body', required.has(name), property, undefined, undefined, schemas));
    }
  }
  return fields;
}

/**
 * The query that makes the successor answer as the deprecated operation did, read from the
 * deprecated operation's description where it names the successor's request
 * (`` `GET /v1/alerts?status=active` ``). Empty when the description names none.
 */
export function successorQuery(description: string, successor: Pick<OperationInfo, 'method' | 'path'>): Record<string, string> {
  const escaped = successor.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^}]*\\\}/g, '[^/?`]+');
  const m = new RegExp(`\`${successor.method}\\s+${escaped}\\?([^\`\\s]+)\``).exec(description);
  return m ? Object.fromEntries(new URLSearchParams(m[1]!)) : {};
}

const CODE_MENTION = /`([A-Z][A-Z0-9_]+)`/g;

/** Builds the reference from the bundled spec and the operations table. */
export function buildReference(doc: OpenApiDocument, operations: Readonly<Record<string, OperationInfo>>): Reference {
  const schemas = (doc.components?.schemas ?? {}) as SchemaTable;
  const catalogue = errorCatalogue(doc);
  const statusOf = new Map(catalogue.map((e) => [e.code, e.status]));
  const groups = (doc['x-rate-limit-groups'] ?? {}) as Record<string, { limit: number; window_seconds: number }>;
  const docs: OperationDoc[] = [];
  for (const { op, parameters } of eachOperation(doc)) {
    const info = op.operationId === undefined ? undefined : operations[op.operationId];
    if (!info) throw new Error(`${op.operationId ?? '(no operationId)'}: not in the operations table (run npm run generate)`);
    const description = (op.description ?? '').trim();
    const mentioned = [...description.matchAll(CODE_MENTION)].map((m) => m[1]!).filter((code) => statusOf.has(code));

    const responses: ResponseDoc[] = Object.entries(op.responses ?? {}).map(([status, raw]) => {
      const response = ((raw as ResponseObject).$ref ? component<ResponseObject>(doc, 'responses', (raw as ResponseObject).$ref) : raw) as ResponseObject | undefined;
      const examples = examplesOf(response?.content?.['application/json'], doc);
      const codes = new Set<string>();
      if (!status.startsWith('2')) {
        for (const example of examples) {
          const code = (example.value as { error?: { code?: unknown } } | undefined)?.error?.code;
          if (typeof code === 'string') codes.add(code);
        }
        for (const code of mentioned) if (String(statusOf.get(code)) === status) codes.add(code);
      }
      return { status, description: (response?.description ?? '').trim(), examples, headers: Object.keys(response?.headers ?? {}), errorCodes: [...codes] };
    });

    const media = op.requestBody?.content?.['application/json'] as MediaObject | undefined;
    const body =
      info.body === 'none'
        ? undefined
        : {
            required: info.body === 'required',
            ...(media?.schema?.$ref ? { schema: typeText(media.schema, schemas) } : {}),
            fields: bodyFields(media?.schema, schemas),
            ...(media?.example !== undefined ? { example: media.example } : {}),
          };

    const successor = info.successor ? operations[info.successor] : undefined;
    const group = groups[info.rateLimitGroup] ?? groups['default'] ?? { limit: 300, window_seconds: 60 };
    docs.push({
      info,
      description,
      parameters: parameters.map((p) => parameterField(p as ParameterObject & { example?: unknown }, schemas)).sort((a, b) => Number(b.in === 'path') - Number(a.in === 'path')),
      ...(body ? { body } : {}),
      responses,
      result: dataNames(doc, op),
      ...(successor ? { successor: { operationId: successor.operationId, query: successorQuery(description, successor) } } : {}),
      rateLimit: { group: info.rateLimitGroup, limit: group.limit, windowSeconds: group.window_seconds },
    });
  }
  docs.sort((a, b) => a.info.operationId.localeCompare(b.info.operationId));
  const tags = Object.fromEntries((doc.tags ?? []).map((t) => [t.name, (t.description ?? '').trim()]));
  return {
    version: doc.info.version,
    servers: (doc.servers ?? []).map((s) => ({ url: s.url, description: s.description ?? '' })),
    operations: docs,
    errors: catalogue,
    families: (doc['x-tagGroups'] ?? []).map((g) => g.name),
    tags,
  };
}
