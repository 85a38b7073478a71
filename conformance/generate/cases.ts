/**
 * Request cases of an operation, generated from the spec: positive cases (every parameter and
 * the body drawn from their schemas; the spec's examples as the first case) and negative cases
 * (a positive case with exactly one thing broken: a parameter or body constraint, a required body
 * left out, malformed JSON, a content type other than JSON, a query parameter the operation does
 * not define when the spec says those are rejected). A case is data; `http/wire.ts` puts it on
 * the wire.
 */
import fc from 'fast-check';
import { resolveRef, type Schema, type SpecNode } from '../spec/document.js';
import { idPrefix, isId } from '../spec/ids.js';
import type { SpecOperation, SpecParameter } from '../spec/operations.js';
import { UNKNOWN_QUERY_RULE } from '../spec/query-rule.js';
import { invalidValues } from './invalid-values.js';
import { parameterViolations } from './parameter-violations.js';
import { unknownQueryParameters } from './unknown-query.js';
import { validValues, type ValidValues } from './valid-values.js';

/** The body of a case: JSON (sent as `application/json`) or raw text with its own content type. */
export type CaseBody = { readonly json: unknown } | { readonly raw: string; readonly contentType: string };

/** One request to an operation, before it is put on the wire. */
export interface RequestCase {
  readonly operationId: string;
  /** Positive cases follow the spec; negative ones break it once, as `broke` says. */
  readonly kind: 'positive' | 'negative';
  /** Path parameter values, not yet percent-encoded. */
  readonly path: Readonly<Record<string, string>>;
  /** Query parameters as sent. */
  readonly query: Readonly<Record<string, string>>;
  /** Header parameters as sent (`Idempotency-Key`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: CaseBody | undefined;
  /** What a negative case breaks (`query per_page: above the maximum 100`). */
  readonly broke: string | undefined;
}

/** Where generated values for references come from. */
export interface CaseSources {
  /** Ids the server is known to have (from its list responses), for references in queries and bodies. */
  readonly known: readonly string[];
  /** Ids the operation's path parameters may take (for a write: what it may change). */
  readonly pathIds: readonly string[];
  /** The resources the server listed, by id: a body naming one takes the references it holds. @default none */
  readonly records?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/** Generators of an operation's cases. */
export interface OperationCases {
  /** Cases that follow the spec. */
  readonly positive: fc.Arbitrary<RequestCase>;
  /** Cases that break it once; undefined when the operation takes nothing that can be broken. */
  readonly negative: fc.Arbitrary<RequestCase> | undefined;
  /** The case made of the spec's examples (run first), when the spec has them for everything required. */
  readonly example: RequestCase | undefined;
}

const resolve = (ref: string): Schema => resolveRef(ref) as Schema;

/** A parameter value as it goes on the wire. */
export function wireText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Builds the case generators of one operation. */
export function operationCases(op: SpecOperation, sources: CaseSources): OperationCases {
  const pick = (pool: readonly string[]) => (schema: SpecNode) => (typeof schema['pattern'] === 'string' ? pool : []);
  const valid: ValidValues = validValues({ resolve, known: pick(sources.known) });
  const forPath: ValidValues = validValues({ resolve, known: pick(sources.pathIds) });
  const invalid = invalidValues(resolve, valid);
  const params = (where: SpecParameter['in']) => op.parameters.filter((p) => p.in === where);

  const record = (list: readonly SpecParameter[], values: ValidValues): fc.Arbitrary<Record<string, string>> =>
    fc.record(Object.fromEntries(list.map((p) => [p.name, values.of(p.schema, `${op.operationId} ${p.in} ${p.name}`).map(wireText)])), {
      requiredKeys: list.filter((p) => p.required).map((p) => p.name),
    }) as fc.Arbitrary<Record<string, string>>;

  const body = op.requestBody;
  const records = sources.records ?? new Map<string, Readonly<Record<string, unknown>>>();
  const bodyValues = body ? valid.of(body.schema, `${op.operationId} body`).map((json) => alignReferences(json, records)) : undefined;
  const bodyArbitrary: fc.Arbitrary<CaseBody | undefined> =
    !body || !bodyValues ? fc.constant(undefined) : body.required ? bodyValues.map((json) => ({ json })) : fc.option(bodyValues.map((json) => ({ json })), { nil: undefined });

  const positive: fc.Arbitrary<RequestCase> = fc
    .record({ path: record(params('path'), forPath), query: record(params('query'), valid), headers: record(params('header'), valid), body: bodyArbitrary })
    .map((parts) => ({ operationId: op.operationId, kind: 'positive' as const, ...parts, broke: undefined }));

  const negatives: fc.Arbitrary<RequestCase>[] = [];
  const broken = (c: RequestCase, change: Partial<RequestCase> & { broke: string }): RequestCase => ({ ...c, ...change, kind: 'negative' });
  for (const p of op.parameters) {
    const bad = parameterViolations(p);
    if (!bad) continue;
    const slot = p.in === 'path' ? 'path' : p.in === 'query' ? 'query' : 'headers';
    negatives.push(fc.tuple(positive, bad).map(([c, b]) => broken(c, { [slot]: { ...c[slot], [p.name]: b.text }, broke: b.broke })));
  }
  if (UNKNOWN_QUERY_RULE) {
    const extra = unknownQueryParameters(params('query').map((p) => p.name), UNKNOWN_QUERY_RULE.acceptedEverywhere);
    negatives.push(fc.tuple(positive, extra).map(([c, q]) => broken(c, { query: { ...c.query, [q.name]: q.value }, broke: `query ${q.name}: not a parameter of the operation` })));
  }
  if (body && bodyValues) {
    const badBody = invalid.of(body.schema);
    if (badBody) negatives.push(fc.tuple(positive, badBody).map(([c, b]) => broken(c, { body: { json: b.value }, broke: `body${b.broke.replace(/^value/, '')}` })));
    if (body.required) negatives.push(positive.map((c) => broken(c, { body: undefined, broke: 'body: missing, but the operation requires one' })));
    const jsonText = fc.tuple(positive, bodyValues).map(([c, value]) => ({ c, text: JSON.stringify(value) }));
    negatives.push(
      jsonText
        .chain(({ c, text }) => fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => ({ c, raw: text.slice(0, cut) })))
        .filter(({ raw }) => !isJson(raw))
        .map(({ c, raw }) => broken(c, { body: { raw, contentType: 'application/json' }, broke: 'body: malformed JSON' })),
    );
    negatives.push(
      fc
        .tuple(jsonText, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml'))
        .map(([{ c, text }, contentType]) => broken(c, { body: { raw: text, contentType }, broke: `Content-Type: ${contentType} instead of application/json` })),
    );
  }

  const example = exampleCase(op);
  return {
    positive,
    negative: negatives.length > 0 ? fc.oneof(...negatives) : undefined,
    example: example && {
      ...example,
      path: withIdsOf(example.path, sources.pathIds),
      query: withIdsOf(example.query, sources.known),
      body: example.body && 'json' in example.body ? { json: alignReferences(withIdsOf(example.body.json, sources.known), records) } : example.body,
    },
  };
}

/**
 * A body whose references agree with each other: when a field names a resource the server
 * listed, every other id field of the body that the resource also has takes the resource's value
 * (a ticket's `client_id` becomes the client of its `contact_id`). Fields later in the body win.
 */
export function alignReferences(json: unknown, records: ReadonlyMap<string, Readonly<Record<string, unknown>>>): unknown {
  if (records.size === 0 || json === null || typeof json !== 'object' || Array.isArray(json)) return json;
  const out = { ...(json as Record<string, unknown>) };
  for (const value of Object.values(json)) {
    const record = typeof value === 'string' ? records.get(value) : undefined;
    if (!record) continue;
    for (const [field, current] of Object.entries(out)) {
      const held = record[field];
      if (field !== 'id' && isId(current) && isId(held)) out[field] = held;
    }
  }
  return out;
}

/**
 * A copy of a value whose example ids (`cli_01HZX2A7B3`) are replaced by ids of the same kind
 * from `pool`, so the spec's examples name resources the server has: the same example id by the
 * same id, different ones by different ids (or left as they are when the pool has too few).
 */
export function withIdsOf<T>(value: T, pool: readonly string[]): T {
  const byPrefix = new Map<string, string[]>();
  for (const id of pool) {
    const prefix = idPrefix(id);
    if (prefix !== undefined) byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), id]);
  }
  const chosen = new Map<string, string>();
  const used = new Map<string, number>();
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const prefix = idPrefix(v);
      if (prefix === undefined) return v;
      if (!chosen.has(v)) {
        const n = used.get(prefix) ?? 0;
        chosen.set(v, byPrefix.get(prefix)?.[n] ?? v);
        used.set(prefix, n + 1);
      }
      return chosen.get(v);
    }
    if (Array.isArray(v)) return v.map(swap);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return swap(value) as T;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The case of the spec's examples: every path and query parameter with an example, and the
 * body's example. Header parameters are left out: an example `Idempotency-Key` is the same on
 * every operation, so a stateful server would rightly answer 409 for the second one.
 */
function exampleCase(op: SpecOperation): RequestCase | undefined {
  const path: Record<string, string> = {};
  const query: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in === 'header') continue;
    if (!p.example) {
      if (p.required) return undefined;
      continue;
    }
    (p.in === 'path' ? path : query)[p.name] = wireText(p.example.value);
  }
  if (op.requestBody?.required && !op.requestBody.example) return undefined;
  const body = op.requestBody?.example ? { json: op.requestBody.example.value } : undefined;
  return { operationId: op.operationId, kind: 'positive', path, query, headers: {}, body, broke: undefined };
}
