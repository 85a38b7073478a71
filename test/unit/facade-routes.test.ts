import { describe, expect, it } from 'vitest';
import { operations, servers as fullServers, type OperationInfo } from '../../generated/operations.js';
import { servers } from '../../generated/routes.js';
import { queryRule, route, routeList, routeOf } from '../../src/internal/routes.js';
import { buildQueryRules, encodeQueryRules, encodeRoute } from '../../scripts/codegen/routes-table.js';
import type { OpenApiDocument } from '../../scripts/codegen/spec-types.js';

const rows = Object.values(operations) as OperationInfo[];

describe('the runtime routes table (generated/routes.ts)', () => {
  it('has exactly the operations of the full table, in operationId order', () => {
    expect(routeList().map((r) => r.operationId)).toEqual(Object.keys(operations).sort((a, b) => a.localeCompare(b)));
  });

  it.each(rows.map((op) => [op.operationId, op] as const))('%s agrees with the full operations table', (id, op) => {
    const { family, tag, summary, scopes, ...runtime } = op;
    void [family, tag, summary, scopes];
    expect(route(id as never)).toEqual(runtime);
    expect(routeOf(op.method, op.path)).toBe(route(id as never));
  });

  it('has the servers of the full table', () => {
    expect(servers).toEqual(fullServers);
  });

  it('refuses to encode what the encoding would lose', () => {
    const row = { ...(operations.agents_get as OperationInfo), scopes: [], pathParams: [], queryParams: [] };
    expect(() => encodeRoute(row as never)).toThrow(/path parameters/);
    expect(() => encodeRoute({ ...operations.agents_get, scopes: [], pathParams: ['agent_id'], queryParams: [], successor: 'has space' } as never)).toThrow(/cannot encode/);
  });

  it('decodes the query rules the generator encoded from the spec', () => {
    expect(queryRule('per_page')).toEqual({ type: 'integer', min: 1, max: 100 });
    expect(queryRule('billable')).toEqual({ type: 'boolean', min: undefined, max: undefined });
    expect(queryRule('email')).toEqual({ type: 'string', min: undefined, max: 254 });
    expect(queryRule('status')).toEqual({ type: 'string', min: undefined, max: undefined });
  });

  it('refuses a spec whose query rules or bodies the runtime checks could not express', () => {
    const doc = (parameters: unknown[], requestBody?: unknown): OpenApiDocument =>
      ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/v1/x': { get: { operationId: 'x_list', parameters, ...(requestBody ? { requestBody } : {}) } } } }) as never;
    const q = (name: string, schema: unknown) => ({ name, in: 'query', schema });
    expect(encodeQueryRules(buildQueryRules(doc([q('n', { type: 'integer', minimum: 1 }), q('s', { type: 'string' })])))).toBe('n i 1');
    expect(() => buildQueryRules(doc([q('ids', { type: 'array', items: { type: 'string' } })]))).toThrow(/scalar query parameters only/);
    expect(() => buildQueryRules(doc([q('n', { type: 'integer', exclusiveMinimum: 0 })]))).toThrow(/cannot express exclusiveMinimum/);
    const twoOperations = doc([q('n', { type: 'integer', maximum: 5 })]);
    twoOperations.paths['/v1/y'] = { get: { operationId: 'y_list', parameters: [q('n', { type: 'integer', maximum: 9 })] as never } };
    expect(() => buildQueryRules(twoOperations)).toThrow(/one rule per name/);
    expect(() => buildQueryRules(doc([], { required: true, content: { 'application/json': { schema: { type: 'array' } } } }))).toThrow(/JSON object bodies only/);
  });
});

