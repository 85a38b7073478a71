import { describe, expect, it } from 'vitest';
import { operations, servers as fullServers, type OperationInfo } from '../../generated/operations.js';
import { route, routeList, servers } from '../../generated/routes.js';
import { encodeRoute } from '../../scripts/codegen/routes-table.js';

const rows = Object.values(operations) as OperationInfo[];

describe('the runtime routes table (generated/routes.ts)', () => {
  it('has exactly the operations of the full table, in operationId order', () => {
    expect(routeList().map((r) => r.operationId)).toEqual(Object.keys(operations).sort((a, b) => a.localeCompare(b)));
  });

  it.each(rows.map((op) => [op.operationId, op] as const))('%s agrees with the full operations table', (id, op) => {
    const { family, tag, summary, scopes, queryParams, ...runtime } = op;
    void [family, tag, summary, scopes];
    expect(route(id as never)).toEqual({ ...runtime, query: queryParams.length > 0 });
  });

  it('has the servers of the full table', () => {
    expect(servers).toEqual(fullServers);
  });

  it('refuses to encode what the encoding would lose', () => {
    const row = { ...(operations.agents_get as OperationInfo), scopes: [], pathParams: [], queryParams: [] };
    expect(() => encodeRoute(row as never)).toThrow(/path parameters/);
    expect(() => encodeRoute({ ...operations.agents_get, scopes: [], pathParams: ['agent_id'], queryParams: [], successor: 'has space' } as never)).toThrow(/cannot encode/);
  });
});
