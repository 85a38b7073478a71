/**
 * The schema → fast-check converter over every schema of the spec: valid values are all valid,
 * invalid values all invalid (each breaking the constraint it names), a keyword or format the
 * converter does not know fails loudly, and a seed replays the same values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidValues } from '../../conformance/generate/invalid-values.js';
import { validValues } from '../../conformance/generate/valid-values.js';
import { SPEC, deref, objectAt, resolveRef, type Schema, type SpecNode } from '../../conformance/spec/document.js';
import { SPEC_OPERATIONS } from '../../conformance/spec/operations.js';
import { validate } from '../../conformance/spec/validator.js';

const resolve = (ref: string): Schema => resolveRef(ref) as Schema;

/** Every schema of the spec: components, parameters, request and response bodies. */
function everySchema(): { name: string; schema: Schema }[] {
  const out: { name: string; schema: Schema }[] = [];
  for (const name of Object.keys(objectAt(objectAt(SPEC, 'components'), 'schemas'))) out.push({ name, schema: { $ref: `#/components/schemas/${name}` } });
  for (const op of SPEC_OPERATIONS) {
    for (const p of op.parameters) out.push({ name: `${op.operationId} ${p.in} ${p.name}`, schema: p.schema });
    if (op.requestBody) out.push({ name: `${op.operationId} request body`, schema: op.requestBody.schema });
    for (const r of op.responses) if (r.schema) out.push({ name: `${op.operationId} ${r.key} body`, schema: r.schema });
  }
  return out;
}

const schemas = everySchema();
const valid = validValues({ resolve });
const invalid = invalidValues(resolve, valid);

describe('valid values of the spec schemas', () => {
  it('cover every schema of the spec (components, parameters, request and response bodies)', () => {
    expect(schemas.length).toBeGreaterThan(290);
  });

  it.each(schemas)('are all accepted by $name', ({ schema }) => {
    const values = fc.sample(valid.of(schema), { seed: 7, numRuns: 20 });
    const rejected = values.map((v) => ({ v, problems: validate(schema, v) })).filter((r) => r.problems.length > 0);
    expect(rejected.slice(0, 2)).toEqual([]);
  });
});

describe('invalid values of the spec schemas', () => {
  const constrained = schemas.filter(({ schema }) => invalid.of(schema) !== undefined);

  it('exist for every request schema', () => {
    const requestSide = SPEC_OPERATIONS.flatMap((op) => [...op.parameters.map((p) => p.schema), ...(op.requestBody ? [op.requestBody.schema] : [])]);
    expect(requestSide.filter((s) => invalid.of(s) === undefined)).toEqual([]);
  });

  it.each(constrained)('are all rejected by $name, each for the constraint it names', ({ schema }) => {
    const values = fc.sample(invalid.of(schema)!, { seed: 11, numRuns: 20 });
    const accepted = values.filter((v) => validate(schema, v.value).length === 0);
    expect(accepted.slice(0, 2)).toEqual([]);
    for (const v of values) expect(v.broke).toMatch(/^(value|\/\S*): \S/);
  });
});

describe('the converter', () => {
  it('throws on a keyword the spec does not use, naming it and where it is', () => {
    expect(() => valid.of({ type: 'string', contentEncoding: 'base64' }, '#/x')).toThrow('#/x: the conformance suite does not understand the JSON Schema keyword "contentEncoding"');
    expect(() => valid.of({ type: 'integer', exclusiveMaximum: 3 })).toThrow(/"exclusiveMaximum"/);
    expect(() => valid.of({ allOf: [{ type: 'string' }] })).toThrow(/"allOf"/);
  });

  it('throws on a format it cannot generate, and on oneOf branches that overlap', () => {
    expect(() => valid.of({ type: 'string', format: 'idn-email' })).toThrow(/format "idn-email"/);
    expect(() => valid.of({ oneOf: [{ type: 'string' }, { type: 'string', maxLength: 3 }] })).toThrow(/oneOf branches/);
    expect(() => valid.of({ oneOf: [{ type: 'integer' }, { type: 'number' }] })).toThrow(/oneOf branches/);
  });

  it('replays the same values for the same seed', () => {
    const body = SPEC_OPERATIONS.find((op) => op.operationId === 'tickets_create')!.requestBody!.schema;
    expect(fc.sample(valid.of(body), { seed: 42, numRuns: 5 })).toEqual(fc.sample(valid.of(body), { seed: 42, numRuns: 5 }));
    expect(fc.sample(invalid.of(body)!, { seed: 42, numRuns: 5 })).toEqual(fc.sample(invalid.of(body)!, { seed: 42, numRuns: 5 }));
  });

  it('shrinks a failing value to a minimal one', () => {
    const body = deref(resolve('#/components/schemas/TicketCreate')) as SpecNode;
    const details = fc.check(fc.property(valid.of(body) as fc.Arbitrary<Record<string, unknown>>, (t) => String(t['subject']).length < 5), { seed: 3 });
    expect(details.failed).toBe(true);
    const minimal = details.counterexample![0] as Record<string, unknown>;
    expect(Object.keys(minimal).sort()).toEqual(['client_id', 'description', 'subject']);
    expect(String(minimal['subject'])).toHaveLength(5);
  });

  it('draws known values for a string schema they satisfy, and ignores those that do not fit', () => {
    const known = validValues({ resolve, known: (s) => (s['pattern'] === '^cli_[0-9A-Z]{10}$' ? ['cli_0000000001', 'not-an-id'] : []) });
    const values = fc.sample(known.of({ type: 'string', pattern: '^cli_[0-9A-Z]{10}$' }), { seed: 1, numRuns: 200 });
    expect(values.filter((v) => v === 'cli_0000000001').length).toBeGreaterThan(100);
    expect(values).not.toContain('not-an-id');
  });
});
