/**
 * The spec's links as the chains follow them, and the rule that tells a 422 for what the server
 * holds (a reference, a stated `x-server-rule`) from valid input rejected.
 */
import { describe, expect, it } from 'vitest';
import { refusedByServerRules, hasServerRule } from '../../conformance/checks/server-rules.js';
import type { RequestCase } from '../../conformance/generate/cases.js';
import type { ReceivedResponse } from '../../conformance/http/transport.js';
import { creatablePrefixes } from '../../conformance/run/ids.js';
import { evaluateExpression, linkParameters, readPointer } from '../../conformance/run/links.js';
import { SPEC_OPERATIONS, specOperation } from '../../conformance/spec/operations.js';

const response = (status: number, json: unknown): ReceivedResponse => ({ status, headers: new Headers({ location: '/v1/x/1' }), text: JSON.stringify(json), json, jsonError: undefined });
const request = (body: unknown, path: Record<string, string> = {}): RequestCase => ({ operationId: 'x', kind: 'positive', path, query: {}, headers: {}, body: { json: body }, broke: undefined });

describe('links', () => {
  it('evaluate the expressions the spec uses, and throw on any other', () => {
    const r = response(201, { data: { id: 'lic_AAAAAAAAA1', 'a/b': { '~c': 1 } } });
    expect(evaluateExpression('$response.body#/data/id', request({}), r)).toBe('lic_AAAAAAAAA1');
    expect(evaluateExpression('$request.path.tenant_id', request({}, { tenant_id: 'mst_BBBBBBBBB1' }), r)).toBe('mst_BBBBBBBBB1');
    expect(evaluateExpression('$response.header.Location', request({}), r)).toBe('/v1/x/1');
    expect(readPointer(r.json, '/data/a~1b/~0c')).toBe(1);
    expect(readPointer(r.json, '/data/missing/deeper')).toBeUndefined();
    expect(() => evaluateExpression('$url', request({}), r)).toThrow('the conformance suite cannot evaluate the link expression $url');
  });

  it('give the path parameters of their target, or nothing when a value is missing', () => {
    const assign = specOperation('m365Licenses_assign');
    const link = assign.responses.find((x) => x.key === '201')!.links.find((l) => l.operationId === 'm365Licenses_unassign')!;
    expect(linkParameters(link, request({}, { tenant_id: 'mst_BBBBBBBBB1' }), response(201, { data: { id: 'lic_AAAAAAAAA1' } }))).toEqual({ tenant_id: 'mst_BBBBBBBBB1', assignment_id: 'lic_AAAAAAAAA1' });
    expect(linkParameters(link, request({}, { tenant_id: 'mst_BBBBBBBBB1' }), response(201, { data: {} }))).toBeUndefined();
  });

  it('name what a client can create: what the responses of its POSTs link to by their own ids', () => {
    expect([...creatablePrefixes(SPEC_OPERATIONS)].sort()).toEqual(['cli', 'con', 'inc', 'key', 'lic', 'run', 'site', 'tkt']);
  });

  it('lead from every create to an operation of the spec', () => {
    for (const op of SPEC_OPERATIONS) for (const r of op.responses) for (const l of r.links) expect(() => specOperation(l.operationId)).not.toThrow();
  });
});

describe('a 422 for what the server holds', () => {
  const tickets = specOperation('tickets_create');
  const keys = specOperation('apiKeys_create');
  const details = (...fields: string[]) => response(422, { error: { code: 'VALIDATION_FAILED', message: 'x', request_id: 'req_1', details: fields.map((field) => ({ field, message: 'no' })) } });

  it('is a refusal when every field it names is a reference or has a stated rule', () => {
    expect(refusedByServerRules(tickets, request({ client_id: 'cli_AAAAAAAAA1', subject: 's' }), details('/client_id'))).toBe(true);
    expect(refusedByServerRules(keys, request({ name: 'n', expires_at: '2020-01-01T00:00:00Z' }), details('/expires_at'))).toBe(true);
    expect(hasServerRule(specOperation('internalSettings_update').requestBody!.schema, '/values/email_digest')).toBe(true);
  });

  it('is valid input rejected when it names another field, no field, or is not a 422', () => {
    expect(refusedByServerRules(tickets, request({ client_id: 'cli_AAAAAAAAA1', subject: 's' }), details('/client_id', '/subject'))).toBe(false);
    expect(refusedByServerRules(tickets, request({ subject: 's' }), details())).toBe(false);
    expect(refusedByServerRules(tickets, request({ subject: 's' }), response(422, { error: { code: 'VALIDATION_FAILED' } }))).toBe(false);
    expect(refusedByServerRules(tickets, request({ client_id: 'cli_AAAAAAAAA1' }), { ...details('/client_id'), status: 400 })).toBe(false);
  });
});
