/**
 * The request cases of every operation: positive cases follow the spec on the wire, negative
 * cases break it exactly where they say, and the spec's examples come first with the server's
 * own ids in them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignReferences, operationCases, withIdsOf, type RequestCase } from '../../conformance/generate/cases.js';
import { SPEC_OPERATIONS, type SpecOperation } from '../../conformance/spec/operations.js';
import { UNKNOWN_QUERY_RULE } from '../../conformance/spec/query-rule.js';
import { validate, validateWireValue } from '../../conformance/spec/validator.js';

const SOURCES = { known: ['cli_AAAAAAAAA1', 'con_BBBBBBBBB1', 'usr_CCCCCCCCC1', 'agt_DDDDDDDDD1', 'agt_DDDDDDDDD2'], pathIds: ['tkt_EEEEEEEEE1'] };

/** The problems of a case against its operation: parameters as text on the wire, the body as sent. */
function problems(op: SpecOperation, c: RequestCase): string[] {
  const out: string[] = [];
  for (const p of op.parameters) {
    const value = p.in === 'path' ? c.path[p.name] : p.in === 'query' ? c.query[p.name] : c.headers[p.name];
    if (value === undefined) {
      if (p.required) out.push(`${p.in} ${p.name} is missing`);
      continue;
    }
    out.push(...validateWireValue(p.schema, value, `${p.in} ${p.name}`));
  }
  const defined = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of Object.keys(c.query)) if (!defined.has(name) && !UNKNOWN_QUERY_RULE?.acceptedEverywhere.has(name)) out.push(`query ${name}: not a parameter of the operation`);
  if (c.body === undefined) {
    if (op.requestBody?.required) out.push('the body is missing');
  } else if ('raw' in c.body) {
    out.push(`the body is sent as ${c.body.contentType}`);
    try {
      JSON.parse(c.body.raw);
    } catch {
      out.push('the body is not JSON');
    }
  } else if (op.requestBody) {
    out.push(...validate(op.requestBody.schema, c.body.json));
  }
  return out;
}

describe('generated cases of every operation', () => {
  it.each(SPEC_OPERATIONS.map((op) => ({ id: op.operationId, op })))('$id: positive cases follow the spec', ({ op }) => {
    const cases = operationCases(op, SOURCES);
    for (const c of fc.sample(cases.positive, { seed: 5, numRuns: 40 })) expect(problems(op, c)).toEqual([]);
    if (cases.example) expect(problems(op, cases.example)).toEqual([]);
  });

  // Every operation: the spec's x-unknown-query-parameters makes a query parameter it does not define a negative case.
  it.each(SPEC_OPERATIONS.map((op) => ({ id: op.operationId, op })))('$id: negative cases break the spec where they say', ({ op }) => {
    const cases = operationCases(op, SOURCES);
    expect(cases.negative).toBeDefined();
    for (const c of fc.sample(cases.negative!, { seed: 6, numRuns: 40 })) {
      const found = problems(op, c);
      expect(found.length, `${c.broke} broke nothing`).toBeGreaterThan(0);
      const where = /^(path|query|header) (\S+):/.exec(c.broke!);
      if (where) expect(found.some((p) => p.startsWith(`${where[1]} ${where[2]}`)), `${c.broke}: ${found.join('; ')}`).toBe(true);
    }
  });

  it('never sends a blank query value, an empty or padded header, or a path value that could change the route, as a violation', () => {
    for (const op of SPEC_OPERATIONS) {
      const negative = operationCases(op, SOURCES).negative;
      if (!negative) continue;
      for (const c of fc.sample(negative, { seed: 9, numRuns: 30 })) {
        for (const value of Object.values(c.query)) expect(value.trim(), `${op.operationId}: ${JSON.stringify(value)}`).not.toBe('');
        for (const value of Object.values(c.headers)) expect(value.trim() === value && value !== '', `${op.operationId}: ${JSON.stringify(value)}`).toBe(true);
        for (const value of Object.values(c.path)) expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
      }
    }
  });

  it('starts with the spec example, its ids swapped for ones the server has', () => {
    const op = SPEC_OPERATIONS.find((o) => o.operationId === 'tickets_create')!;
    const example = operationCases(op, SOURCES).example!;
    expect(example.body).toMatchObject({ json: { client_id: 'cli_AAAAAAAAA1', contact_id: 'con_BBBBBBBBB1', assignee_id: 'usr_CCCCCCCCC1' } });
    const update = operationCases(SPEC_OPERATIONS.find((o) => o.operationId === 'tickets_update')!, SOURCES).example!;
    expect(update.path).toEqual({ ticket_id: 'tkt_EEEEEEEEE1' });
  });
});

describe('ids in generated bodies', () => {
  it('swap the same example id for the same id, different ones for different ids, and keep them when the server has too few', () => {
    expect(withIdsOf({ a: ['agt_01HZX4C9P2', 'agt_01HZX4C9P3', 'agt_01HZX4C9P2'], b: 'sch_01HZX4C9P2' }, SOURCES.known)).toEqual({
      a: ['agt_DDDDDDDDD1', 'agt_DDDDDDDDD2', 'agt_DDDDDDDDD1'],
      b: 'sch_01HZX4C9P2',
    });
    expect(withIdsOf(['cli_01HZX4C9P2', 'cli_01HZX4C9P3'], ['cli_AAAAAAAAA1'])).toEqual(['cli_AAAAAAAAA1', 'cli_01HZX4C9P3']);
  });

  it("agree with each other: a contact's client becomes the ticket's client", () => {
    const records = new Map([['con_BBBBBBBBB1', { id: 'con_BBBBBBBBB1', client_id: 'cli_ZZZZZZZZZ9', email: 'a@b.example' }]]);
    expect(alignReferences({ client_id: 'cli_AAAAAAAAA1', contact_id: 'con_BBBBBBBBB1', subject: 'x' }, records)).toEqual({ client_id: 'cli_ZZZZZZZZZ9', contact_id: 'con_BBBBBBBBB1', subject: 'x' });
    expect(alignReferences({ client_id: 'cli_AAAAAAAAA1', contact_id: 'con_UNKNOWN001' }, records)).toEqual({ client_id: 'cli_AAAAAAAAA1', contact_id: 'con_UNKNOWN001' });
    expect(alignReferences(['con_BBBBBBBBB1'], records)).toEqual(['con_BBBBBBBBB1']);
  });
});
